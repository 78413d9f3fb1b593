// Order intake: idempotent per channel and external id; decided outside the write lock, then
// re-checked against fresh stock, reserved and stored in one transaction before anyone is told.
import { createHash } from 'node:crypto';
import type { DemandRates } from '../domain/demand.ts';
import { conflict, invalid } from '../domain/errors.ts';
import { isBackorderHold } from '../domain/lifecycle.ts';
import { kitComponents } from '../domain/kits.ts';
import { aggregateLines, backorderHold, customerKey, fulfillmentsFromPlan, newOrder } from '../domain/order.ts';
import type { Clock, IdSource } from '../domain/ports.ts';
import type { RoutingOptionsInput } from '../domain/routing-options.ts';
import type { StockView } from '../domain/routing.ts';
import type { DecisionTrace, Order, OrderInput, Product, SkuQuantity } from '../domain/types.ts';
import type { Db, Sql } from '../store/client.ts';
import { appendEvents } from '../store/event-repo.ts';
import { findIntakeFacts, findOrderKey, getOrder, insertOrder, type OrderKey } from '../store/order-repo.ts';
import { readAvailability, reserveAll } from '../store/stock-repo.ts';
import type { Catalogue } from './catalogue.ts';
import type { DecisionContext, OrderDecider } from './decide.ts';
import type { EventFeed } from './event-feed.ts';
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
  /** `JSON.stringify(order.decision)` as stored, for a reply that need not serialise it again. */
  decisionJson?: string | undefined;
}

interface CommitJob {
  ctx: DecisionContext;
  plan: OrderPlan;
  bodyHash: string;
  /** Units of each stock SKU the whole order could draw (see stockNeeds). */
  needs: ReadonlyMap<string, number>;
}

class StockMoved extends Error {}
class AlreadyStored extends Error {
  constructor(readonly key: OrderKey | undefined) {
    super('order already stored');
  }
}

const MAX_ATTEMPTS = 4;

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
    const facts = await db.read(async (sql) => ({
      ...(await findIntakeFacts(sql, { channelId, externalId: input.externalId, customerKey: customerKey(channelId, input.customer) })),
      stock: await readAvailability(sql, skus),
    }));
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
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) ctx.stock = await db.read((sql) => readAvailability(sql, skus));
      const plan = await planOrder(ctx, (c) => this.deps.decider.decide(c));
      try {
        const { order, decisionJson } = await db.write((sql) => this.commit(sql, { ctx, plan, bodyHash, needs }));
        this.deps.feed.nudge();
        this.deps.onPlaced?.(order);
        return { order, created: true, decisionJson };
      } catch (error) {
        if (error instanceof AlreadyStored) {
          const key = error.key ?? (await db.read((sql) => findOrderKey(sql, channelId, input.externalId)));
          if (key) return this.replay(key, bodyHash);
        }
        // Another process took the stock between our read and our write: decide again.
        if (error instanceof StockMoved && attempt < MAX_ATTEMPTS) continue;
        throw error;
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

  /** Inside the write transaction: re-route on fresh stock if it moved, reserve, store. */
  private async commit(sql: Sql, job: CommitJob): Promise<{ order: Order; decisionJson: string }> {
    const { ctx, plan, needs } = job;
    const { order: input } = ctx;
    let { shipments, holds } = plan;
    let routing = plan.routing;
    if (routing && !holds.some((h) => !isBackorderHold(h))) {
      const fresh = await readAvailability(sql, [...needs.keys()]);
      // Routing again gives the same plan unless the stock moved in a way routing can see.
      if (!routesAlike(ctx.stock, fresh, { needs, exact: ctx.demand !== undefined })) {
        const again = routeUnits(ctx, plan.outcome, aggregateLines(input.lines), fresh);
        if (!sameAllocation(again, routing)) {
          routing = again;
          const packed = await packShipments(ctx, plan.outcome, again.shipments);
          shipments = packed.shipments;
          holds = packed.holds.length > 0 ? packed.holds : again.backordered.length > 0 ? [backorderHold(again.backordered)] : [];
        }
      }
    }
    const now = this.deps.clock.now().toISOString();
    const fulfillments = fulfillmentsFromPlan(shipments, this.deps.ids);
    const moves = fulfillments.flatMap((f) => (f.reservations ?? f.lines).map((l) => ({ ...l, warehouseId: f.warehouseId })));
    const reserved = await reserveAll(sql, moves, now);
    if (!reserved) throw new StockMoved();
    const order = newOrder({
      id: input.id,
      channelId: input.channelId,
      input: stripContext(input),
      fulfillments,
      holds,
      tags: plan.outcome.tags,
      decision: {
        policyVersion: plan.outcome.policyVersion,
        macros: plan.outcome.macros,
        trace: storedTrace(plan.outcome.trace, routing?.trace),
      },
      now,
    });
    // Serialised once: the stored column and the reply share it (it is most of an order's bytes).
    const decisionJson = JSON.stringify(order.decision);
    try {
      await insertOrder(sql, order, { bodyHash: job.bodyHash, customerKey: customerKey(input.channelId, input.customer), decisionJson });
    } catch (error) {
      // The same order committed first from a concurrent request: this one rolls back and replays it.
      if (String(error).includes('UNIQUE constraint failed: orders.channel_id')) throw new AlreadyStored(undefined);
      throw error;
    }
    await appendEvents(sql, [
      { type: `order.${order.status}`, at: now, orderId: order.id, data: createdEventData(order) },
      ...(reserved.length > 0 ? [{ type: 'inventory.reserved', at: now, orderId: order.id, data: { moves: reserved } }] : []),
    ]);
    return { order, decisionJson };
  }
}

