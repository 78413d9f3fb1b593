// One variant's decision for one order, reduced to what the KPIs, the diff and the order view
// need; and the full trace with its timings removed, so two runs store identical bytes.
import { deriveOrderStatus } from '../domain/lifecycle.ts';
import { aggregateLines, fulfillmentsFromPlan } from '../domain/order.ts';
import type { DecisionTrace, Hold } from '../domain/types.ts';
import type { OrderPlan } from '../services/plan-order.ts';
import { byCode } from './histogram.ts';
import type { DecisionSummary, ItemSummary, ShipmentSummary, SimOrder } from './types.ts';

const DAY_MS = 86_400_000;
// Summaries keep no fulfillment ids.
const NO_IDS = { next: (prefix: string) => prefix };

/** Whole days from the order's (UTC) date to a YYYY-MM-DD date. */
export function daysBetween(placedAt: string, date: string): number {
  return Math.round((dayOf(date.slice(0, 10)) - utcDayStart(placedAt)) / DAY_MS);
}

/** Midnight (UTC) of a moment's day, in epoch ms: the day of its ISO date, without formatting one. */
const utcDayStart = (at: string): number => {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? Number.NaN : Math.floor(ms / DAY_MS) * DAY_MS;
};

// Delivery dates repeat from order to order (a few a day), so each is parsed once.
const days = new Map<string, number>();
function dayOf(date: string): number {
  let ms = days.get(date);
  if (ms === undefined) {
    ms = Date.parse(`${date}T00:00:00Z`);
    if (days.size >= 4096) days.clear();
    days.set(date, ms);
  }
  return ms;
}

/** Summarises a plan; `ids` only label fulfillments, which the summary does not keep. */
export function summarise(order: SimOrder, plan: OrderPlan): DecisionSummary {
  const fulfillments = fulfillmentsFromPlan(plan.shipments, NO_IDS);
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
  const status = deriveOrderStatus(fulfillments, plan.holds);
  const matched: string[] = [];
  for (const r of (plan.outcome.trace.rules ?? []) as { name?: string; result?: boolean }[])
    if (r.result === true) matched.push(String(r.name));
  return {
    status,
    serviceLevel: plan.outcome.serviceLevel,
    policyVersion: plan.outcome.policyVersion,
    shipments,
    items: itemsOf(order, shipments, plan.holds),
    holds: plan.holds,
    tags: plan.outcome.tags,
    rules: matched,
    macros: plan.outcome.macros,
    cost: shipments.reduce((n, s) => n + s.cost.total, 0),
    deliveryDays:
      status === 'routed' && shipments.length > 0 ? Math.max(...shipments.map((s) => daysBetween(order.placedAt, s.eta))) : null,
    notes: plan.routing?.trace.notes ?? [],
  };
}

function itemsOf(order: SimOrder, shipments: ShipmentSummary[], holds: Hold[]): ItemSummary[] {
  return aggregateLines(order.lines).map(({ sku, quantity }) => {
    const from: Record<string, number> = {};
    for (const s of shipments) for (const l of s.lines) if (l.sku === sku) from[s.warehouseId] = (from[s.warehouseId] ?? 0) + l.quantity;
    let backordered = 0;
    for (const h of holds) for (const l of h.lines ?? []) if (l.sku === sku) backordered += l.quantity;
    return { sku, quantity, from, backordered };
  });
}

/** The decision trace as dry-run shows it, without macro timings (they differ run to run). */
export function stableTrace(plan: OrderPlan): DecisionTrace {
  const trace = plan.outcome.trace;
  const macros = (trace.macros as Record<string, unknown>[] | undefined)?.map(({ durationUs: _d, ...rest }) => rest);
  return { ...trace, ...(macros ? { macros } : {}), routing: plan.routing?.trace };
}

const allocationKey = (d: DecisionSummary) =>
  d.shipments
    .map(
      (s) =>
        `${s.warehouseId}:${[...s.lines]
          .sort((a, b) => byCode(a.sku, b.sku))
          .map((l) => `${l.sku}x${l.quantity}`)
          .join('+')}`,
    )
    .sort()
    .join('|');
const holdKey = (d: DecisionSummary) =>
  d.holds
    .map((h) => `${h.reason}:${h.macro ?? ''}:${(h.lines ?? []).map((l) => `${l.sku}x${l.quantity}`).join('+')}`)
    .sort()
    .join('|');
const serviceKey = (d: DecisionSummary) =>
  d.shipments
    .map((s) => `${s.carrier}/${s.service}`)
    .sort()
    .join('|');
const packageCount = (d: DecisionSummary) => d.shipments.reduce((n, s) => n + s.packages, 0);

/** What differs between two decisions for the same order; empty when they are the same. */
export function compareDecisions(a: DecisionSummary, b: DecisionSummary): string[] {
  const changes: string[] = [];
  if (a.status !== b.status) changes.push('status');
  if (allocationKey(a) !== allocationKey(b)) changes.push('warehouses');
  if (packageCount(a) !== packageCount(b)) changes.push('packages');
  if (holdKey(a) !== holdKey(b)) changes.push('holds');
  if (a.cost !== b.cost) changes.push('cost');
  if (serviceKey(a) !== serviceKey(b)) changes.push('service');
  if (a.deliveryDays !== b.deliveryDays) changes.push('delivery');
  return changes;
}
