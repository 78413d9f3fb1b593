// The books must balance: reserved stock equals the open allocations, nothing is negative, every
// unit of every order is allocated, shipped, backordered or held, and every event in the webhook
// outbox is delivered, pending or dead-lettered. `npm run check` runs this.
import type { Db, Sql } from '../store/client.ts';
import { checkOutbox, type OutboxCounts, type OutboxViolationKind } from './outbox-invariants.ts';

export interface Violation {
  kind: 'reserved_mismatch' | 'negative_stock' | 'over_reserved' | 'units_unaccounted' | OutboxViolationKind;
  subject: string;
  message: string;
}

export interface InvariantReport {
  ok: boolean;
  checked: { stockRows: number; orders: number; outbox: OutboxCounts };
  violations: Violation[];
}

export interface InvariantOptions {
  /** The current time (claimed webhook deliveries are those locked past it); the system clock by default. */
  now?: string | undefined;
  /** The dispatchers' attempts per round, when known: dead letters and pending rows are checked against it. */
  webhookMaxAttempts?: number | undefined;
}

/**
 * The units each open fulfillment holds reserved: its lines, or for kits the components it recorded.
 */
const OPEN_RESERVATIONS = `
  SELECT f.warehouse_id, l.sku, l.quantity FROM fulfillments f JOIN fulfillment_lines l ON l.fulfillment_id = f.id
  WHERE f.status = 'allocated' AND f.reservations IS NULL
  UNION ALL
  SELECT f.warehouse_id, json_extract(r.value, '$.sku'), json_extract(r.value, '$.quantity') FROM fulfillments f, json_each(f.reservations) r
  WHERE f.status = 'allocated' AND f.reservations IS NOT NULL`;

/** Checks every invariant with a few set-based queries; read-only. */
export async function checkInvariants(db: Db, opts: InvariantOptions = {}): Promise<InvariantReport> {
  return db.read(async (sql) => {
    const violations: Violation[] = [];
    const reserved = await sql.execute(`
      SELECT s.sku, s.warehouse_id, s.on_hand, s.reserved, COALESCE(a.allocated, 0) AS allocated
      FROM stock s LEFT JOIN (
        SELECT warehouse_id, sku, SUM(quantity) AS allocated FROM (${OPEN_RESERVATIONS}) GROUP BY warehouse_id, sku
      ) a ON a.sku = s.sku AND a.warehouse_id = s.warehouse_id`);
    for (const r of reserved.rows) {
      const subject = `${r.sku}@${r.warehouse_id}`;
      if (Number(r.reserved) !== Number(r.allocated)) {
        violations.push({ kind: 'reserved_mismatch', subject, message: `reserved ${r.reserved} but open allocations hold ${r.allocated}` });
      }
      if (Number(r.on_hand) < 0) violations.push({ kind: 'negative_stock', subject, message: `on hand ${r.on_hand}` });
      if (Number(r.reserved) > Number(r.on_hand))
        violations.push({ kind: 'over_reserved', subject, message: `reserved ${r.reserved} of ${r.on_hand} on hand` });
    }
    const orphans = await sql.execute(`
      SELECT a.warehouse_id, a.sku, a.allocated FROM (
        SELECT warehouse_id, sku, SUM(quantity) AS allocated FROM (${OPEN_RESERVATIONS}) GROUP BY warehouse_id, sku) a
      LEFT JOIN stock s ON s.sku = a.sku AND s.warehouse_id = a.warehouse_id WHERE s.sku IS NULL`);
    for (const r of orphans.rows) {
      violations.push({
        kind: 'reserved_mismatch',
        subject: `${r.sku}@${r.warehouse_id}`,
        message: `${r.allocated} allocated where no stock row exists`,
      });
    }
    const orders = await checkOrderUnits(sql, violations);
    const outbox = await checkOutbox(sql, { now: opts.now ?? new Date().toISOString(), maxAttempts: opts.webhookMaxAttempts }, violations);
    return { ok: violations.length === 0, checked: { stockRows: reserved.rows.length, orders, outbox }, violations };
  });
}

/** Ordered units per SKU = allocated or shipped + backordered, unless the order is held or cancelled. */
async function checkOrderUnits(sql: Sql, violations: Violation[]): Promise<number> {
  const rs = await sql.execute(`
    SELECT o.id, o.status, o.holds, ol.sku, ol.ordered, COALESCE(fl.placed, 0) AS placed
    FROM orders o
    JOIN (SELECT order_id, sku, SUM(quantity) AS ordered FROM order_lines GROUP BY order_id, sku) ol ON ol.order_id = o.id
    LEFT JOIN (
      SELECT f.order_id, l.sku, SUM(l.quantity) AS placed FROM fulfillments f JOIN fulfillment_lines l ON l.fulfillment_id = f.id
      WHERE f.status != 'cancelled' GROUP BY f.order_id, l.sku
    ) fl ON fl.order_id = o.id AND fl.sku = ol.sku
    WHERE o.status NOT IN ('cancelled', 'on_hold')`);
  const ids = new Set<string>();
  for (const r of rs.rows) {
    ids.add(String(r.id));
    const holds = JSON.parse(String(r.holds)) as { reason: string; lines?: { sku: string; quantity: number }[] }[];
    const waiting = holds
      .filter((h) => h.reason === 'backordered')
      .flatMap((h) => h.lines ?? [])
      .filter((l) => l.sku === r.sku)
      .reduce((n, l) => n + l.quantity, 0);
    if (Number(r.placed) + waiting !== Number(r.ordered)) {
      violations.push({
        kind: 'units_unaccounted',
        subject: `${r.id} ${r.sku}`,
        message: `ordered ${r.ordered}, placed in fulfillments ${r.placed}, backordered ${waiting}`,
      });
    }
  }
  return ids.size;
}
