// The order and fulfillment status lifecycle: which moves are legal, and the order status that follows.
import { conflict } from './errors.ts';
import type { Fulfillment, FulfillmentStatus, Hold, OrderStatus } from './types.ts';

const FULFILLMENT_MOVES: Record<FulfillmentStatus, FulfillmentStatus[]> = {
  allocated: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

const ORDER_MOVES: Record<OrderStatus, OrderStatus[]> = {
  routed: ['partially_shipped', 'shipped', 'on_hold', 'backordered', 'cancelled', 'routed'],
  backordered: ['routed', 'backordered', 'partially_shipped', 'shipped', 'on_hold', 'cancelled'],
  on_hold: ['routed', 'backordered', 'on_hold', 'cancelled'],
  partially_shipped: ['partially_shipped', 'shipped', 'delivered'],
  shipped: ['shipped', 'delivered', 'returned'],
  delivered: ['delivered', 'returned'],
  cancelled: [],
  returned: [],
};

/** Throws a conflict when a fulfillment may not move from `from` to `to`. */
export function assertFulfillmentMove(from: FulfillmentStatus, to: FulfillmentStatus): void {
  if (!FULFILLMENT_MOVES[from].includes(to)) {
    throw conflict(`a ${from} fulfillment cannot become ${to}`);
  }
}

/** Throws a conflict when an order may not move from `from` to `to`. */
export function assertOrderMove(from: OrderStatus, to: OrderStatus): void {
  if (!ORDER_MOVES[from].includes(to)) {
    throw conflict(`a ${from} order cannot become ${to}`);
  }
}

export const isBackorderHold = (hold: Hold): boolean => hold.reason === 'backordered';

/**
 * The status an open order has, given its fulfillments and holds. A whole-order hold wins;
 * then unshipped backordered units; then how far its shipments have come.
 */
export function deriveOrderStatus(fulfillments: Fulfillment[], holds: Hold[]): OrderStatus {
  if (holds.some((h) => !isBackorderHold(h))) return 'on_hold';
  const live = fulfillments.filter((f) => f.status !== 'cancelled');
  const moved = live.filter((f) => f.status === 'shipped' || f.status === 'delivered');
  if (holds.some(isBackorderHold)) return moved.length > 0 ? 'partially_shipped' : 'backordered';
  if (live.length === 0) return 'backordered';
  if (moved.length === 0) return 'routed';
  if (moved.length < live.length) return 'partially_shipped';
  return live.every((f) => f.status === 'delivered') ? 'delivered' : 'shipped';
}

/** Whether an order can still be cancelled: nothing of it has left a warehouse. */
export function isCancellable(status: OrderStatus, fulfillments: Fulfillment[]): boolean {
  if (!ORDER_MOVES[status].includes('cancelled')) return false;
  return fulfillments.every((f) => f.status === 'allocated' || f.status === 'cancelled');
}
