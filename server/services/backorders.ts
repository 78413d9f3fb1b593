// Brokering backorders again: when stock arrives or is freed, waiting orders are tried oldest
// first under the same policies as at intake; each attempt is an event on the order.
import type { DemandRates } from '../domain/demand.ts';
import { conflict } from '../domain/errors.ts';
import { isBackorderHold } from '../domain/lifecycle.ts';
import { stockSkusFor } from '../domain/kits.ts';
import { backorderedLines, customerKey, fulfillmentsFromPlan, withBrokeredUnits } from '../domain/order.ts';
import type { Clock, IdSource } from '../domain/ports.ts';
import type { RoutingOptionsInput } from '../domain/routing-options.ts';
import type { Order } from '../domain/types.ts';
import type { Db } from '../store/client.ts';
import { appendEvent } from '../store/event-repo.ts';
import { backorderedOrderIds, countCustomerOrdersBefore, getOrder, insertFulfillments, updateOrderState } from '../store/order-repo.ts';
import { readAvailability, reserveStock, type StockAfter, type StockMove } from '../store/stock-repo.ts';
import type { Catalogue } from './catalogue.ts';
import type { DecisionContext, OrderDecider } from './decide.ts';
import type { EventFeed } from './event-feed.ts';
import { packShipments, routeUnits } from './plan-order.ts';

export interface BrokerDeps {
  db: Db;
  catalogue: Catalogue;
  clock: Clock;
  ids: IdSource;
  decider: OrderDecider;
  feed: EventFeed;
  /** The routing settings in force; absent: routing's defaults. */
  routingOptions?: (() => Promise<RoutingOptionsInput>) | undefined;
  /** Recent demand rates when live look-ahead is on; absent or undefined: off. */
  demand?: (() => Promise<DemandRates | undefined>) | undefined;
}

export interface BrokerResult {
  order: Order;
  routedUnits: number;
}

export class BackorderBroker {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly deps: BrokerDeps) {}

  /** Asks for a pass over the backorder queue; passes never overlap, and requests coalesce. */
  schedule(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runAll()
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      });
  }

  /** Resolves when no pass is running (tests and shutdown wait on it). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** One pass, oldest order first; only orders with some of their SKUs now in stock are tried. */
  async runAll(): Promise<void> {
    const ids = await this.deps.db.read((sql) => backorderedOrderIds(sql, 500));
    for (const id of ids) {
      const order = await this.deps.db.read((sql) => getOrder(sql, id));
      if (!order) continue;
      const { products } = await this.deps.catalogue.snapshot();
      // A kit waits for its components: those are the SKUs whose stock can fill it.
      const skus = stockSkusFor(
        backorderedLines(order).map((l) => l.sku),
        products,
      );
      const stock = await this.deps.db.read((sql) => readAvailability(sql, skus));
      const inStock = [...stock.values()].some((bySku) => [...bySku.values()].some((n) => n > 0));
      if (inStock) await this.broker(id, 'stock_available');
    }
  }

  /** Tries to allocate an order's backordered units now. */
  async broker(orderId: string, trigger: string): Promise<BrokerResult> {
    const { db, clock, ids } = this.deps;
    const order = await db.read((sql) => getOrder(sql, orderId));
    if (!order) throw conflict(`order ${orderId} does not exist`);
    if (order.status === 'cancelled' || order.holds.some((h) => !isBackorderHold(h))) {
      throw conflict(`a ${order.status} order cannot be rerouted`);
    }
    const ctx = await this.context(order);
    const outcome = await this.deps.decider.decide(ctx);
    const result = await db.write(async (sql) => {
      const now = clock.now().toISOString();
      const current = (await getOrder(sql, orderId)) as Order;
      const units = backorderedLines(current);
      if (units.length === 0) return { order: current, routedUnits: 0 };
      const stock = await readAvailability(
        sql,
        stockSkusFor(
          units.map((u) => u.sku),
          ctx.products,
        ),
      );
      const plan = routeUnits(ctx, outcome, units, stock);
      const packed = outcome.holds.length > 0 ? { shipments: [], holds: outcome.holds } : await packShipments(ctx, outcome, plan.shipments);
      const added = fulfillmentsFromPlan(packed.shipments, ids);
      const moves: (StockMove & StockAfter)[] = [];
      for (const f of added) {
        for (const l of f.reservations ?? f.lines) {
          const move = { ...l, warehouseId: f.warehouseId };
          const level = await reserveStock(sql, move, now);
          if (!level) throw new Error('stock moved during brokering');
          moves.push({ ...move, ...level });
        }
      }
      await insertFulfillments(sql, orderId, added, now);
      const routedUnits = added.reduce((n, f) => n + f.lines.reduce((m, l) => m + l.quantity, 0), 0);
      const stillShort = routedUnits > 0 ? plan.backordered : units;
      const next = withBrokeredUnits(current, added, stillShort, now);
      await updateOrderState(sql, next);
      const data = {
        trigger,
        routedUnits,
        stillBackordered: stillShort,
        fulfillments: added.map((f) => f.id),
        moves,
        notes: plan.trace.notes,
      };
      await appendEvent(sql, { type: routedUnits > 0 ? 'order.rerouted' : 'order.reroute_attempted', at: now, orderId, data });
      return { order: next, routedUnits };
    });
    this.deps.feed.nudge();
    return result;
  }

  private async context(order: Order): Promise<DecisionContext> {
    const { products, warehouses } = await this.deps.catalogue.snapshot();
    const { id, channelId, externalId, placedAt, serviceLevel, shipTo, lines, customer } = order;
    // Re-decided with the facts intake had: isFirstOrder must not turn true for a repeat customer.
    const key = customerKey(channelId, customer);
    const customerOrderCount = key ? await this.deps.db.read((sql) => countCustomerOrdersBefore(sql, key, id)) : 0;
    return {
      order: { id, channelId, externalId, placedAt, serviceLevel, shipTo, lines, customer },
      products,
      warehouses,
      customerOrderCount,
      stock: new Map(),
      routing: await this.deps.routingOptions?.(),
      demand: await this.deps.demand?.(),
    };
  }
}
