// One batch of a shadow: the orders placed after its cursor, each decided again by the candidate
// through the path intake takes (planOrder with a PolicyDecider), on the stock the live decision
// saw, beside the live decision as stored. Reads only; the worker records the batch.
import { stockSkusFor } from '../domain/kits.ts';
import { customerKey, fulfillmentsFromPlan } from '../domain/order.ts';
import type { DemandRates } from '../domain/demand.ts';
import type { RoutingOptionsInput } from '../domain/routing.ts';
import type { Order, Product } from '../domain/types.ts';
import type { Catalogue } from '../services/catalogue.ts';
import type { DecisionContext, OrderDecider } from '../services/decide.ts';
import { planOrder } from '../services/plan-order.ts';
import type { Db, Sql } from '../store/client.ts';
import { lastEventSeq } from '../store/event-repo.ts';
import { getOrder } from '../store/order-repo.ts';
import { customerOrdersBefore, placedEventsAfter, type Batch, type PlacedEvent } from '../store/shadow-repo.ts';
import { readSnapshot, stockBefore, type StockReading } from './shadow-stock.ts';
import { effectsOf, liveDecision, simOrderOf } from './shadow-summary.ts';
import type { ShadowOrderRow, ShadowRecord, ShadowTraceRow } from './shadow-types.ts';
import { compareDecisions, summarise } from './summary.ts';

export interface BatchDeps {
  db: Db;
  catalogue: Catalogue;
  /** Orders per batch. */
  batchSize: number;
  /** Longest event log read back to find the stock an order saw (see shadow-stock.ts). */
  maxEvents: number;
  /** The routing settings and live look-ahead demand intake routes with (cached per process, as intake reads them). */
  routing: () => Promise<RoutingOptionsInput>;
  demand: () => Promise<DemandRates | undefined>;
  at: () => string;
}

const labels = { next: (prefix: string) => `${prefix}_shadow` };
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Placed {
  event: PlacedEvent;
  order: Order | undefined;
}

/** Decides the next batch of a shadow; null when nothing was logged since its cursor. */
export async function decideBatch(deps: BatchDeps, shadow: ShadowRecord, candidate: OrderDecider): Promise<Batch | null> {
  const { db, batchSize } = deps;
  const [events, last] = await readSnapshot(
    db,
    async (sql) => [await placedEventsAfter(sql, shadow.cursor, batchSize), await lastEventSeq(sql)] as const,
  );
  // A full batch ends at its last order; a short one has read everything logged so far.
  const to = events.length === batchSize ? (events.at(-1)?.seq ?? last) : last;
  if (to <= shadow.cursor) return null;
  const placed: Placed[] = [];
  for (const event of events) placed.push({ event, order: await db.read((sql) => getOrder(sql, event.orderId)) });
  const { products, warehouses } = await deps.catalogue.snapshot();
  // As intake reads them now: they change rarely, and a change within a batch is not followed.
  const [routing, demand] = await Promise.all([deps.routing(), deps.demand()]);
  const known = placed.filter((p): p is Placed & { order: Order } => p.order !== undefined);
  const { stock, counts } = await readSnapshot(db, (sql) => whatLiveSaw(sql, known, products, deps.maxEvents));
  const orders: ShadowOrderRow[] = [];
  const traces: ShadowTraceRow[] = [];
  for (const p of placed) {
    const reading = stock.get(p.event.seq);
    if (!p.order || !reading) {
      orders.push(skippedRow(p.event, p.order, 'the order is no longer stored'));
      continue;
    }
    const ctx: DecisionContext = {
      order: { ...simOrderOf(p.order), id: p.order.id },
      products,
      warehouses,
      customerOrderCount: counts.get(p.event.seq) ?? 0,
      stock: reading.view,
      routing,
      demand,
    };
    try {
      const decided = await decideOne(ctx, p.event, p.order, reading, candidate);
      orders.push(decided.row);
      traces.push(...decided.traces);
    } catch (error) {
      orders.push(skippedRow(p.event, p.order, error instanceof Error ? error.message : String(error)));
    }
    // Intake's requests get the event loop between two orders.
    await yieldTurn();
  }
  return { from: shadow.cursor, to, at: deps.at(), orders, traces };
}

/** Per order (by its first event): the stock and the customer's earlier orders its live decision saw. */
async function whatLiveSaw(sql: Sql, known: (Placed & { order: Order })[], products: ReadonlyMap<string, Product>, maxEvents: number) {
  const queries = known.map((p) => ({
    seq: p.event.seq,
    orderId: p.order.id,
    skus: stockSkusFor([...new Set(p.order.lines.map((l) => l.sku))], products),
  }));
  const stock = await stockBefore(sql, queries, maxEvents);
  const counts = new Map<number, number>();
  for (const p of known) {
    const key = customerKey(p.order.channelId, p.order.customer);
    counts.set(p.event.seq, key ? await customerOrdersBefore(sql, key, p.event.seq) : 0);
  }
  return { stock, counts };
}

async function decideOne(ctx: DecisionContext, event: PlacedEvent, order: Order, reading: StockReading, candidate: OrderDecider) {
  const plan = await planOrder(ctx, (c) => candidate.decide(c));
  const live = liveDecision(order, event.data);
  const summary = summarise(simOrderOf(order), plan);
  const changes = compareDecisions(live.summary, summary);
  const row: ShadowOrderRow = {
    ...identity(event, order),
    stock: reading.exact ? 'exact' : 'approximate',
    decisions: [live.summary, summary],
    effects: [
      effectsOf(reading.view, live.fulfillments, order.decision.trace.macros),
      effectsOf(reading.view, fulfillmentsFromPlan(plan.shipments, labels), plan.outcome.trace.macros),
    ],
    changes: changes.length > 0 ? changes : null,
    skipped: null,
  };
  const traces: ShadowTraceRow[] =
    changes.length > 0
      ? [
          { seq: event.seq, variant: 0, trace: order.decision.trace },
          { seq: event.seq, variant: 1, trace: { ...plan.outcome.trace, routing: plan.routing?.trace } },
        ]
      : [];
  return { row, traces };
}

function identity(event: PlacedEvent, order: Order | undefined) {
  return {
    seq: event.seq,
    orderId: event.orderId,
    channelId: order?.channelId ?? String(event.data.channelId ?? ''),
    externalId: order?.externalId ?? String(event.data.externalId ?? ''),
    placedAt: order?.placedAt ?? '',
    serviceLevel: order?.serviceLevel ?? 'standard',
  };
}

function skippedRow(event: PlacedEvent, order: Order | undefined, reason: string): ShadowOrderRow {
  return { ...identity(event, order), stock: 'exact', decisions: null, effects: null, changes: null, skipped: reason };
}
