// Stock per SKU and warehouse. `reserved` moves only through guarded writes: a reservation that
// would take more than is available changes no row, so stock can never be oversold.
import type { Row } from '@libsql/client';
import type { StockView } from '../domain/routing.ts';
import type { Sql } from './client.ts';
import { num, placeholders, rows, str } from './rows.ts';

export interface StockLevel {
  sku: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  available: number;
}

export interface StockMove {
  sku: string;
  warehouseId: string;
  quantity: number;
}

/** A location's counts right after a move, recorded in the move's event so consumers need not re-read stock. */
export interface StockAfter {
  onHand: number;
  reserved: number;
}

const after = (rs: { rows: Row[] }): StockAfter | undefined => {
  const row = rs.rows[0];
  return row ? { onHand: num(row, 'on_hand'), reserved: num(row, 'reserved') } : undefined;
};

/** Available units of these SKUs in every warehouse. */
export async function readAvailability(sql: Sql, skus: string[]): Promise<StockView> {
  return availabilityView(await readAvailabilityRows(sql, skus));
}

/** A location's available units, as readAvailabilityRows lists them. */
export type AvailableRow = readonly [sku: string, warehouseId: string, available: number];

/** The rows of readAvailability, in the order it reads them (by SKU, then warehouse). */
export async function readAvailabilityRows(sql: Sql, skus: string[]): Promise<AvailableRow[]> {
  if (skus.length === 0) return [];
  const rs = await sql.execute({
    // In the key's order, which the index gives for nothing: a stock view's order follows it, and
    // intakeFactsMany's views, cut from a longer list, must come out as intakeFacts's would.
    sql: `SELECT sku, warehouse_id, on_hand - reserved AS available FROM stock WHERE sku IN (${placeholders(skus.length)})
          ORDER BY sku, warehouse_id`,
    args: skus,
  });
  return rs.rows.map((row) => [str(row, 'sku'), str(row, 'warehouse_id'), num(row, 'available')] as const);
}

/** Rows of available units as a stock view: per warehouse, in the order its first row came. */
export function availabilityView(rows: readonly AvailableRow[]): StockView {
  const view = new Map<string, Map<string, number>>();
  for (const [sku, warehouseId, available] of rows) {
    let counts = view.get(warehouseId);
    if (!counts) view.set(warehouseId, (counts = new Map()));
    counts.set(sku, available);
  }
  return view;
}

/** Reserves units if they are available: the counts after, or undefined (and nothing changed) when they are not. */
export async function reserveStock(sql: Sql, move: StockMove, now: string): Promise<StockAfter | undefined> {
  const rs = await sql.execute({
    sql: `UPDATE stock SET reserved = reserved + ?, updated_at = ?
          WHERE sku = ? AND warehouse_id = ? AND on_hand - reserved >= ? RETURNING on_hand, reserved`,
    args: [move.quantity, now, move.sku, move.warehouseId, move.quantity],
  });
  return after(rs);
}

/** A move with the location's counts right after it. */
export type ReservedMove = StockMove & StockAfter;

/**
 * Reserves every move in one guarded statement (moves to the same location are summed first): the
 * moves with the counts after, or undefined when a location is short. Then the other locations may
 * have been reserved, so the caller's transaction must roll back.
 */
export async function reserveAll(sql: Sql, moves: StockMove[], now: string): Promise<ReservedMove[] | undefined> {
  const byLocation = new Map<string, StockMove>();
  for (const m of moves) {
    const key = `${m.sku}\u0000${m.warehouseId}`;
    const seen = byLocation.get(key);
    byLocation.set(key, seen ? { ...seen, quantity: seen.quantity + m.quantity } : m);
  }
  const list = [...byLocation.values()];
  if (list.length === 0) return [];
  const rs = await sql.execute({
    sql: `WITH m(sku, warehouse_id, quantity) AS (VALUES ${rows(list.length, 3)})
          UPDATE stock SET reserved = stock.reserved + m.quantity, updated_at = ?
          FROM m WHERE stock.sku = m.sku AND stock.warehouse_id = m.warehouse_id AND stock.on_hand - stock.reserved >= m.quantity
          RETURNING sku, warehouse_id, on_hand, reserved`,
    args: [...list.flatMap((m) => [m.sku, m.warehouseId, m.quantity]), now],
  });
  if (rs.rows.length !== list.length) return undefined;
  const after = new Map(rs.rows.map((r) => [`${str(r, 'sku')}\u0000${str(r, 'warehouse_id')}`, r]));
  return list.map((m) => {
    const r = after.get(`${m.sku}\u0000${m.warehouseId}`) as Row;
    return { ...m, onHand: num(r, 'on_hand'), reserved: num(r, 'reserved') };
  });
}

