// Stock per SKU and warehouse. `reserved` moves only through guarded writes: a reservation that
// would take more than is available changes no row, so stock can never be oversold.
import type { Row } from '@libsql/client';
import type { StockView } from '../domain/routing.ts';
import type { Sql } from './client.ts';
import { num, placeholders, str } from './rows.ts';

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
  const view = new Map<string, Map<string, number>>();
  if (skus.length === 0) return view;
  const rs = await sql.execute({
    sql: `SELECT sku, warehouse_id, on_hand - reserved AS available FROM stock WHERE sku IN (${placeholders(skus.length)})`,
    args: skus,
  });
  for (const row of rs.rows) {
    const wh = str(row, 'warehouse_id');
    if (!view.has(wh)) view.set(wh, new Map());
    view.get(wh)?.set(str(row, 'sku'), num(row, 'available'));
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
