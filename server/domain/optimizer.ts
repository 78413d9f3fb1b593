// Chooses the plan: every eligible warehouse's single shipment first (usually one of them is
// provably best), else the exact search when the order is within its range, else the heuristic.
import { buildTables, type SearchTables } from './optimizer-bounds.ts';
import { searchExact } from './optimizer-exact.ts';
import { greedyPlan, improvePlan, neighbourhoodSearch } from './optimizer-heuristic.ts';
import { EPS, makePlan, maxContent, Pricer, ranksBefore, type Plan } from './optimizer-plan.ts';
import type { ShipmentCost } from './routing-cost.ts';
import type { RoutingModel, Site } from './routing-model.ts';
import type { RoutingSearch } from './types.ts';

export interface OptimiseResult {
  plan: Plan;
  solver: 'exact' | 'heuristic';
  search: RoutingSearch;
  /** Each eligible site's shipment of all it can ship (undefined: it cannot be priced). */
  singles: Map<Site, ShipmentCost | undefined>;
  pricer: Pricer;
  notes: string[];
}

/** Finds the best plan for a model (see optimizer-plan.ts for the ranking). */
export function optimise(model: RoutingModel): OptimiseResult {
  const pricer = new Pricer(model);
  const active = model.sites.filter((s) => s.trace.eligible);
  const quantities = model.items.map((i) => i.quantity);
  const singles = new Map(active.map((s) => [s, pricer.price(s, maxContent(model, s, quantities))] as const));
  const singlePlans: Plan[] = [];
  for (const [site, cost] of singles) if (cost) singlePlans.push(makePlan(model, [{ site, content: cost.content, cost }]));
  const empty = makePlan(model, []);
  if (model.req.constraints.forbidSplit) {
    const whole = singlePlans.filter((p) => p.backordered === 0);
    const best = whole.reduce<Plan | undefined>((b, p) => (!b || ranksBefore(p, b) ? p : b), undefined);
    return resultOf(
      model,
      active.length,
      pricer,
      singles,
      best ?? empty,
      'exact',
      true,
      0,
      best ? [] : ['no single warehouse can ship every unit and splitting is forbidden: the order is backordered'],
    );
  }
  const order = searchOrder(active, singles);
  const tables = buildTables(model, order);
  let best = [greedyPlan(model, pricer, order), ...singlePlans].reduce((b, p) => (ranksBefore(p, b) ? p : b), empty);
  if (singleIsProvenBest(tables, best))
    return resultOf(model, active.length, pricer, singles, best, 'exact', true, 0, [
      'no split can beat the best single shipment (lower bound)',
    ]);
  // Within the exact range the greedy plan is incumbent enough (the bounds prune well); past it the
  // search may stop at its limits, and a locally improved incumbent is what it then improves on.
  if (model.items.length * order.length > EXACT_RANGE) best = improvePlan(model, pricer, order, best);
  const exact = searchExact(model, order, pricer, best, model.options.search, tables);
  best = exact.best ?? best;
  if (exact.proven) return resultOf(model, active.length, pricer, singles, best, 'exact', true, exact.states, []);
  const { maxStates, maxEvaluations } = model.options.search;
  const note = `exact search stopped at its limit (${maxStates} states or ${maxEvaluations} priced shipments): best plan found, improved by neighbourhood and local search, not proven optimal`;
  const improved = neighbourhoodSearch(model, pricer, order, improvePlan(model, pricer, order, best), {
    maxStates,
    maxEvaluations: maxEvaluations + pricer.evaluations,
  });
  return resultOf(model, active.length, pricer, singles, improvePlan(model, pricer, order, improved), 'heuristic', false, exact.states, [
    note,
  ]);
}

function resultOf(
  model: RoutingModel,
  warehouses: number,
  pricer: Pricer,
  singles: Map<Site, ShipmentCost | undefined>,
  plan: Plan,
  solver: OptimiseResult['solver'],
  proven: boolean,
  states: number,
  notes: string[],
): OptimiseResult {
  return {
    plan,
    solver,
    search: { items: model.items.length, warehouses, states, evaluations: pricer.evaluations, provenOptimal: proven },
    singles,
    pricer,
    notes,
  };
}

/** Items x warehouses of the largest orders solved exactly as a rule (10 lines over 20 warehouses). */
const EXACT_RANGE = 200;

/** Sites by the routing cost per unit of their single shipment; unpriceable ones last. */
function searchOrder(active: Site[], singles: Map<Site, ShipmentCost | undefined>): Site[] {
  return active
    .map((s, i) => ({ s, i, u: perUnit(singles.get(s)) }))
    .sort((a, b) => a.u - b.u || a.i - b.i)
    .map((x) => x.s);
}

/** A single shipment's routing cost per unit; Infinity when it cannot be priced. */
function perUnit(cost: ShipmentCost | undefined): number {
  if (!cost) return Infinity;
  let units = 0;
  for (const n of cost.content) units += n;
  return units > 0 ? cost.score / units : Infinity;
}

/**
 * Whether the best plan is a single shipment no split can beat: it backorders only what no site
 * holds (so any rival places exactly as much of every item, and every other single shipment of
 * that was priced), and any two shipments' openings and least packages, plus every unit's least
 * cost, cost as much.
 */
function singleIsProvenBest(t: SearchTables, best: Plan): boolean {
  if (best.shipments.length !== 1 || best.nonPreferred !== 0) return false;
  const open = t.arena.f64(t.K).fill(Infinity);
  let unplaceable = 0;
  let units = 0;
  for (let j = 0; j < t.J; j++) {
    let cap = 0;
    let least = Infinity;
    for (let k = 0; k < t.K; k++) {
      const p = k * t.J + j;
      if (t.cap[p]! <= 0) continue;
      cap += t.cap[p]!;
      least = Math.min(least, t.unitCost[p]!);
      open[k] = Math.min(open[k]!, t.opening[k]! + leastPackage(t, k, j));
    }
    const need = Math.min(t.quantity[j]!, cap);
    unplaceable += t.quantity[j]! - need;
    if (need > 0) units += need * least;
  }
  if (unplaceable !== best.backordered) return false;
  if (t.K < 2) return true;
  const sorted = [...open].sort((a, b) => a - b);
  const extra = sorted.slice(2).reduce((n, o) => n + Math.min(0, o), 0);
  return best.score <= sorted[0]! + sorted[1]! + extra + units + EPS;
}

/** The package base a shipment from site k holding item j pays at least (packets: in a packet or a parcel). */
function leastPackage(t: SearchTables, k: number, j: number): number {
  const c = t.cls[j]!;
  if (t.custom || c < 0) return 0;
  return c === 2 ? t.group[k * 3]! : t.group[k * 3 + 1]! + (c === 1 ? t.group[k * 3 + 2]! : 0);
}
