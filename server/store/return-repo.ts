// Returns (RMAs) with their lines, units coming back into stock, and the quarantine of damaged units.
import type { Row } from '@libsql/client';
import type { Sql } from './client.ts';
import { bool, num, optStr, placeholders, rows, str } from './rows.ts';
import type { StockMove } from './stock-repo.ts';

export const RETURN_STATUSES = ['requested', 'received'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export interface ReturnLine {
  sku: string;
  /** Units authorised for return. */
  quantity: number;
  /** Units received back in sellable condition (back into available stock). */
  sellable: number;
  /** Units received damaged (into quarantine). */
  damaged: number;
}

export interface OrderReturn {
  id: string;
  orderId: string;
  channelId: string;
  status: ReturnStatus;
  reason: string;
  note: string | null;
  exchange: boolean;
  /** The replacement order of an exchange, once it was placed. */
  exchangeOrderId: string | null;
  /** Where the units were received. */
  warehouseId: string | null;
  lines: ReturnLine[];
  createdAt: string;
  receivedAt: string | null;
  updatedAt: string;
}

export interface ReturnFilter {
  status?: ReturnStatus | undefined;
  orderId?: string | undefined;
  channelId?: string | undefined;
  limit: number;
  /** Only returns created before this one (paging, newest first). */
  before?: string | undefined;
}

export interface QuarantineLevel {
  sku: string;
  warehouseId: string;
  quantity: number;
  updatedAt: string;
}

export async function insertReturn(sql: Sql, r: OrderReturn): Promise<void> {
  await sql.execute({
    sql: `INSERT INTO returns (id, order_id, channel_id, status, reason, note, exchange, exchange_order_id, warehouse_id,
            created_at, received_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      r.id,
      r.orderId,
      r.channelId,
      r.status,
      r.reason,
      r.note,
      r.exchange ? 1 : 0,
      r.exchangeOrderId,
      r.warehouseId,
      r.createdAt,
      r.receivedAt,
      r.updatedAt,
    ],
  });
  await sql.execute({
    sql: `INSERT INTO return_lines (return_id, sku, quantity, sellable, damaged) VALUES ${rows(r.lines.length, 5)}`,
    args: r.lines.flatMap((l) => [r.id, l.sku, l.quantity, l.sellable, l.damaged]),
  });
}

/** Records a receipt: where, when, and the units per condition. */
export async function updateReceived(sql: Sql, r: OrderReturn): Promise<void> {
  await sql.execute({
    sql: 'UPDATE returns SET status = ?, warehouse_id = ?, received_at = ?, updated_at = ? WHERE id = ?',
    args: [r.status, r.warehouseId, r.receivedAt, r.updatedAt, r.id],
  });
  for (const l of r.lines) {
    await sql.execute({
      sql: 'UPDATE return_lines SET sellable = ?, damaged = ? WHERE return_id = ? AND sku = ?',
      args: [l.sellable, l.damaged, r.id, l.sku],
    });
  }
}

export async function setExchangeOrder(sql: Sql, returnId: string, orderId: string, now: string): Promise<void> {
  await sql.execute({ sql: 'UPDATE returns SET exchange_order_id = ?, updated_at = ? WHERE id = ?', args: [orderId, now, returnId] });
}

export async function getReturn(sql: Sql, id: string): Promise<OrderReturn | undefined> {
  const rs = await sql.execute({ sql: 'SELECT * FROM returns WHERE id = ?', args: [id] });
  return (await hydrate(sql, rs.rows))[0];
}

/** Returns newest first, with their lines. */
export async function listReturns(sql: Sql, f: ReturnFilter): Promise<OrderReturn[]> {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.status) where.push('status = ?') && args.push(f.status);
  if (f.orderId) where.push('order_id = ?') && args.push(f.orderId);
  if (f.channelId) where.push('channel_id = ?') && args.push(f.channelId);
  if (f.before) where.push('(created_at, id) < (SELECT created_at, id FROM returns WHERE id = ?)') && args.push(f.before);
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const rs = await sql.execute({
    sql: `SELECT * FROM returns ${clause} ORDER BY created_at DESC, id DESC LIMIT ?`,
    args: [...args, f.limit],
  });
  return hydrate(sql, rs.rows);
}

/** Every return of one order, oldest first (what was already returned). */
export async function returnsOfOrder(sql: Sql, orderId: string): Promise<OrderReturn[]> {
  const rs = await sql.execute({ sql: 'SELECT * FROM returns WHERE order_id = ? ORDER BY created_at, id', args: [orderId] });
  return hydrate(sql, rs.rows);
}

/**
 * Puts returned units back on hand. A relative upsert, so concurrent writers cannot lose an
 * update and a warehouse that never stocked the SKU gets a row. (Stock rows belong to
 * stock-repo; this is the one write from returns, kept here until stock-repo grows a restock.)
 */
export async function restockUnits(sql: Sql, move: StockMove, now: string): Promise<void> {
  await sql.execute({
    sql: `INSERT INTO stock (sku, warehouse_id, on_hand, reserved, updated_at) VALUES (?, ?, ?, 0, ?)
          ON CONFLICT (sku, warehouse_id) DO UPDATE SET on_hand = stock.on_hand + excluded.on_hand, updated_at = excluded.updated_at`,
    args: [move.sku, move.warehouseId, move.quantity, now],
  });
}

/** Adds damaged units to a warehouse's quarantine. */
export async function quarantineUnits(sql: Sql, move: StockMove, now: string): Promise<void> {
  await sql.execute({
    sql: `INSERT INTO quarantine (sku, warehouse_id, quantity, updated_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (sku, warehouse_id) DO UPDATE SET quantity = quarantine.quantity + excluded.quantity, updated_at = excluded.updated_at`,
    args: [move.sku, move.warehouseId, move.quantity, now],
  });
}

export async function listQuarantine(
  sql: Sql,
  f: { sku?: string | undefined; warehouseId?: string | undefined },
): Promise<QuarantineLevel[]> {
  const where = ['quantity > 0'];
  const args: string[] = [];
  if (f.sku) where.push('sku = ?') && args.push(f.sku);
  if (f.warehouseId) where.push('warehouse_id = ?') && args.push(f.warehouseId);
  const rs = await sql.execute({ sql: `SELECT * FROM quarantine WHERE ${where.join(' AND ')} ORDER BY sku, warehouse_id`, args });
  return rs.rows.map((r) => ({
    sku: str(r, 'sku'),
    warehouseId: str(r, 'warehouse_id'),
    quantity: num(r, 'quantity'),
    updatedAt: str(r, 'updated_at'),
  }));
}

async function hydrate(sql: Sql, rs: Row[]): Promise<OrderReturn[]> {
  if (rs.length === 0) return [];
  const ids = rs.map((r) => str(r, 'id'));
  const ls = await sql.execute({
    sql: `SELECT * FROM return_lines WHERE return_id IN (${placeholders(ids.length)}) ORDER BY return_id, sku`,
    args: ids,
  });
  const linesOf = new Map<string, ReturnLine[]>();
  for (const l of ls.rows) {
    const id = str(l, 'return_id');
    const line = { sku: str(l, 'sku'), quantity: num(l, 'quantity'), sellable: num(l, 'sellable'), damaged: num(l, 'damaged') };
    linesOf.set(id, [...(linesOf.get(id) ?? []), line]);
  }
  return rs.map((row) => toReturn(row, linesOf.get(str(row, 'id')) ?? []));
}

function toReturn(row: Row, lines: ReturnLine[]): OrderReturn {
  return {
    id: str(row, 'id'),
    orderId: str(row, 'order_id'),
    channelId: str(row, 'channel_id'),
    status: str(row, 'status') as ReturnStatus,
    reason: str(row, 'reason'),
    note: optStr(row, 'note') ?? null,
    exchange: bool(row, 'exchange'),
    exchangeOrderId: optStr(row, 'exchange_order_id') ?? null,
    warehouseId: optStr(row, 'warehouse_id') ?? null,
    lines,
    createdAt: str(row, 'created_at'),
    receivedAt: optStr(row, 'received_at') ?? null,
    updatedAt: str(row, 'updated_at'),
  };
}
