// Order intake: idempotent per channel and external id; decided outside the write lock, then
// re-checked against fresh stock, reserved and stored in one transaction before anyone is told.
import { createHash } from 'node:crypto';
import type { DemandRates } from '../domain/demand.ts';
import { conflict, invalid } from '../domain/errors.ts';
import { isBackorderHold } from '../domain/lifecycle.ts';
import { stockSkusFor } from '../domain/kits.ts';
import { aggregateLines, backorderHold, customerKey, fulfillmentsFromPlan, newOrder } from '../domain/order.ts';
import type { Clock, IdSource } from '../domain/ports.ts';
import type { RoutingOptionsInput } from '../domain/routing-options.ts';
import type { DecisionTrace, Order, OrderInput } from '../domain/types.ts';
import type { Db, Sql } from '../store/client.ts';
import { appendEvents } from '../store/event-repo.ts';
import { countCustomerOrders, findOrderKey, getOrder, insertOrder, type OrderKey } from '../store/order-repo.ts';
import { readAvailability, reserveStock, type StockAfter, type StockMove } from '../store/stock-repo.ts';
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
    const known = await db.read((sql) => findOrderKey(sql, channelId, input.externalId));
    if (known) return this.replay(known, bodyHash);
    const ctx = await this.context(channelId, input);
    const skus = stockSkusFor([...new Set(input.lines.map((l) => l.sku))], ctx.products);
    for (let attempt = 1; ; attempt++) {
      ctx.stock = await db.read((sql) => readAvailability(sql, skus));
      const plan = await planOrder(ctx, (c) => this.deps.decider.decide(c));
      try {
        const order = await db.write((sql) => this.commit(sql, ctx, plan, bodyHash));
        this.deps.feed.nudge();
        this.deps.onPlaced?.(order);
        return { order, created: true };
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

  private async context(channelId: string, input: OrderInput): Promise<DecisionContext> {
    const { products, warehouses } = await this.deps.catalogue.snapshot();
    const unknown = input.lines.flatMap((l, i) =>
      products.has(l.sku) ? [] : [{ path: `lines.${i}.sku`, message: `unknown SKU ${l.sku}` }],
    );
    if (unknown.length > 0) throw invalid('the order names products that do not exist', unknown);
    const key = customerKey(channelId, input.customer);
    const customerOrderCount = key ? await this.deps.db.read((sql) => countCustomerOrders(sql, key)) : 0;
    const order = { ...input, id: this.deps.ids.next('ord'), channelId };
    const routing = await this.deps.routingOptions?.();
    const demand = await this.deps.demand?.();
    return { order, products, warehouses, customerOrderCount, stock: new Map(), routing, demand };
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
  private async commit(sql: Sql, ctx: DecisionContext, plan: OrderPlan, bodyHash: string): Promise<Order> {
    const { order: input } = ctx;
    let { shipments, holds } = plan;
    let routing = plan.routing;
    if (routing && !holds.some((h) => !isBackorderHold(h))) {
      const fresh = await readAvailability(sql, stockSkusFor([...new Set(input.lines.map((l) => l.sku))], ctx.products));
      const again = routeUnits(ctx, plan.outcome, aggregateLines(input.lines), fresh);
      if (!sameAllocation(again, routing)) {
        routing = again;
        const packed = await packShipments(ctx, plan.outcome, again.shipments);
        shipments = packed.shipments;
        holds = packed.holds.length > 0 ? packed.holds : again.backordered.length > 0 ? [backorderHold(again.backordered)] : [];
      }
    }
    const now = this.deps.clock.now().toISOString();
    const fulfillments = fulfillmentsFromPlan(shipments, this.deps.ids);
    const moves = fulfillments.flatMap((f) => (f.reservations ?? f.lines).map((l) => ({ ...l, warehouseId: f.warehouseId })));
    const reserved: (StockMove & StockAfter)[] = [];
    for (const move of moves) {
      const level = await reserveStock(sql, move, now);
      if (!level) throw new StockMoved();
      reserved.push({ ...move, ...level });
    }
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
    try {
      await insertOrder(sql, order, bodyHash, customerKey(input.channelId, input.customer));
    } catch (error) {
      // The same order committed first from a concurrent request: this one rolls back and replays it.
      if (String(error).includes('UNIQUE constraint failed: orders.channel_id')) throw new AlreadyStored(undefined);
      throw error;
    }
    await appendEvents(sql, [
      { type: `order.${order.status}`, at: now, orderId: order.id, data: createdEventData(order) },
      ...(reserved.length > 0 ? [{ type: 'inventory.reserved', at: now, orderId: order.id, data: { moves: reserved } }] : []),
    ]);
    return order;
  }
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
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
