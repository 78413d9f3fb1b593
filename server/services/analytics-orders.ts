// Orders by channel, status and day, and the landed cost of orders (shipping, handling, duties)
// over time: one aggregate query each over orders placed in the range.
import type { Sql } from '../store/client.ts';
import { num, str } from '../store/rows.ts';
import { type DateRange, daysOf, placedIn } from './analytics-range.ts';

export interface OrdersReport {
  range: DateRange;
  total: number;
  byChannel: { channelId: string; orders: number }[];
  byStatus: { status: string; orders: number }[];
  /** Every day of the range, with zeros. */
  byDay: { day: string; orders: number; byChannel: Record<string, number> }[];
}

const bump = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
const sortedCounts = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

/** Orders placed in the range (by `placedAt`), counted by channel, current status and UTC day. */
export async function ordersReport(sql: Sql, range: DateRange): Promise<OrdersReport> {
  const f = placedIn('placed_at', range);
  const rs = await sql.execute({
    sql: `SELECT strftime('%Y-%m-%d', placed_at) AS day, channel_id, status, COUNT(*) AS n
          FROM orders WHERE ${f.where} GROUP BY day, channel_id, status`,
    args: f.args,
  });
  const byChannel = new Map<string, number>();
  const byStatus = new Map<string, number>();
  const byDay = new Map(daysOf(range).map((d) => [d, new Map<string, number>()]));
  for (const row of rs.rows) {
    const n = num(row, 'n');
    bump(byChannel, str(row, 'channel_id'), n);
    bump(byStatus, str(row, 'status'), n);
    const day = byDay.get(str(row, 'day'));
    if (day) bump(day, str(row, 'channel_id'), n);
  }
  return {
    range,
    total: [...byChannel.values()].reduce((a, b) => a + b, 0),
    byChannel: sortedCounts(byChannel).map(([channelId, orders]) => ({ channelId, orders })),
    byStatus: sortedCounts(byStatus).map(([status, orders]) => ({ status, orders })),
    byDay: [...byDay].map(([day, m]) => ({ day, orders: [...m.values()].reduce((a, b) => a + b, 0), byChannel: Object.fromEntries(m) })),
  };
}

export interface CostParts {
  shipping: number;
  handling: number;
  duties: number;
  total: number;
}

export interface LandedCostReport {
  range: DateRange;
  /** Orders with at least one live (not cancelled) fulfillment. */
  orders: number;
  total: CostParts;
  /** Average per order, rounded to whole minor units. */
  perOrder: CostParts;
  byDay: { day: string; orders: number; total: CostParts; perOrder: CostParts }[];
}

const ZERO: CostParts = { shipping: 0, handling: 0, duties: 0, total: 0 };

function average(c: CostParts, n: number): CostParts {
  if (n === 0) return ZERO;
  return {
    shipping: Math.round(c.shipping / n),
    handling: Math.round(c.handling / n),
    duties: Math.round(c.duties / n),
    total: Math.round(c.total / n),
  };
}

/** What getting each order to its buyer costs: the sum of its live fulfillments' costs, per day. */
export async function landedCostReport(sql: Sql, range: DateRange): Promise<LandedCostReport> {
  const f = placedIn('o.placed_at', range);
  const rs = await sql.execute({
    sql: `SELECT day, COUNT(*) AS orders, SUM(shipping) AS shipping, SUM(handling) AS handling, SUM(duties) AS duties, SUM(total) AS total
          FROM (SELECT strftime('%Y-%m-%d', o.placed_at) AS day, SUM(f.cost_shipping) AS shipping, SUM(f.cost_handling) AS handling,
                       SUM(f.cost_duties) AS duties, SUM(f.cost_total) AS total
                FROM orders o JOIN fulfillments f ON f.order_id = o.id
                WHERE f.status != 'cancelled' AND ${f.where} GROUP BY o.id)
          GROUP BY day`,
    args: f.args,
  });
  const found = new Map(rs.rows.map((r) => [str(r, 'day'), { orders: num(r, 'orders'), total: parts(r) }]));
  const byDay = daysOf(range).map((day) => {
    const d = found.get(day) ?? { orders: 0, total: ZERO };
    return { day, orders: d.orders, total: d.total, perOrder: average(d.total, d.orders) };
  });
  const orders = byDay.reduce((n, d) => n + d.orders, 0);
  const total = byDay.reduce(
    (t, d) => ({
      shipping: t.shipping + d.total.shipping,
      handling: t.handling + d.total.handling,
      duties: t.duties + d.total.duties,
      total: t.total + d.total.total,
    }),
    ZERO,
  );
  return { range, orders, total, perOrder: average(total, orders), byDay };
}

const parts = (r: Parameters<typeof num>[0]): CostParts => ({
  shipping: num(r, 'shipping'),
  handling: num(r, 'handling'),
  duties: num(r, 'duties'),
  total: num(r, 'total'),
});
