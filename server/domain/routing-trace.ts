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

/** The plan's routing cost in parts. */
export function objectiveOf(model: RoutingModel, plan: Plan): RoutingObjective {
  const add = (f: (c: ShipmentCost) => number) => plan.shipments.reduce((n, s) => n + f(s.cost), 0);
  return {
    landed: add((c) => c.landed),
    splitPenalty: Math.max(0, plan.shipments.length - 1) * model.splitPenalty,
    lateness: add((c) => c.lateness),
    lookahead: add((c) => c.lookahead),
    adjustments: add((c) => c.site.adjustment),
    total: routingCost(model, plan),
    backorderedUnits: plan.backordered,
    nonPreferredShipments: plan.shipments.filter((s) => model.req.constraints.preferredWarehouses.length > 0 && !s.site.preferred).length,
  };
}

/**
 * Up to `options.alternatives` runner-ups with warehouse sets other than the winner's: every
 * single shipment, and a greedy plan without each chosen warehouse (explanations, not optima).
 */
export function alternativesFor(model: RoutingModel, result: OptimiseResult): RoutingAlternative[] {
  const winner = result.plan;
  const key = (p: Plan) =>
    p.shipments
      .map((s) => s.site.warehouse.id)
      .sort()
      .join('+');
  const seen = new Set([key(winner)]);
  const plans: Plan[] = [];
  const consider = (p: Plan) => {
    if (p.shipments.length === 0 || seen.has(key(p))) return;
    seen.add(key(p));
    plans.push(p);
  };
  for (const [site, cost] of result.singles) if (cost) consider(makePlan(model, [{ site, content: cost.content, cost }]));
  const eligible = model.sites.filter((s) => s.trace.eligible);
  if (plans.length < model.options.alternatives || winner.shipments.length > 1) {
    for (const a of winner.shipments) {
      const sites = eligible.filter((s) => s !== a.site);
      consider(greedyPlan(model, result.pricer, sites));
    }
  }
  plans.sort((a, b) => (ranksBefore(a, b) ? -1 : ranksBefore(b, a) ? 1 : 0));
  return plans.slice(0, model.options.alternatives).map((p) => ({
    warehouses: p.shipments.map((s) => s.site.warehouse.id),
    cost: routingCost(model, p),
    delta: routingCost(model, p) - routingCost(model, winner),
    backorderedUnits: p.backordered,
    reason: explainDifference(model, p, winner),
  }));
}

/** What a plan costs more (or less) than the winner, biggest differences first. */
export function explainDifference(model: RoutingModel, alt: Plan, winner: Plan): string {
  const money = (n: number) => (n > 0 ? '+' : '') + formatMoney(n, model.options.currency);
  const parts: string[] = [];
  if (alt.backordered > winner.backordered) parts.push(`${alt.backordered - winner.backordered} more unit(s) backordered`);
  if (alt.nonPreferred > winner.nonPreferred) parts.push('uses a warehouse outside the preferred list');
  const a = objectiveOf(model, alt);
  const w = objectiveOf(model, winner);
  const sum = (p: Plan, f: (c: ShipmentCost) => number) => p.shipments.reduce((n, s) => n + f(s.cost), 0);
  const late = (p: Plan) => Math.max(0, ...p.shipments.map((s) => s.cost.lateDays));
  const extra = alt.shipments.length - winner.shipments.length;
  const moneyParts: [number, string][] = [
    [sum(alt, (c) => c.shipping) - sum(winner, (c) => c.shipping), 'shipping'],
    [sum(alt, (c) => c.handling) - sum(winner, (c) => c.handling), 'handling'],
    [sum(alt, (c) => c.dutyAmount) - sum(winner, (c) => c.dutyAmount), 'duties and import VAT (DDP)'],
    [a.lateness - w.lateness, `lateness (${late(alt)} vs ${late(winner)} day(s) late)`],
    [a.lookahead - w.lookahead, 'stock look-ahead'],
    [a.adjustments - w.adjustments, 'score adjustments'],
    [a.splitPenalty - w.splitPenalty, `split penalty (${extra > 0 ? '+' : ''}${extra} shipment(s))`],
  ];
  moneyParts
    .filter(([d]) => d !== 0)
    .sort((x, y) => Math.abs(y[0]) - Math.abs(x[0]))
    .forEach(([d, what]) => parts.push(`${money(d)} ${what}`));
  if (extra !== 0 && a.splitPenalty === w.splitPenalty) parts.push(`${extra > 0 ? '+' : ''}${extra} shipment(s)`);
  return parts.length > 0 ? parts.join(', ') : 'same cost; ranked after the chosen plan';
}
