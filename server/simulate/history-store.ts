// Order histories kept in libSQL: staged a batch at a time as they are read, then replayed in
// placedAt order a page at a time, so neither upload nor replay holds the history in memory.
import { invalid, type ErrorDetail } from '../domain/errors.ts';
import type { Db } from '../store/client.ts';
import { appendHistoryOrders, insertHistory, readHistoryPage } from '../store/simulation-repo.ts';
import type { ParsedLine } from './history-schema.ts';
import type { SimOrder } from './types.ts';

export interface HistoryMeta {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
}

type Lines = AsyncIterable<ParsedLine & { line: number }>;

export const createHistory = (db: Db, meta: HistoryMeta): Promise<void> => db.write((sql) => insertHistory(sql, meta));

/** Validates every line first and stores all or none (uploads of at most a request body). */
export async function appendAll(db: Db, historyId: string, lines: Lines): Promise<{ received: number; orders: number }> {
  const orders: SimOrder[] = [];
  const errors: ErrorDetail[] = [];
  for await (const parsed of lines) {
    if (parsed.ok) orders.push(parsed.order);
    else if (errors.length < 50) errors.push(...parsed.details);
  }
  if (errors.length > 0) throw invalid('some orders of the history are not valid; nothing was stored', errors.slice(0, 50));
  if (orders.length === 0) throw invalid('the history has no orders', [{ path: 'data', message: 'no order lines' }]);
  const total = await db.write((sql) => appendHistoryOrders(sql, historyId, orders.map(toRow)));
  return { received: orders.length, orders: total };
}

/** Stores a history of any size a batch at a time; stops at the end with the errors, if any. */
export async function appendStream(db: Db, historyId: string, lines: Lines, batchSize = 500): Promise<number> {
  let batch: SimOrder[] = [];
  const errors: ErrorDetail[] = [];
  let total = 0;
  for await (const parsed of lines) {
    if (!parsed.ok) {
      if (errors.length < 50) errors.push(...parsed.details);
      continue;
    }
    if (errors.length > 0) continue;
    batch.push(parsed.order);
    if (batch.length >= batchSize) {
      const rows = batch.map(toRow);
      batch = [];
      total = await db.write((sql) => appendHistoryOrders(sql, historyId, rows));
    }
  }
  if (errors.length > 0) throw invalid('some orders of the history are not valid', errors.slice(0, 50));
  if (batch.length > 0) total = await db.write((sql) => appendHistoryOrders(sql, historyId, batch.map(toRow)));
  return total;
}

const toRow = (o: SimOrder) => ({ placedAt: o.placedAt, body: JSON.stringify(o) });

/** The history's orders in placedAt order (ties in upload order), read a page at a time. */
export async function* readHistory(db: Db, historyId: string, pageSize = 500): AsyncGenerator<SimOrder> {
  let after: { placedMs: number; seq: number } | null = null;
  for (;;) {
    const page = await db.read((sql) => readHistoryPage(sql, historyId, after, pageSize));
    for (const row of page) yield JSON.parse(row.body) as SimOrder;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = { placedMs: last.placedMs, seq: last.seq };
  }
}
