// Write procedures: a transaction's body written against `Sql` alone, with JSON in (arguments cross
// to the commit thread as one string: cheaper than the structured clone of many small objects).
// The write queue runs one on this thread's connection, or ships it to the commit thread
// (commit-thread.ts) so that SQLite's work leaves the event loop; the same code runs either way.
import { createdEventData, reservedUnits } from '../domain/order.ts';
import type { StockView } from '../domain/routing-types.ts';
import { routesAlike } from '../domain/stock-view.ts';
import type { Sql } from './client.ts';
import { appendEvents } from './event-repo.ts';
import { findIntakeFacts, insertOrder, type NewOrderRow, type OrderKey, type StoredOrderKeys } from './order-repo.ts';
import { availabilityView, readAvailability, readAvailabilityRows, reserveAll } from './stock-repo.ts';

/**
 * A procedure declining to write, with what the caller needs to try again. Its savepoint is rolled
 * back, so it leaves nothing behind; it crosses threads as itself (see encodeFailure).
 */
export class Refusal<K extends string = string, D = unknown> extends Error {
  constructor(
    readonly kind: K,
    readonly data?: D,
  ) {
    super(`write refused: ${kind}`);
    this.name = 'Refusal';
  }
}

export interface StoreOrderJob {
  /** The order; its decision comes serialised, as the call's text (copying the trace's objects to another thread costs more). */
  order: NewOrderRow;
  keys: Omit<StoredOrderKeys, 'decisionJson'>;
  now: string;
  /**
   * The stock the order was routed on (see stockEntries), and what it could draw: the write first
   * reads fresh stock and refuses (`stock_moved`, with the fresh view) unless it routes alike (see routesAlike).
   */
  routedOn?: { stock: StockEntries; needs: [sku: string, units: number][]; exact: boolean } | undefined;
}

/**
 * A StoreOrderJob's JSON (its `argsJson`: see ProcedureCall) around its order's JSON, which the
 * caller has serialised already (intake serialises an order once for the commit and the reply).
 */
export function storeOrderArgsJson(job: StoreOrderJob, orderJson: string): string {
  const rest = JSON.stringify({ ...job, order: undefined });
  return rest === '{}' ? `{"order":${orderJson}}` : `{"order":${orderJson},${rest.slice(1)}`;
}

/** A stock view as JSON: per warehouse, its SKUs' counts. */
export type StockEntries = [warehouseId: string, counts: [sku: string, units: number][]][];

export const stockEntries = (view: StockView): StockEntries => [...view].map(([w, counts]) => [w, [...counts]]);

const stockViewOf = (entries: StockEntries): StockView => new Map(entries.map(([w, counts]) => [w, new Map(counts)]));

/**
 * Why an order was not stored: the stock it was routed on moved (`stock_moved`, with fresh stock),
 * a location ran short at reservation (`short`), or the channel's external id is stored already
 * (`duplicate`, a concurrent post of the same order).
 */
export type StoreOrderRefusal = Refusal<'stock_moved', { fresh: StockView }> | Refusal<'short'> | Refusal<'duplicate'>;

/**
 * Checks the stock, reserves it and stores a new order (its decision serialised as `decisionJson`)
 * with its events, or refuses and writes nothing.
 */
export async function storeOrder(sql: Sql, job: StoreOrderJob, decisionJson: string): Promise<void> {
  const { routedOn } = job;
  if (routedOn) {
    const fresh = await movedSince(sql, stockViewOf(routedOn.stock), new Map(routedOn.needs), routedOn.exact);
    if (fresh) throw new Refusal('stock_moved', { fresh });
  }
  const { order } = job;
  // Derived here rather than sent along: they repeat the order's fulfillments.
  const reserved = await reserveAll(sql, reservedUnits(order.fulfillments), job.now);
  if (!reserved) throw new Refusal('short');
  try {
    await insertOrder(sql, order, { ...job.keys, decisionJson });
  } catch (error) {
    if (String(error).includes('UNIQUE constraint failed: orders.channel_id')) throw new Refusal('duplicate');
    throw error;
  }
  await appendEvents(sql, [
    { type: `order.${order.status}`, at: job.now, orderId: order.id, data: createdEventData(order) },
    ...(reserved.length > 0 ? [{ type: 'inventory.reserved', at: job.now, orderId: order.id, data: { moves: reserved } }] : []),
  ]);
}

/**
 * The stock of an order's SKUs now, if routing would see it differently from the view the order was
 * routed on (see routesAlike); undefined while it routes alike.
 */
export async function movedSince(
  sql: Sql,
  seen: StockView,
  needs: ReadonlyMap<string, number>,
  exact: boolean,
): Promise<StockView | undefined> {
  const fresh = await readAvailability(sql, [...needs.keys()]);
  return routesAlike(seen, fresh, { needs, exact }) ? undefined : fresh;
}

/** Every procedure by name, for the commit thread. */
export const PROCEDURES = { storeOrder } satisfies Record<string, (sql: Sql, args: never, text: string) => Promise<unknown>>;

