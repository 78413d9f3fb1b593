// Order intake: idempotent per channel and external id; decided outside the write lock, then
// re-checked against fresh stock, reserved and stored in one transaction before anyone is told.
// The write is a procedure (store/procedures.ts), so it can commit on the commit thread.
import { createHash } from 'node:crypto';
import type { DemandRates } from '../domain/demand.ts';
import { conflict, invalid } from '../domain/errors.ts';
import { isBackorderHold } from '../domain/lifecycle.ts';
import { aggregateLines, backorderHold, customerKey, fulfillmentsFromPlan, newOrder } from '../domain/order.ts';
import type { Clock, IdSource } from '../domain/ports.ts';
import type { RoutingOptionsInput } from '../domain/routing-options.ts';
import type { RoutingPlan } from '../domain/routing.ts';
import { stockNeeds } from '../domain/stock-view.ts';
import type { DecisionTrace, Order, OrderInput } from '../domain/types.ts';
import type { Db, Sql } from '../store/client.ts';
import { findOrderKey, getOrder, type OrderKey } from '../store/order-repo.ts';
import {
  movedSince,
  Refusal,
  type StoreOrderJob,
  type StoreOrderRefusal,
  stockEntries,
  storeOrder,
  storeOrderArgsJson,
} from '../store/procedures.ts';
import type { Catalogue } from './catalogue.ts';
import type { DecisionContext, OrderDecider } from './decide.ts';
import type { EventFeed } from './event-feed.ts';
import { orderAroundDecision, withDecisionJson } from './order-json.ts';
import { packShipments, planOrder, routeUnits, sameAllocation, type OrderPlan } from './plan-order.ts';

export interface IntakeDeps {
  db: Db;
  catalogue: Catalogue;
  clock: Clock;
  ids: IdSource;
  decider: OrderDecider;
  feed: EventFeed;
  /** The routing settings in force; absent: routing's defaults. */
  routingOptions?: (() => Promise<RoutingOptionsInput>) | undefined;
  /** Recent demand rates when live look-ahead is on (cached; see demand-rates.ts); absent or undefined: off. */
  demand?: (() => Promise<DemandRates | undefined>) | undefined;
  /** Told of every newly stored order (metrics). */
  onPlaced?: ((order: Order) => void) | undefined;
}

export interface PlaceResult {
  order: Order;
  /** false when the same order was posted before and the stored one is returned. */
  created: boolean;
  /** `JSON.stringify(order)`, built from what was serialised for the store, for a reply that need not serialise it again. */
  json?: string | undefined;
}

/** A new order ready to store: the procedure's job, and its texts. */
interface PreparedOrder {
  order: Order;
  /** The decision as stored (the procedure's text). */
  decisionJson: string;
  /** The order's JSON (see PlaceResult); undefined when it must be serialised whole (see orderAroundDecision). */
  json: string | undefined;
  job: StoreOrderJob;
  /** The job's JSON for the commit thread (see storeOrderArgsJson), when there is one and `json` was built. */
  argsJson: string | undefined;
}

interface CommitJob {
  ctx: DecisionContext;
  plan: OrderPlan;
  bodyHash: string;
  /** Units of each stock SKU the whole order could draw (see stockNeeds). */
  needs: ReadonlyMap<string, number>;
}

const MAX_ATTEMPTS = 4;
/**
 * Attempts before this one store the order optimistically (a procedure, on the commit thread when
 * there is one), refused if the stock moved; from this one on, the order is routed again inside the
 * write transaction if it must, which always settles, at the cost of holding the writers' turn.
 */
const LOCKED_FROM_ATTEMPT = 3;

export class OrderIntake {
  constructor(private readonly deps: IntakeDeps) {}

