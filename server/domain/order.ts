// Building and changing orders as values: from a routing plan to fulfillments and holds.
import { deriveOrderStatus, isBackorderHold } from './lifecycle.ts';
import type { IdSource } from './ports.ts';
import type { PlannedShipment } from './routing.ts';
import type { Customer, Decision, Fulfillment, Hold, Order, OrderInput, OrderLine, SkuQuantity } from './types.ts';

/** Who the buyer is across orders (a channel's customer id, else the e-mail), for facts such as "first order". */
export function customerKey(channelId: string, customer: Customer | undefined): string | null {
  if (customer?.id) return `${channelId}:${customer.id}`;
  if (customer?.email) return `email:${customer.email.trim().toLowerCase()}`;
  return null;
}

/** One entry per SKU with its total quantity, in first-seen order. */
export function aggregateLines(lines: Pick<OrderLine, 'sku' | 'quantity'>[]): SkuQuantity[] {
  const totals = new Map<string, number>();
  for (const l of lines) totals.set(l.sku, (totals.get(l.sku) ?? 0) + l.quantity);
  return [...totals].map(([sku, quantity]) => ({ sku, quantity }));
}

/** Turns planned shipments into allocated fulfillments with fresh ids. */
export function fulfillmentsFromPlan(shipments: PlannedShipment[], ids: IdSource): Fulfillment[] {
  return shipments.map((s) => ({
    id: ids.next('ful'),
    warehouseId: s.warehouseId,
    status: 'allocated',
    lines: s.lines,
    packages: s.quote.packages,
    carrier: s.quote.carrier,
    service: s.quote.service,
    crossBorder: s.crossBorder,
    cost: s.quote.cost,
    eta: s.quote.eta,
    ...(s.lateDays > 0 ? { lateDays: s.lateDays } : {}),
    ...(s.duties ? { duties: s.duties } : {}),
    // Only a kit's differ from its lines: otherwise stored (and shown) as the lines alone.
    ...(reservesItsLines(s.reservations, s.lines) ? {} : { reservations: s.reservations }),
  }));
}

/** Whether a fulfillment reserves exactly its lines (no kits among them). */
export function reservesItsLines(reservations: SkuQuantity[] | undefined, lines: SkuQuantity[]): boolean {
  if (!reservations) return true;
  // Routing lists a kit-free shipment's reservations in its lines' order: that case needs no sorting
  // (every intake, backorder and simulated order asks, the store again for each fulfillment).
  if (reservations.length === lines.length && reservations.every((r, i) => r.sku === lines[i]?.sku && r.quantity === lines[i]?.quantity))
    return true;
  const key = (ls: SkuQuantity[]) => JSON.stringify([...ls].sort((a, b) => (a.sku < b.sku ? -1 : 1)).map((l) => [l.sku, l.quantity]));
  return key(reservations) === key(lines);
}

/** The hold that records units waiting for stock. */
export function backorderHold(lines: SkuQuantity[]): Hold {
  const units = lines.reduce((n, l) => n + l.quantity, 0);
  return { reason: 'backordered', message: `${units} unit(s) wait for stock`, lines };
}

export interface NewOrderParts {
  id: string;
  channelId: string;
  input: OrderInput;
  fulfillments: Fulfillment[];
  holds: Hold[];
  tags: string[];
  decision: Decision;
  now: string;
}

export function newOrder(p: NewOrderParts): Order {
  return {
    id: p.id,
    externalId: p.input.externalId,
    channelId: p.channelId,
    status: deriveOrderStatus(p.fulfillments, p.holds),
    placedAt: p.input.placedAt,
    serviceLevel: p.input.serviceLevel,
    shipTo: p.input.shipTo,
    ...(p.input.customer ? { customer: p.input.customer } : {}),
    lines: p.input.lines,
    fulfillments: p.fulfillments,
    holds: p.holds,
    tags: p.tags,
    decision: p.decision,
    createdAt: p.now,
    updatedAt: p.now,
  };
}

/** The units an order's fulfillments hold, per warehouse: a kit's reservations are its components. */
export function reservedUnits(
  fulfillments: Pick<Fulfillment, 'warehouseId' | 'lines' | 'reservations'>[],
): (SkuQuantity & { warehouseId: string })[] {
  return fulfillments.flatMap((f) => (f.reservations ?? f.lines).map((l) => ({ ...l, warehouseId: f.warehouseId })));
}

/** What the event recording a new order says: where its units ship from, at what cost, and what holds it. */
export function createdEventData(
  order: Pick<Order, 'channelId' | 'externalId' | 'status' | 'fulfillments' | 'holds'>,
): Record<string, unknown> {
  return {
    channelId: order.channelId,
    externalId: order.externalId,
    status: order.status,
    fulfillments: order.fulfillments.map((f) => ({ id: f.id, warehouseId: f.warehouseId, lines: f.lines, cost: f.cost.total })),
    holds: order.holds,
  };
}

/** Units of an order still waiting for stock. */
export const backorderedLines = (order: Order): SkuQuantity[] =>
  aggregateLines(order.holds.filter(isBackorderHold).flatMap((h) => h.lines ?? []));

/** The order after more of its backordered units were allocated. */
export function withBrokeredUnits(order: Order, added: Fulfillment[], stillShort: SkuQuantity[], now: string): Order {
  const holds = [...order.holds.filter((h) => !isBackorderHold(h)), ...(stillShort.length > 0 ? [backorderHold(stillShort)] : [])];
  const fulfillments = [...order.fulfillments, ...added];
  return { ...order, fulfillments, holds, status: deriveOrderStatus(fulfillments, holds), updatedAt: now };
}
