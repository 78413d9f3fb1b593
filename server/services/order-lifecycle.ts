// After intake: cancel (stock goes back), ship with tracking (stock leaves), deliver. Each step
// checks the lifecycle, moves stock and records an event in the same transaction.
import { conflict, notFound } from '../domain/errors.ts';
import { assertFulfillmentMove, assertOrderMove, deriveOrderStatus, isCancellable } from '../domain/lifecycle.ts';
import type { Clock } from '../domain/ports.ts';
import type { Fulfillment, Order } from '../domain/types.ts';
import type { Db, Sql } from '../store/client.ts';
import { appendEvent } from '../store/event-repo.ts';
import { getOrder, orderIdOfFulfillment, updateFulfillment, updateOrderState } from '../store/order-repo.ts';
import { consumeStock, releaseStock, type StockAfter, type StockMove } from '../store/stock-repo.ts';
import type { EventFeed } from './event-feed.ts';

export interface LifecycleDeps {
  db: Db;
  clock: Clock;
  feed: EventFeed;
  /** Called after stock was freed: backorders may now be filled. */
  onStockFreed: () => void;
}

export interface ShipRequest {
  carrier?: string | undefined;
  trackingNumber: string;
}

export class OrderLifecycle {
  constructor(private readonly deps: LifecycleDeps) {}

  async get(id: string): Promise<Order> {
    const order = await this.deps.db.read((sql) => getOrder(sql, id));
    if (!order) throw notFound('order', id);
    return order;
  }

  /** Cancels an order nothing of which has shipped, and releases its reservations. */
  async cancel(orderId: string, reason: string | undefined, check?: (order: Order) => void): Promise<Order> {
    const order = await this.inTransaction(async (sql, now) => {
      const order = await loadOrder(sql, orderId);
      check?.(order);
      if (!isCancellable(order.status, order.fulfillments)) throw conflict(`a ${order.status} order cannot be cancelled`);
      const released: (StockMove & StockAfter)[] = [];
      const fulfillments: Fulfillment[] = [];
      for (const f of order.fulfillments) {
        if (f.status === 'allocated') {
          for (const l of f.reservations ?? f.lines) {
            const move = { ...l, warehouseId: f.warehouseId };
            released.push({ ...move, ...(await releaseStock(sql, move, now)) });
          }
          const cancelled = { ...f, status: 'cancelled' as const };
          await updateFulfillment(sql, cancelled);
          fulfillments.push(cancelled);
        } else fulfillments.push(f);
      }
      const next: Order = { ...order, status: 'cancelled', fulfillments, holds: [], updatedAt: now };
      await updateOrderState(sql, next);
      await appendEvent(sql, { type: 'order.cancelled', at: now, orderId, data: { reason: reason ?? null } });
      if (released.length > 0) await appendEvent(sql, { type: 'inventory.released', at: now, orderId, data: { moves: released } });
      return next;
    });
    if (order.fulfillments.some((f) => f.status === 'cancelled')) this.deps.onStockFreed();
    return order;
  }

  /** Hands a fulfillment to the carrier: its units leave on-hand and reserved stock. */
  async ship(fulfillmentId: string, req: ShipRequest, check?: (order: Order) => void): Promise<Order> {
    return this.moveFulfillment(fulfillmentId, 'shipped', check, async (sql, f, now) => {
      // A kit leaves as its components: the units reserved are the units that go.
      for (const l of f.reservations ?? f.lines) await consumeStock(sql, { ...l, warehouseId: f.warehouseId }, now);
      return { ...f, status: 'shipped', carrier: req.carrier ?? f.carrier, trackingNumber: req.trackingNumber, shippedAt: now };
    });
  }

  async deliver(fulfillmentId: string, check?: (order: Order) => void): Promise<Order> {
    return this.moveFulfillment(fulfillmentId, 'delivered', check, async (_sql, f, now) => ({
      ...f,
      status: 'delivered',
      deliveredAt: now,
    }));
  }

  private async moveFulfillment(
    fulfillmentId: string,
    to: 'shipped' | 'delivered',
    check: ((order: Order) => void) | undefined,
    apply: (sql: Sql, f: Fulfillment, now: string) => Promise<Fulfillment>,
  ): Promise<Order> {
    return this.inTransaction(async (sql, now) => {
      const orderId = await orderIdOfFulfillment(sql, fulfillmentId);
      if (!orderId) throw notFound('fulfillment', fulfillmentId);
      const order = await loadOrder(sql, orderId);
      check?.(order);
      const f = order.fulfillments.find((x) => x.id === fulfillmentId) as Fulfillment;
      assertFulfillmentMove(f.status, to);
      const moved = await apply(sql, f, now);
      await updateFulfillment(sql, moved);
      const fulfillments = order.fulfillments.map((x) => (x.id === f.id ? moved : x));
      const status = deriveOrderStatus(fulfillments, order.holds);
      assertOrderMove(order.status, status);
      const next: Order = { ...order, fulfillments, status, updatedAt: now };
      await updateOrderState(sql, next);
      const data = {
        fulfillmentId,
        warehouseId: f.warehouseId,
        lines: f.lines,
        carrier: moved.carrier,
        trackingNumber: moved.trackingNumber ?? null,
        orderStatus: status,
      };
      await appendEvent(sql, { type: `fulfillment.${to}`, at: now, orderId, data });
      return next;
    });
  }

  private async inTransaction<T>(fn: (sql: Sql, now: string) => Promise<T>): Promise<T> {
    const result = await this.deps.db.write((sql) => fn(sql, this.deps.clock.now().toISOString()));
    this.deps.feed.nudge();
    return result;
  }
}

async function loadOrder(sql: Sql, id: string): Promise<Order> {
  const order = await getOrder(sql, id);
  if (!order) throw notFound('order', id);
  return order;
}