  /** Accepts an order from a channel; the promise resolves once it is durable. */
  async place(channelId: string, input: OrderInput): Promise<PlaceResult> {
    const { db } = this.deps;
    const bodyHash = hashBody(input);
    const { products, warehouses } = await this.deps.catalogue.snapshot();
    const needs = stockNeeds(input.lines, products);
    const skus = [...needs.keys()];
    // One read before deciding: whether this is a replay, the customer's history, the stock.
    const facts = await db.query('intakeFacts', {
      channelId,
      externalId: input.externalId,
      customerKey: customerKey(channelId, input.customer),
      skus,
    });
    if (facts.key) return this.replay(facts.key, bodyHash);
    const unknown = input.lines.flatMap((l, i) =>
      products.has(l.sku) ? [] : [{ path: `lines.${i}.sku`, message: `unknown SKU ${l.sku}` }],
    );
    if (unknown.length > 0) throw invalid('the order names products that do not exist', unknown);
    const ctx: DecisionContext = {
      order: { ...input, id: this.deps.ids.next('ord'), channelId },
      products,
      warehouses,
      customerOrderCount: facts.customerOrders,
      stock: facts.stock,
      routing: await this.deps.routingOptions?.(),
      demand: await this.deps.demand?.(),
    };
    let stale = false;
    for (let attempt = 1; ; attempt++) {
      if (stale) ctx.stock = await db.query('availability', skus);
      const plan = await planOrder(ctx, (c) => this.deps.decider.decide(c));
      const job = { ctx, plan, bodyHash, needs };
      try {
        const stored = attempt < LOCKED_FROM_ATTEMPT ? this.prepare(job, true) : undefined;
        if (stored) await db.call('storeOrder', stored.job, stored.decisionJson, stored.argsJson);
        const { order, json } = stored ?? (await db.write((sql) => this.commit(sql, job)));
        this.deps.feed.nudge();
        this.deps.onPlaced?.(order);
        return { order, created: true, json };
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        const refusal = error as StoreOrderRefusal;
        // The same order committed first from a concurrent request: this one replays it.
        if (refusal.kind === 'duplicate') {
          const key = await db.read((sql) => findOrderKey(sql, channelId, input.externalId));
          if (key) return this.replay(key, bodyHash);
          throw error;
        }
        // The stock moved between our read and our write: decide again, on the fresh stock if we have it.
        if (attempt >= MAX_ATTEMPTS) throw new Error(`order ${input.externalId}: stock kept moving while it was placed (${refusal.kind})`);
        const fresh = refusal.kind === 'stock_moved' ? refusal.data?.fresh : undefined;
        stale = fresh === undefined;
        if (fresh) ctx.stock = fresh;
      }
    }
  }

  private async replay(key: OrderKey, bodyHash: string): Promise<PlaceResult> {
    if (key.bodyHash !== bodyHash) {
      throw conflict('this channel already sent an order with this externalId and a different body', [
        { path: 'externalId', message: `stored as ${key.id}` },
      ]);
    }
    const order = await this.deps.db.read((sql) => getOrder(sql, key.id));
    if (!order) throw new Error(`order ${key.id} vanished`);
    return { order, created: false };
  }

  /** Inside the write transaction: re-route on fresh stock if it moved, then reserve and store. */
  private async commit(sql: Sql, job: CommitJob): Promise<PreparedOrder> {
    const { ctx, plan, needs } = job;
    let { shipments, holds } = plan;
    let routing = plan.routing;
    if (routesWhole(plan)) {
      // Routing again gives the same plan unless the stock moved in a way routing can see.
      const fresh = await movedSince(sql, ctx.stock, needs, ctx.demand !== undefined);
      if (fresh) {
        const again = routeUnits(ctx, plan.outcome, aggregateLines(ctx.order.lines), fresh);
        if (!sameAllocation(again, plan.routing)) {
          routing = again;
          const packed = await packShipments(ctx, plan.outcome, again.shipments);
          shipments = packed.shipments;
          holds = packed.holds.length > 0 ? packed.holds : again.backordered.length > 0 ? [backorderHold(again.backordered)] : [];
        }
      }
    }
    const stored = this.prepare({ ...job, plan: { ...plan, routing, shipments, holds } }, false);
    await storeOrder(sql, stored.job, stored.decisionJson);
    return stored;
  }

