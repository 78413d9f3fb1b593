// Explaining a routing decision: each candidate's own shipment, the chosen plan's cost broken
// down, and the runner-up plans with what, in money, made them lose.
import { greedyPlan } from './optimizer-heuristic.ts';
import { makePlan, ranksBefore, routingCost, type Plan } from './optimizer-plan.ts';
import type { OptimiseResult } from './optimizer.ts';
import type { ShipmentCost } from './routing-cost.ts';
import type { RoutingModel } from './routing-model.ts';
import { formatMoney } from './routing-options.ts';
import type { CostBreakdown, RoutingAlternative, RoutingObjective } from './types.ts';

/** The customer-facing cost parts of a shipment. */
export const breakdownOf = (c: ShipmentCost): CostBreakdown => ({
  shipping: c.shipping,
  handling: c.handling,
  duties: c.dutyAmount,
  total: c.landed,
});

/** Fills each eligible candidate's trace with the shipment of all it can ship, and marks the chosen. */
export function describeCandidates(model: RoutingModel, result: OptimiseResult): void {
  for (const [site, cost] of result.singles) {
    if (!cost) {
      site.trace.reasons.push(`no ${model.req.serviceLevel} rate for every package of its shipment to ${model.req.country}`);
      continue;
    }
    describe(site.trace, cost);
  }
  for (const a of result.plan.shipments) {
    a.site.trace.outcome = 'chosen';
    describe(a.site.trace, a.cost);
  }
}

function describe(trace: RoutingModel['sites'][number]['trace'], cost: ShipmentCost): void {
  trace.cost = breakdownOf(cost);
  trace.eta = etaOf(cost);
  trace.lateDays = cost.lateDays;
  if (cost.site.adjustment !== 0) trace.adjustment = cost.site.adjustment;
}

/** Delivery date (YYYY-MM-DD) of a priced shipment. */
export const etaOf = (c: ShipmentCost): string => dayOf(c.site.shipDay + c.transitDays * 86_400_000);

// The few delivery days in play at a time, formatted once each (a pure function's memo).
const days = new Map<number, string>();

function dayOf(ms: number): string {
  let day = days.get(ms);
  if (day === undefined) {
    day = new Date(ms).toISOString().slice(0, 10);
    if (days.size >= 4096) days.clear();
    days.set(ms, day);
  }
  return day;
}

/** A plan's shipment costs summed (each in shipment order), and its latest shipment's days late. */
interface PlanSums {
  shipping: number;
  handling: number;
  duties: number;
  landed: number;
  lateness: number;
  lookahead: number;
  adjustments: number;
  lateDays: number;
}

function sumsOf(plan: Plan): PlanSums {
  const sums: PlanSums = { shipping: 0, handling: 0, duties: 0, landed: 0, lateness: 0, lookahead: 0, adjustments: 0, lateDays: 0 };
  for (const s of plan.shipments) {
    const c = s.cost;
    sums.shipping += c.shipping;
    sums.handling += c.handling;
    sums.duties += c.dutyAmount;
    sums.landed += c.landed;
    sums.lateness += c.lateness;
    sums.lookahead += c.lookahead;
    sums.adjustments += c.site.adjustment;
    sums.lateDays = Math.max(sums.lateDays, c.lateDays);
  }
  return sums;
}

const splitPenaltyOf = (model: RoutingModel, plan: Plan): number => Math.max(0, plan.shipments.length - 1) * model.splitPenalty;

/** The plan's routing cost in parts. */
export function objectiveOf(model: RoutingModel, plan: Plan): RoutingObjective {
  const sums = sumsOf(plan);
  let nonPreferredShipments = 0;
  if (model.req.constraints.preferredWarehouses.length > 0) for (const s of plan.shipments) if (!s.site.preferred) nonPreferredShipments++;
  return {
    landed: sums.landed,
    splitPenalty: splitPenaltyOf(model, plan),
    lateness: sums.lateness,
    lookahead: sums.lookahead,
    adjustments: sums.adjustments,
    total: routingCost(model, plan),
    backorderedUnits: plan.backordered,
    nonPreferredShipments,
  };
}

/** The warehouses of a plan, sorted and joined: plans with the same key use the same warehouses. */
function planKey(p: Plan): string {
  if (p.shipments.length === 1) return String((p.shipments[0] as Plan['shipments'][number]).site.warehouse.id);
  return p.shipments
    .map((s) => s.site.warehouse.id)
    .sort()
    .join('+');
}

