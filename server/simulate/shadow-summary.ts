// The live side of a shadow: a stored order's decision at placement, reduced to the same summary a
// replay keeps (status, holds and fulfillments as its first event recorded them, so a later
// reroute, shipment or cancellation does not count), and what each side's decision did to stock.
import { aggregateLines } from '../domain/order.ts';
import type { StockView } from '../domain/routing.ts';
import type { Fulfillment, Hold, Order, OrderInput, OrderStatus, SkuQuantity } from '../domain/types.ts';
import { resolveDirectives } from '../policies/index.ts';
import type { CallRecord, DecisionEffects } from './shadow-types.ts';
import { StockState } from './stock-state.ts';
import { daysBetween } from './summary.ts';
import type { DecisionSummary, ItemSummary, ShipmentSummary, SimOrder } from './types.ts';

/** The order as its channel sent it, with its channel (the input a replay decides). */
export function simOrderOf(order: Order): SimOrder {
  const input: OrderInput = {
    externalId: order.externalId,
    placedAt: order.placedAt,
    serviceLevel: order.serviceLevel,
    shipTo: order.shipTo,
    lines: order.lines,
    ...(order.customer ? { customer: order.customer } : {}),
  };
  return { ...input, channelId: order.channelId };
}

/** The live decision as intake made it; `placed` is the data of the order's first event. */
export function liveDecision(order: Order, placed: Record<string, unknown>): { summary: DecisionSummary; fulfillments: Fulfillment[] } {
  const ids = new Set(((placed.fulfillments as { id?: string }[] | undefined) ?? []).map((f) => f.id));
  const fulfillments = order.fulfillments.filter((f) => ids.has(f.id));
  const holds = (placed.holds as Hold[] | undefined) ?? order.holds;
  const status = (placed.status as OrderStatus | undefined) ?? order.status;
  const trace = order.decision.trace;
  const shipments: ShipmentSummary[] = fulfillments.map((f) => ({
    warehouseId: f.warehouseId,
    lines: f.lines,
    packages: f.packages.length,
    carrier: f.carrier,
    service: f.service,
    crossBorder: f.crossBorder,
    cost: f.cost,
    eta: f.eta,
  }));
  const fired = ((trace.rules ?? []) as { name?: unknown; result?: unknown }[]).filter((r) => r.result === true);
  const summary: DecisionSummary = {
    status,
    serviceLevel: resolveDirectives(trace.directives ?? []).serviceLevel ?? order.serviceLevel,
    policyVersion: order.decision.policyVersion,
    shipments,
    items: itemsOf(order, shipments, holds),
    holds,
    tags: order.tags,
    rules: fired.map((r) => String(r.name)),
    macros: order.decision.macros,
    cost: shipments.reduce((n, s) => n + s.cost.total, 0),
    deliveryDays:
      status === 'routed' && shipments.length > 0 ? Math.max(...shipments.map((s) => daysBetween(order.placedAt, s.eta))) : null,
    notes: trace.routing?.notes ?? [],
  };
  return { summary, fulfillments };
}

function itemsOf(order: Order, shipments: ShipmentSummary[], holds: Hold[]): ItemSummary[] {
  return aggregateLines(order.lines).map(({ sku, quantity }) => {
    const from: Record<string, number> = {};
    for (const s of shipments) for (const l of s.lines) if (l.sku === sku) from[s.warehouseId] = (from[s.warehouseId] ?? 0) + l.quantity;
    const backordered = holds
      .flatMap((h) => h.lines ?? [])
      .filter((l) => l.sku === sku)
      .reduce((n, l) => n + l.quantity, 0);
    return { sku, quantity, from, backordered };
  });
}

/** Shipments as far as stock is concerned: where from, and the units taken (kits as their components). */
interface StockTaking {
  warehouseId: string;
  lines: SkuQuantity[];
  reservations?: SkuQuantity[] | undefined;
}

/** SKUs each shipment would leave with none of the stock the decision saw, and the macro calls it made. */
export function effectsOf(view: StockView, shipments: StockTaking[], traceMacros: unknown[] | undefined): DecisionEffects {
  const lines = [...view].flatMap(([warehouseId, levels]) => [...levels].map(([sku, onHand]) => ({ sku, warehouseId, onHand })));
  const stock = new StockState(lines);
  return {
    stockOuts: shipments.map((s) => stock.reserve(s.warehouseId, s.reservations ?? s.lines).length),
    calls: callsOf(traceMacros),
  };
}

/** The macro calls of a decision trace, as coverage counts them. */
export function callsOf(traceMacros: unknown[] | undefined): CallRecord[] {
  return ((traceMacros ?? []) as { macro?: unknown; hook?: unknown; ok?: unknown; error?: { kind?: unknown }; durationUs?: unknown }[]).map(
    (c) => ({
      macro: String(c.macro),
      hook: String(c.hook),
      ok: c.ok === true,
      ...(c.ok === true ? {} : { kind: String(c.error?.kind ?? 'failed') }),
      durationUs: typeof c.durationUs === 'number' ? c.durationUs : 0,
    }),
  );
}