/** Gives reserved units back to available stock. */
export async function releaseStock(sql: Sql, move: StockMove, now: string): Promise<StockAfter> {
  const rs = await sql.execute({
    sql: 'UPDATE stock SET reserved = reserved - ?, updated_at = ? WHERE sku = ? AND warehouse_id = ? AND reserved >= ? RETURNING on_hand, reserved',
    args: [move.quantity, now, move.sku, move.warehouseId, move.quantity],
  });
  return assertReserved(after(rs), 'release', move);
}

/** Units leave the building: on hand and reserved both drop. */
export async function consumeStock(sql: Sql, move: StockMove, now: string): Promise<StockAfter> {
  const rs = await sql.execute({
    sql: `UPDATE stock SET on_hand = on_hand - ?, reserved = reserved - ?, updated_at = ?
          WHERE sku = ? AND warehouse_id = ? AND reserved >= ? RETURNING on_hand, reserved`,
    args: [move.quantity, move.quantity, now, move.sku, move.warehouseId, move.quantity],
  });
  return assertReserved(after(rs), 'ship', move);
}

// A fulfillment's units are always reserved while it is open; anything else is a bug, not user error.
function assertReserved(level: StockAfter | undefined, what: string, move: StockMove): StockAfter {
  if (!level) throw new Error(`cannot ${what} ${move.quantity} ${move.sku} at ${move.warehouseId}: not reserved`);
  return level;
}

export async function getStockLevel(sql: Sql, sku: string, warehouseId: string): Promise<StockLevel | undefined> {
  const rs = await sql.execute({ sql: 'SELECT * FROM stock WHERE sku = ? AND warehouse_id = ?', args: [sku, warehouseId] });
  return rs.rows[0] ? toLevel(rs.rows[0]) : undefined;
}

/** Sets a location's on-hand count, creating the row when it is new. */
export async function setOnHand(sql: Sql, sku: string, warehouseId: string, onHand: number, now: string): Promise<void> {
  await sql.execute({
    sql: `INSERT INTO stock (sku, warehouse_id, on_hand, reserved, updated_at) VALUES (?, ?, ?, 0, ?)
          ON CONFLICT (sku, warehouse_id) DO UPDATE SET on_hand = excluded.on_hand, updated_at = excluded.updated_at`,
    args: [sku, warehouseId, onHand, now],
  });
}

export async function stockForSku(sql: Sql, sku: string): Promise<StockLevel[]> {
  const rs = await sql.execute({ sql: 'SELECT * FROM stock WHERE sku = ? ORDER BY warehouse_id', args: [sku] });
  return rs.rows.map(toLevel);
}

export async function stockForWarehouse(sql: Sql, warehouseId: string): Promise<StockLevel[]> {
  const rs = await sql.execute({ sql: 'SELECT * FROM stock WHERE warehouse_id = ? ORDER BY sku', args: [warehouseId] });
  return rs.rows.map(toLevel);
}

export async function allStock(sql: Sql): Promise<StockLevel[]> {
  const rs = await sql.execute('SELECT * FROM stock ORDER BY sku, warehouse_id');
  return rs.rows.map(toLevel);
}

function toLevel(row: Row): StockLevel {
  const onHand = num(row, 'on_hand');
  const reserved = num(row, 'reserved');
  return { sku: str(row, 'sku'), warehouseId: str(row, 'warehouse_id'), onHand, reserved, available: Math.max(0, onHand - reserved) };
}
