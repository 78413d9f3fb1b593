// The arithmetic of returns as pure functions over values: what an order may still return, whether
// a receipt fits its RMA, when an order is wholly returned, and the replacement order of an exchange.
import { aggregateLines } from '../domain/order.ts';
import type { ErrorDetail } from '../domain/errors.ts';
import type { Order, OrderInput, SkuQuantity } from '../domain/types.ts';
import type { OrderReturn, ReturnLine } from '../store/return-repo.ts';

export const CONDITIONS = ['sellable', 'damaged'] as const;
export type Condition = (typeof CONDITIONS)[number];

export interface ReceiptLine {
  sku: string;
  quantity: number;
  condition: Condition;
}

/** A check's verdict: `invalid` are 400s (not on the order), `over` are 409s (more than is left). */
export interface LineCheck<T> {
  lines: T;
  invalid: ErrorDetail[];
  over: ErrorDetail[];
}

const add = (m: Map<string, number>, sku: string, n: number) => m.set(sku, (m.get(sku) ?? 0) + n);

/** Units that have left a warehouse, per SKU. */
export function shippedUnits(order: Order): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of order.fulfillments) {
    if (f.status === 'shipped' || f.status === 'delivered') for (const l of f.lines) add(out, l.sku, l.quantity);
  }
  return out;
}

/** Units counted as returned: those authorised on an open RMA, those received on a closed one. */
export function returnedUnits(returns: OrderReturn[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of returns) for (const l of r.lines) add(out, l.sku, r.status === 'received' ? l.sellable + l.damaged : l.quantity);
  return out;
}

/** Units actually received back, per SKU. */
export function receivedUnits(returns: OrderReturn[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of returns) for (const l of r.lines) add(out, l.sku, l.sellable + l.damaged);
  return out;
}

/** The lines of a new RMA, merged per SKU, against shipped minus already returned. */
export function checkReturnLines(requested: SkuQuantity[], order: Order, returns: OrderReturn[]): LineCheck<ReturnLine[]> {
  const shipped = shippedUnits(order);
  const returned = returnedUnits(returns);
  const invalid: ErrorDetail[] = [];
  const over: ErrorDetail[] = [];
  const merged = aggregateLines(requested);
  for (const l of merged) {
    const path = `lines.${requested.findIndex((r) => r.sku === l.sku)}`;
    const sent = shipped.get(l.sku) ?? 0;
    const left = sent - (returned.get(l.sku) ?? 0);
    if (!order.lines.some((o) => o.sku === l.sku)) invalid.push({ path: `${path}.sku`, message: `${l.sku} is not on order ${order.id}` });
    else if (l.quantity > left)
      over.push({ path: `${path}.quantity`, message: `${l.quantity} of ${l.sku} asked, ${left} left to return (${sent} shipped)` });
  }
  return { lines: merged.map((l) => ({ ...l, sellable: 0, damaged: 0 })), invalid, over };
}

/** An RMA's lines after a receipt: each SKU must be on the RMA, and no more than authorised. */
export function applyReceipt(rma: OrderReturn, receipt: ReceiptLine[]): LineCheck<ReturnLine[]> {
  const lines = rma.lines.map((l) => ({ ...l }));
  const invalid: ErrorDetail[] = [];
  receipt.forEach((r, i) => {
    const line = lines.find((l) => l.sku === r.sku);
    if (!line) invalid.push({ path: `lines.${i}.sku`, message: `${r.sku} is not on return ${rma.id}` });
    else line[r.condition] += r.quantity;
  });
  const over = lines.flatMap((l) => {
    const got = l.sellable + l.damaged;
    const path = `lines.${receipt.findIndex((r) => r.sku === l.sku)}.quantity`;
    return got > l.quantity ? [{ path, message: `${got} of ${l.sku} received, ${l.quantity} authorised` }] : [];
  });
  return { lines, invalid, over };
}

/** Units of one condition in a receipt, per SKU (what goes back on the shelf, what is quarantined). */
export function unitsIn(receipt: ReceiptLine[], condition: Condition): SkuQuantity[] {
  return aggregateLines(receipt.filter((r) => r.condition === condition));
}

/** Whether every shipped unit of a fully shipped order has come back. */
export function isWhollyReturned(order: Order, returns: OrderReturn[]): boolean {
  if (order.status !== 'shipped' && order.status !== 'delivered') return false;
  const received = receivedUnits(returns);
  const shipped = [...shippedUnits(order)];
  return shipped.length > 0 && shipped.every(([sku, n]) => (received.get(sku) ?? 0) >= n);
}

/** The external id of an exchange's replacement order: fixed per RMA, so placing it is idempotent. */
export const exchangeExternalId = (order: Order, rma: OrderReturn): string => `${order.externalId}-EX-${rma.id}`;

/**
 * The replacement order for an exchange: the received units at the original prices, to the same
 * address and service level, placed when the return was received (so a retry sends the same body).
 */
export function exchangeOrderInput(order: Order, rma: OrderReturn): OrderInput | undefined {
  const lines = rma.lines.filter((l) => l.sellable + l.damaged > 0);
  if (lines.length === 0 || !rma.receivedAt) return undefined;
  const priceOf = (sku: string) => order.lines.find((l) => l.sku === sku)?.unitPrice ?? 0;
  return {
    externalId: exchangeExternalId(order, rma),
    placedAt: rma.receivedAt,
    serviceLevel: order.serviceLevel,
    shipTo: order.shipTo,
    lines: lines.map((l) => ({ sku: l.sku, quantity: l.sellable + l.damaged, unitPrice: priceOf(l.sku) })),
    ...(order.customer ? { customer: order.customer } : {}),
  };
}
