// The event log: every change to an order, fulfillment or stock, in commit order (seq).
import type { OrderEvent } from '../domain/types.ts';
import type { Sql } from './client.ts';
import { json, num, optStr, rows, str } from './rows.ts';

export interface NewEvent {
  type: string;
  at: string;
  orderId?: string | undefined;
  sku?: string | undefined;
  data: Record<string, unknown>;
}

export interface StoredEvent extends OrderEvent {
  seq: number;
  orderId?: string | undefined;
  sku?: string | undefined;
}

export async function appendEvent(sql: Sql, e: NewEvent): Promise<number> {
  const rs = await sql.execute({
    sql: 'INSERT INTO events (type, at, order_id, sku, data) VALUES (?, ?, ?, ?, ?)',
    args: [e.type, e.at, e.orderId ?? null, e.sku ?? null, JSON.stringify(e.data)],
  });
  return Number(rs.lastInsertRowid);
}

/** Appends several events in one statement, in order. */
export async function appendEvents(sql: Sql, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await sql.execute({
    sql: `INSERT INTO events (type, at, order_id, sku, data) VALUES ${rows(events.length, 5)}`,
    args: events.flatMap((e) => [e.type, e.at, e.orderId ?? null, e.sku ?? null, JSON.stringify(e.data)]),
  });
}

export async function listOrderEvents(sql: Sql, orderId: string): Promise<OrderEvent[]> {
  const rs = await sql.execute({ sql: 'SELECT type, at, data FROM events WHERE order_id = ? ORDER BY seq', args: [orderId] });
  return rs.rows.map((r) => ({ type: str(r, 'type'), at: str(r, 'at'), data: json(r, 'data') }));
}

/** Events after a sequence number, oldest first (SSE catch-up and cross-process fan-out). */
export async function eventsAfter(sql: Sql, seq: number, limit: number): Promise<StoredEvent[]> {
  const rs = await sql.execute({ sql: 'SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?', args: [seq, limit] });
  return rs.rows.map((r) => ({
    seq: num(r, 'seq'),
    type: str(r, 'type'),
    at: str(r, 'at'),
    orderId: optStr(r, 'order_id'),
    sku: optStr(r, 'sku'),
    data: json(r, 'data'),
  }));
}

export async function lastEventSeq(sql: Sql): Promise<number> {
  const rs = await sql.execute('SELECT COALESCE(MAX(seq), 0) AS seq FROM events');
  return Number(rs.rows[0]?.seq ?? 0);
}
