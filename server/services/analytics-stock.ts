// Stock-outs (units held for stock, reroutes that found none: oversells the guarded reservations
// prevented), turnover and days of cover per warehouse, and SKU velocity per warehouse.
import type { Sql } from '../store/client.ts';
import { num, str } from '../store/rows.ts';
import { type DateRange, placedIn, round, stampedIn } from './analytics-range.ts';

export interface StockOutReport {
  range: DateRange;
  /** Orders placed in the range with units held for stock at intake, and those units. */
  backordered: { orders: number; units: number; bySku: { sku: string; orders: number; units: number }[] };
  /** Of those orders, the ones still waiting now. */
  stillBackordered: { orders: number; units: number };
  /** Backorders brokered in the range (`order.rerouted`) and the units they allocated. */
  backordersFilled: { reroutes: number; units: number };
  /** Reservations refused for want of stock: backorder holds at intake + reroutes that found none. */
  oversellPrevented: { backorderHolds: number; rerouteAttemptsWithoutStock: number; total: number };
}

export async function stockOutReport(sql: Sql, range: DateRange): Promise<StockOutReport> {
  const f = placedIn('o.placed_at', range);
  // The first event of an order is its creation, whose data holds the holds it was stored with.
  const held = await sql.execute({
    sql: `SELECT o.id AS order_id, json_extract(l.value, '$.sku') AS sku, SUM(json_extract(l.value, '$.quantity')) AS units
          FROM orders o
          JOIN events e ON e.order_id = o.id AND e.seq = (SELECT MIN(seq) FROM events WHERE order_id = o.id)
          JOIN json_each(e.data, '$.holds') AS h
          JOIN json_each(h.value, '$.lines') AS l
          WHERE json_extract(h.value, '$.reason') = 'backordered' AND ${f.where}
          GROUP BY o.id, sku`,
    args: f.args,
  });
  const still = await sql.execute({
    sql: `SELECT COUNT(*) AS orders, COALESCE(SUM(o.backordered_units), 0) AS units FROM orders o
          WHERE o.backordered_units > 0 AND o.status != 'cancelled' AND ${f.where}`,
    args: f.args,
  });
  const e = stampedIn('at', range);
  const reroutes = await sql.execute({
    sql: `SELECT type, COUNT(*) AS n, COALESCE(SUM(json_extract(data, '$.routedUnits')), 0) AS units FROM events
          WHERE type IN ('order.rerouted', 'order.reroute_attempted') AND ${e.where} GROUP BY type`,
    args: e.args,
  });
  const bySku = new Map<string, { orders: number; units: number }>();
  for (const r of held.rows) {
    const s = bySku.get(str(r, 'sku')) ?? { orders: 0, units: 0 };
    bySku.set(str(r, 'sku'), { orders: s.orders + 1, units: s.units + num(r, 'units') });
  }
  const orders = new Set(held.rows.map((r) => str(r, 'order_id'))).size;
  const reroute = (type: string, col: string) => {
    const row = reroutes.rows.find((r) => str(r, 'type') === type);
    return row ? num(row, col) : 0;
  };
  const attempts = reroute('order.reroute_attempted', 'n');
  const stillRow = still.rows[0];
  return {
    range,
    backordered: {
      orders,
      units: [...bySku.values()].reduce((n, s) => n + s.units, 0),
      bySku: [...bySku].map(([sku, s]) => ({ sku, ...s })).sort((a, b) => b.units - a.units || (a.sku < b.sku ? -1 : 1)),
    },
    stillBackordered: { orders: stillRow ? num(stillRow, 'orders') : 0, units: stillRow ? num(stillRow, 'units') : 0 },
    backordersFilled: { reroutes: reroute('order.rerouted', 'n'), units: reroute('order.rerouted', 'units') },
    oversellPrevented: { backorderHolds: orders, rerouteAttemptsWithoutStock: attempts, total: orders + attempts },
  };
}

/** Units shipped in the range per warehouse and SKU (by `shippedAt`). */
export async function shippedUnits(sql: Sql, range: DateRange): Promise<{ warehouseId: string; sku: string; units: number }[]> {
  const f = stampedIn('f.shipped_at', range);
  const rs = await sql.execute({
    sql: `SELECT f.warehouse_id, fl.sku, SUM(fl.quantity) AS units
          FROM fulfillments f JOIN fulfillment_lines fl ON fl.fulfillment_id = f.id
          WHERE ${f.where} GROUP BY f.warehouse_id, fl.sku`,
    args: f.args,
  });
  return rs.rows.map((r) => ({ warehouseId: str(r, 'warehouse_id'), sku: str(r, 'sku'), units: num(r, 'units') }));
}

export interface WarehouseTurnover {
  warehouseId: string;
  shippedUnits: number;
  unitsPerDay: number;
  onHand: number;
  reserved: number;
  available: number;
  /** Damaged returned units held apart (not in onHand). */
  quarantined: number;
  /** Shipped units over the range per unit on hand now; null with nothing on hand. */
  turnover: number | null;
  /** Days the units on hand last at the range's shipping rate; null when nothing shipped. */
  daysOfCover: number | null;
}

/** Turnover and days of cover per warehouse: shipped units per day against what is on hand now. */
export async function inventoryReport(sql: Sql, range: DateRange, warehouseIds: string[]) {
  const shipped = await shippedUnits(sql, range);
  const stock = await sql.execute(
    'SELECT warehouse_id, SUM(on_hand) AS on_hand, SUM(reserved) AS reserved FROM stock GROUP BY warehouse_id',
  );
  const quarantine = await sql.execute('SELECT warehouse_id, SUM(quantity) AS n FROM quarantine GROUP BY warehouse_id');
  const ids = [...new Set([...warehouseIds, ...stock.rows.map((r) => str(r, 'warehouse_id'))])].sort();
  const warehouses: WarehouseTurnover[] = ids.map((warehouseId) => {
    const s = stock.rows.find((r) => str(r, 'warehouse_id') === warehouseId);
    const q = quarantine.rows.find((r) => str(r, 'warehouse_id') === warehouseId);
    const onHand = s ? num(s, 'on_hand') : 0;
    const reserved = s ? num(s, 'reserved') : 0;
    const units = shipped.filter((x) => x.warehouseId === warehouseId).reduce((n, x) => n + x.units, 0);
    const perDay = units / range.days;
    return {
      warehouseId,
      shippedUnits: units,
      unitsPerDay: round(perDay),
      onHand,
      reserved,
      available: Math.max(0, onHand - reserved),
      quarantined: q ? num(q, 'n') : 0,
      turnover: onHand > 0 ? round(units / onHand) : null,
      daysOfCover: perDay > 0 ? round(onHand / perDay, 1) : null,
    };
  });
  return { range, warehouses };
}
