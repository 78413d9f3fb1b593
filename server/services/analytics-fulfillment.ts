// How well orders placed in the range were fulfilled: the split rate (orders shipped in more than
// one fulfillment), lead times from order to ship to door, and deliveries made by their ETA.
import type { Sql } from '../store/client.ts';
import { num } from '../store/rows.ts';
import { type DateRange, type Percentiles, percentiles, placedIn, rate } from './analytics-range.ts';

export interface FulfillmentReport {
  range: DateRange;
  /** Orders with at least one live (not cancelled) fulfillment. */
  orders: number;
  /** Of those, orders with more than one. */
  splitOrders: number;
  splitRate: number | null;
  /** Per shipped fulfillment, in hours: placed to shipped, shipped to delivered, placed to delivered. */
  leadTimeHours: { orderToShip: Percentiles; shipToDeliver: Percentiles; orderToDeliver: Percentiles };
  /** Delivered fulfillments, and those delivered on or before their ETA day. */
  onTime: { delivered: number; onTime: number; rate: number | null };
}

export async function fulfillmentReport(sql: Sql, range: DateRange): Promise<FulfillmentReport> {
  const f = placedIn('o.placed_at', range);
  const split = await sql.execute({
    sql: `SELECT COUNT(*) AS orders, COALESCE(SUM(CASE WHEN n > 1 THEN 1 ELSE 0 END), 0) AS split
          FROM (SELECT o.id, COUNT(*) AS n FROM orders o JOIN fulfillments f ON f.order_id = o.id
                WHERE f.status != 'cancelled' AND ${f.where} GROUP BY o.id)`,
    args: f.args,
  });
  const times = await sql.execute({
    sql: `SELECT (julianday(f.shipped_at) - julianday(o.placed_at)) * 24 AS to_ship,
                 (julianday(f.delivered_at) - julianday(f.shipped_at)) * 24 AS to_deliver,
                 (julianday(f.delivered_at) - julianday(o.placed_at)) * 24 AS to_door,
                 CASE WHEN f.delivered_at IS NULL THEN NULL WHEN date(f.delivered_at) <= date(f.eta) THEN 1 ELSE 0 END AS on_time
          FROM orders o JOIN fulfillments f ON f.order_id = o.id
          WHERE f.shipped_at IS NOT NULL AND ${f.where}`,
    args: f.args,
  });
  const column = (name: string) => times.rows.flatMap((r) => (r[name] == null ? [] : [Number(r[name])]));
  const row = split.rows[0];
  const orders = row ? num(row, 'orders') : 0;
  const splitOrders = row ? num(row, 'split') : 0;
  const onTimeFlags = column('on_time');
  const onTime = onTimeFlags.filter((v) => v === 1).length;
  return {
    range,
    orders,
    splitOrders,
    splitRate: rate(splitOrders, orders),
    leadTimeHours: {
      orderToShip: percentiles(column('to_ship')),
      shipToDeliver: percentiles(column('to_deliver')),
      orderToDeliver: percentiles(column('to_door')),
    },
    onTime: { delivered: onTimeFlags.length, onTime, rate: rate(onTime, onTimeFlags.length) },
  };
}