/**
 * The most units of each stock SKU an order could draw: each line's own SKU, and for a kit its
 * components times the kits ordered (whichever way routing ends up placing them).
 */
export function stockNeeds(lines: SkuQuantity[], products: ReadonlyMap<string, Product>): Map<string, number> {
  const needs = new Map<string, number>();
  const add = (sku: string, n: number) => needs.set(sku, (needs.get(sku) ?? 0) + n);
  for (const line of lines) {
    add(line.sku, line.quantity);
    for (const c of kitComponents(products.get(line.sku)) ?? []) add(c.sku, line.quantity * c.quantity);
  }
  return needs;
}

/**
 * Whether routing sees the same in two stock views. Without look-ahead, routing uses a location's
 * count only as min(count, units wanted): two counts that both cover everything the order could
 * draw are alike. Look-ahead keeps a reserve out of the count, so then only equal counts are.
 */
export function routesAlike(a: StockView, b: StockView, opts: { needs: ReadonlyMap<string, number>; exact: boolean }): boolean {
  for (const warehouse of new Set([...a.keys(), ...b.keys()])) {
    for (const [sku, need] of opts.needs) {
      const x = a.get(warehouse)?.get(sku) ?? 0;
      const y = b.get(warehouse)?.get(sku) ?? 0;
      if (x !== y && (opts.exact || x < need || y < need)) return false;
    }
  }
  return true;
}

function createdEventData(order: Order): Record<string, unknown> {
  return {
    channelId: order.channelId,
    externalId: order.externalId,
    status: order.status,
    fulfillments: order.fulfillments.map((f) => ({ id: f.id, warehouseId: f.warehouseId, lines: f.lines, cost: f.cost.total })),
    holds: order.holds,
  };
}

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
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i > 0 ? ',' : ''}${canonicalJson(value[i]) ?? ''}`;
    return `${out}]`;
  }
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    let out = '{';
    // Keys in code-unit order; undefined values left out, as JSON.stringify does.
    for (const key of Object.keys(object).sort()) {
      if (object[key] === undefined) continue;
      out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(object[key])}`;
    }
    return `${out}}`;
  }
  return JSON.stringify(value);
}
