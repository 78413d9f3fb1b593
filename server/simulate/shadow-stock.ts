// The stock a live order was decided against, so a shadow's candidate decides on the same stock.
// Intake re-checks its plan against fresh stock inside the write that stores the order, and writes
// are serialised, so the live decision saw exactly the availability right before the order's first
// event. That is read back from the event log: today's availability, less every change logged since
// (webhooks/stock-at.ts does the arithmetic). When the log since the oldest order of a batch is
// longer than `maxEvents` (a shadow far behind), it is approximated instead: today's availability
// plus what the order itself reserved. Each recorded order says which it got.
import type { StockView } from '../domain/routing.ts';
import type { Db, Sql } from '../store/client.ts';
import { availabilityEventsFrom, placementReservations } from '../store/shadow-repo.ts';
import { readAvailability } from '../store/stock-repo.ts';
import { availabilityChanges, availableAt, type Change } from '../webhooks/stock-at.ts';

export interface StockReading {
  view: StockView;
  exact: boolean;
}

export interface OrderStockQuery {
  /** The order's first event. */
  seq: number;
  orderId: string;
  /** Its stock SKUs (kits' components included). */
  skus: string[];
}

const key = (warehouseId: string, sku: string) => `${warehouseId}\u0000${sku}`;

/** Runs reads in one read transaction, so availability and the event log are of the same moment. */
export function readSnapshot<T>(db: Db, fn: (sql: Sql) => Promise<T>): Promise<T> {
  return db.read(async () => {
    const tx = await db.client.transaction('deferred');
    try {
      return await fn(tx);
    } finally {
      tx.close();
    }
  });
}

/** The availability each order's live decision saw, per order seq. */
export async function stockBefore(sql: Sql, orders: OrderStockQuery[], maxEvents: number): Promise<Map<number, StockReading>> {
  const out = new Map<number, StockReading>();
  if (orders.length === 0) return out;
  const skus = new Set(orders.flatMap((o) => o.skus));
  const now = await readAvailability(sql, [...skus]);
  const from = Math.min(...orders.map((o) => o.seq));
  const events = await availabilityEventsFrom(sql, from, maxEvents + 1);
  if (events.length > maxEvents) {
    for (const o of orders)
      out.set(o.seq, { view: withOwnReservations(now, o, await placementReservations(sql, o.orderId)), exact: false });
    return out;
  }
  const changes = new Map<string, Change[]>();
  for (const e of events) {
    for (const c of availabilityChanges(e)) {
      if (!skus.has(c.sku)) continue;
      const list = changes.get(key(c.warehouseId, c.sku)) ?? [];
      list.push({ seq: e.seq, delta: c.delta, after: c.after });
      changes.set(key(c.warehouseId, c.sku), list);
    }
  }
  for (const o of orders) {
    const view = new Map<string, Map<string, number>>();
    for (const [warehouseId, levels] of now) {
      const here = new Map<string, number>();
      for (const sku of o.skus) {
        const current = levels.get(sku);
        if (current !== undefined) here.set(sku, availableAt(changes.get(key(warehouseId, sku)) ?? [], o.seq - 1, current));
      }
      if (here.size > 0) view.set(warehouseId, here);
    }
    out.set(o.seq, { view, exact: true });
  }
  return out;
}

function withOwnReservations(
  now: StockView,
  o: OrderStockQuery,
  reserved: { sku: string; warehouseId: string; quantity: number }[],
): StockView {
  const view = new Map<string, Map<string, number>>();
  for (const [warehouseId, levels] of now) {
    view.set(warehouseId, new Map([...levels].filter(([sku]) => o.skus.includes(sku))));
  }
  for (const r of reserved) {
    const here = view.get(r.warehouseId) ?? new Map<string, number>();
    here.set(r.sku, (here.get(r.sku) ?? 0) + r.quantity);
    view.set(r.warehouseId, here);
  }
  return view;
}