  /**
   * The order a plan makes and what storing it takes. `check`: the write first makes sure the stock
   * it was routed on still routes alike (outside the write transaction, it may have moved since), and
   * the job comes serialised for the commit thread.
   */
  private prepare(job: CommitJob, check: boolean): PreparedOrder {
    const { ctx, plan, needs } = job;
    const { order: input } = ctx;
    const now = this.deps.clock.now().toISOString();
    const fulfillments = fulfillmentsFromPlan(plan.shipments, this.deps.ids);
    const order = newOrder({
      id: input.id,
      channelId: input.channelId,
      input: stripContext(input),
      fulfillments,
      holds: plan.holds,
      tags: plan.outcome.tags,
      decision: {
        policyVersion: plan.outcome.policyVersion,
        macros: plan.outcome.macros,
        trace: storedTrace(plan.outcome.trace, plan.routing?.trace),
      },
      now,
    });
    // Serialised once: the stored column and the reply share it (it is most of an order's bytes).
    const decisionJson = JSON.stringify(order.decision);
    const row = { ...order, decision: { policyVersion: order.decision.policyVersion } };
    const storeJob: StoreOrderJob = {
      order: row,
      keys: { bodyHash: job.bodyHash, customerKey: customerKey(input.channelId, input.customer) },
      now,
      routedOn:
        check && routesWhole(plan) ? { stock: stockEntries(ctx.stock), needs: [...needs], exact: ctx.demand !== undefined } : undefined,
    };
    // The rest of the order too, once: around the decision for the reply, around its version for the commit thread.
    const around = orderAroundDecision(order);
    return {
      order,
      decisionJson,
      json: around && withDecisionJson(around, decisionJson),
      job: storeJob,
      argsJson:
        check && around && this.deps.db.commitThread?.usable
          ? storeOrderArgsJson(storeJob, withDecisionJson(around, JSON.stringify(row.decision)))
          : undefined,
    };
  }
}

/** Whether the plan routed the order (backorders aside), so its stock check stands for the whole order. */
const routesWhole = <P extends Pick<OrderPlan, 'routing' | 'holds'>>(plan: P): plan is P & { routing: RoutingPlan } =>
  plan.routing !== undefined && !plan.holds.some((h) => !isBackorderHold(h));

/**
 * The trace kept with an order: the rules that fired (with their conditions) rather than all of
 * them, which would be most of the stored bytes. A dry-run against the recorded policy version
 * shows every rule.
 */
function storedTrace(trace: DecisionTrace, routing: DecisionTrace['routing']): DecisionTrace {
  const rules = trace.rules as { result?: boolean }[] | undefined;
  return { ...trace, ...(rules ? { rules: rules.filter((r) => r.result), rulesEvaluated: rules.length } : {}), routing };
}

function stripContext(input: DecisionContext['order']): OrderInput {
  const { id: _id, channelId: _channel, ...rest } = input;
  return rest;
}

/** A stable hash of the order body: key order does not matter, values do. */
export function hashBody(value: unknown): string {
  const parts: string[] = [];
  writeCanonical(value, parts);
  return createHash('sha256').update(parts.join('')).digest('hex');
}

/**
 * JSON with every object's keys in code-unit order and undefined values left out, as pieces joined
 * once (hashes stored with orders depend on it byte for byte: place-order.test.ts checks it against
 * the first implementation). Built for intake's hot path: no sort call, no string per nesting level.
 */
function writeCanonical(value: unknown, parts: string[]): void {
  if (Array.isArray(value)) {
    parts.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) parts.push(',');
      const v: unknown = value[i];
      if (v !== null && typeof v === 'object') writeCanonical(v, parts);
      else {
        // An element JSON cannot hold (undefined, a function) leaves its slot empty.
        const json = JSON.stringify(v);
        if (json !== undefined) parts.push(json);
      }
    }
    parts.push(']');
    return;
  }
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const keys = sortedKeys(object);
    parts.push('{');
    let first = true;
    for (const key of keys) {
      const v = object[key];
      if (v === undefined) continue;
      parts.push(first ? quoteKey(key) : `,${quoteKey(key)}`, ':');
      first = false;
      writeCanonical(v, parts);
    }
    parts.push('}');
    return;
  }
  parts.push(String(JSON.stringify(value)));
}

/** An object's keys in code-unit order: insertion sort in place for the few keys a body's objects have. */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  if (keys.length > 32) return keys.sort(); // the same order; insertion sort is quadratic
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    for (; j >= 0 && (keys[j] as string) > key; j--) keys[j + 1] = keys[j] as string;
    keys[j + 1] = key;
  }
  return keys;
}

// Channels' bodies share a small vocabulary of short keys: each is quoted once (a long one is not kept).
const quotedKeys = new Map<string, string>();

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (key.length <= 64 && quotedKeys.size < 1024) quotedKeys.set(key, quoted);
  }
  return quoted;
}