export type ProcedureName = keyof typeof PROCEDURES;

/**
 * A procedure to run, by name, with its arguments (JSON) and a text: a large string argument that
 * crosses threads as it is, rather than escaped inside the arguments' JSON.
 */
export interface ProcedureCall {
  name: ProcedureName;
  args: unknown;
  text: string;
  /** `args` as JSON, when the caller serialised it already (see CommitThread.commit). */
  argsJson?: string | undefined;
}

export function runProcedure(sql: Sql, call: ProcedureCall): Promise<unknown> {
  const procedure = PROCEDURES[call.name] as (sql: Sql, args: unknown, text: string) => Promise<unknown>;
  if (!procedure) throw new Error(`no write procedure named ${String(call.name)}`);
  return procedure(sql, call.args, call.text);
}

/** What intake asks before deciding an order (see intakeFacts). */
export interface IntakeFactsQuery {
  channelId: string;
  externalId: string;
  customerKey: string | null;
  skus: string[];
}

/** What intake reads before deciding an order: whether it is stored already, the customer's orders so far, the stock of its SKUs. */
export async function intakeFacts(
  sql: Sql,
  q: IntakeFactsQuery,
): Promise<{ key: OrderKey | undefined; customerOrders: number; stock: StockView }> {
  const [facts] = await intakeFactsMany(sql, [q]);
  if (!facts) throw new Error('intakeFactsMany gave no answer');
  return facts;
}

/**
 * intakeFacts for several orders in two statements rather than two each: one for the orders' keys
 * and customer counts, one for the stock of all their SKUs, each order's stock view cut from the
 * rows of its own SKUs (in key order, so as a read of them alone would give it).
 */
export async function intakeFactsMany(
  sql: Sql,
  qs: IntakeFactsQuery[],
): Promise<{ key: OrderKey | undefined; customerOrders: number; stock: StockView }[]> {
  const keys = await findIntakeFacts(sql, qs);
  const rows = await readAvailabilityRows(sql, [...new Set(qs.flatMap((q) => q.skus))]);
  return qs.map((q, i) => {
    const skus = new Set(q.skus);
    return { ...(keys[i] ?? { key: undefined, customerOrders: 0 }), stock: availabilityView(rows.filter(([sku]) => skus.has(sku))) };
  });
}

/**
 * Reads by name, with JSON arguments. Where the database has a commit thread they run there, on a
 * reading connection of its own, answered even between the writers of a commit under way. (On the
 * main thread a connection costs more: its page cache is emptied by every commit it did not make,
 * and the commit thread's reads follow one another closely enough to share the refill.)
 */
export const QUERIES = {
  intakeFacts,
  availability: (sql: Sql, skus: string[]) => readAvailability(sql, skus),
} satisfies Record<string, (sql: Sql, args: never) => Promise<unknown>>;

export type QueryName = keyof typeof QUERIES;

export interface QueryCall {
  name: QueryName;
  args: unknown;
}

export function runQuery(sql: Sql, call: QueryCall): Promise<unknown> {
  const query = QUERIES[call.name] as (sql: Sql, args: unknown) => Promise<unknown>;
  if (!query) throw new Error(`no query named ${String(call.name)}`);
  return query(sql, call.args);
}

/**
 * Answers reads asked together, one outcome each. The commit thread gets a turn's reads as one
 * message, about 12 intakeFacts at 64 connections: those share two statements (see
 * intakeFactsMany). Should that fail, each read is answered alone, so a failing one fails only itself.
 */
export async function runQueries(sql: Sql, calls: QueryCall[]): Promise<QueryOutcome[]> {
  if (calls.every((c) => c.name === 'intakeFacts')) {
    try {
      const answers = await intakeFactsMany(
        sql,
        calls.map((c) => c.args as IntakeFactsQuery),
      );
      return answers.map((value) => ({ ok: true, value }));
    } catch {
      // answered one by one below
    }
  }
  const outcomes: QueryOutcome[] = [];
  for (const call of calls) {
    try {
      outcomes.push({ ok: true, value: await runQuery(sql, call) });
    } catch (error) {
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}

export type QueryOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A failure as it crosses threads: a refusal keeps its kind and data, any other error its name, message and code. */
export type EncodedFailure =
  | { refusal: { kind: string; data: unknown } }
  | { error: { name: string; message: string; code?: string | undefined; stack?: string | undefined } };

export function encodeFailure(error: unknown): EncodedFailure {
  if (error instanceof Refusal) return { refusal: { kind: error.kind, data: error.data } };
  const e = error instanceof Error ? error : new Error(String(error));
  return { error: { name: e.name, message: e.message, code: (e as { code?: string }).code, stack: e.stack } };
}

export function decodeFailure(f: EncodedFailure): Error {
  if ('refusal' in f) return new Refusal(f.refusal.kind, f.refusal.data);
  return Object.assign(new Error(f.error.message), { name: f.error.name, code: f.error.code, stack: f.error.stack });
}