/** Keeps a plan that ships something from a warehouse set not seen yet. */
function consider(seen: Set<string>, plans: Plan[], p: Plan): void {
  if (p.shipments.length === 0) return;
  const key = planKey(p);
  if (seen.has(key)) return;
  seen.add(key);
  plans.push(p);
}

const byRank = (a: Plan, b: Plan): number => (ranksBefore(a, b) ? -1 : ranksBefore(b, a) ? 1 : 0);

/**
 * Up to `options.alternatives` runner-ups with warehouse sets other than the winner's: every
 * single shipment, and a greedy plan without each chosen warehouse (explanations, not optima).
 */
export function alternativesFor(model: RoutingModel, result: OptimiseResult): RoutingAlternative[] {
  if (model.options.alternatives <= 0) return [];
  const winner = result.plan;
  const seen = new Set([planKey(winner)]);
  const plans: Plan[] = [];
  for (const [site, cost] of result.singles) if (cost) consider(seen, plans, makePlan(model, [{ site, content: cost.content, cost }]));
  if (plans.length < model.options.alternatives || winner.shipments.length > 1) {
    const eligible = model.sites.filter((s) => s.trace.eligible);
    for (const a of winner.shipments) {
      const sites = eligible.filter((s) => s !== a.site);
      consider(seen, plans, greedyPlan(model, result.pricer, sites));
    }
  }
  plans.sort(byRank);
  const shown = plans.slice(0, model.options.alternatives);
  if (shown.length === 0) return [];
  const winnerSums = sumsOf(winner);
  const winnerCost = routingCost(model, winner);
  return shown.map((p) => ({
    warehouses: p.shipments.map((s) => s.site.warehouse.id),
    cost: routingCost(model, p),
    delta: routingCost(model, p) - winnerCost,
    backorderedUnits: p.backordered,
    reason: explain(model, p, winner, sumsOf(p), winnerSums),
  }));
}

/** What a plan costs more (or less) than the winner, biggest differences first. */
export function explainDifference(model: RoutingModel, alt: Plan, winner: Plan): string {
  return explain(model, alt, winner, sumsOf(alt), sumsOf(winner));
}

function addPart(parts: [number, string][], d: number, what: string): void {
  if (d !== 0) parts.push([d, what]);
}

const biggerFirst = (x: [number, string], y: [number, string]): number => Math.abs(y[0]) - Math.abs(x[0]);

function explain(model: RoutingModel, alt: Plan, winner: Plan, a: PlanSums, w: PlanSums): string {
  const parts: string[] = [];
  if (alt.backordered > winner.backordered) parts.push(`${alt.backordered - winner.backordered} more unit(s) backordered`);
  if (alt.nonPreferred > winner.nonPreferred) parts.push('uses a warehouse outside the preferred list');
  const extra = alt.shipments.length - winner.shipments.length;
  const split = splitPenaltyOf(model, alt) - splitPenaltyOf(model, winner);
  const late = a.lateness - w.lateness;
  const moneyParts: [number, string][] = [];
  addPart(moneyParts, a.shipping - w.shipping, 'shipping');
  addPart(moneyParts, a.handling - w.handling, 'handling');
  addPart(moneyParts, a.duties - w.duties, 'duties and import VAT (DDP)');
  if (late !== 0) moneyParts.push([late, `lateness (${a.lateDays} vs ${w.lateDays} day(s) late)`]);
  addPart(moneyParts, a.lookahead - w.lookahead, 'stock look-ahead');
  addPart(moneyParts, a.adjustments - w.adjustments, 'score adjustments');
  if (split !== 0) moneyParts.push([split, `split penalty (${extra > 0 ? '+' : ''}${extra} shipment(s))`]);
  moneyParts.sort(biggerFirst);
  for (const [d, what] of moneyParts) parts.push(`${d > 0 ? '+' : ''}${formatMoney(d, model.options.currency)} ${what}`);
  if (extra !== 0 && splitPenaltyOf(model, alt) === splitPenaltyOf(model, winner))
    parts.push(`${extra > 0 ? '+' : ''}${extra} shipment(s)`);
  return parts.length > 0 ? parts.join(', ') : 'same cost; ranked after the chosen plan';
}
