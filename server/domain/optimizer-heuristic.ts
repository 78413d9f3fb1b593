// Heuristic routing for orders beyond the exact search's range: greedy construction (cheapest per
// unit, and most units first); local search that moves an item's units between shipments,
// empties a shipment into the others, or swaps a shipment's warehouse, while any move improves;
// and exact search over small neighbourhoods of warehouses.
import { searchExact, type SearchLimits } from './optimizer-exact.ts';
import { isNonPreferred, makePlan, maxContent, ranksBefore, type Allocation, type Plan, type Pricer } from './optimizer-plan.ts';
import type { RoutingModel, Site } from './routing-model.ts';

type Pick = 'per-unit' | 'most-units';

/** The better of two greedy constructions. */
export function greedyPlan(model: RoutingModel, pricer: Pricer, sites: Site[]): Plan {
  const a = greedy(model, pricer, sites, 'per-unit');
  const b = greedy(model, pricer, sites, 'most-units');
  return ranksBefore(b, a) ? b : a;
}

function greedy(model: RoutingModel, pricer: Pricer, sites: Site[], pick: Pick): Plan {
  const remaining = model.items.map((i) => i.quantity);
  const shipments: Allocation[] = [];
  const used = new Set<Site>();
  for (;;) {
    let best: Allocation | undefined;
    let bestFlag = 0;
    let bestUnits = 0;
    for (const site of sites) {
      if (used.has(site) || !canTakeAny(site, remaining)) continue;
      const content = maxContent(model, site, remaining);
      let units = 0;
      for (const n of content) units += n;
      const cost = units > 0 ? pricer.price(site, content) : undefined;
      if (!cost) continue;
      const flag = isNonPreferred(model, site) ? 1 : 0;
      if (best && !ranksFirst(pick, flag, units, cost.score, bestFlag, bestUnits, best.cost.score)) continue;
      best = { site, content, cost };
      bestFlag = flag;
      bestUnits = units;
    }
    if (!best) break;
    shipments.push(best);
    used.add(best.site);
    best.content.forEach((n, j) => (remaining[j] = (remaining[j] ?? 0) - n));
  }
  return makePlan(model, shipments);
}

/** Whether the site holds some of the units still to place. */
function canTakeAny(site: Site, remaining: number[]): boolean {
  for (let j = 0; j < site.cap.length; j++) if ((site.cap[j] as number) > 0 && (remaining[j] ?? 0) > 0) return true;
  return false;
}

/** Whether a candidate shipment (flag, units, score) ranks strictly before the best so far: preferred first, then by `pick`. */
function ranksFirst(
  pick: Pick,
  flag: number,
  units: number,
  score: number,
  bestFlag: number,
  bestUnits: number,
  bestScore: number,
): boolean {
  if (flag !== bestFlag) return flag < bestFlag;
  if (pick === 'per-unit') return score / units < bestScore / bestUnits;
  return units !== bestUnits ? units > bestUnits : score < bestScore;
}

/** Improves a plan by local moves until none helps (or `maxRounds` improvements were made). */
export function improvePlan(model: RoutingModel, pricer: Pricer, sites: Site[], start: Plan, maxRounds = 50): Plan {
  let plan = start;
  for (let round = 0; round < maxRounds; round++) {
    const next = firstImprovement(model, pricer, sites, plan);
    if (!next) break;
    plan = next;
  }
  return plan;
}

function firstImprovement(model: RoutingModel, pricer: Pricer, sites: Site[], plan: Plan): Plan | undefined {
  const shipments = plan.shipments;
  const unused = sites.filter((s) => !shipments.some((a) => a.site === s));
  for (const site of unused) {
    const found = consolidateInto(model, pricer, plan, site);
    if (found) return found;
  }
  for (let a = 0; a < shipments.length; a++) {
    const found = emptyInto(model, pricer, plan, a) ?? swapSite(model, pricer, plan, a, unused);
    if (found) return found;
    for (let j = 0; j < model.items.length; j++) {
      if ((shipments[a]?.content[j] ?? 0) === 0) continue;
      const targets: Site[] = [...shipments.filter((_, b) => b !== a).map((s) => s.site), ...unused];
      for (const target of targets) {
        const moved = relocate(model, pricer, plan, a, j, target);
        if (moved) return moved;
      }
    }
  }
  return undefined;
}

/** Moves as many units of item j as fit from shipment a to the target site's shipment (new or existing). */
function relocate(model: RoutingModel, pricer: Pricer, plan: Plan, a: number, j: number, target: Site): Plan | undefined {
  const from = plan.shipments[a] as Allocation;
  const existing = plan.shipments.findIndex((s) => s.site === target);
  const base = existing >= 0 ? (plan.shipments[existing] as Allocation).content : model.items.map(() => 0);
  const n = Math.min(from.content[j] ?? 0, (target.cap[j] ?? 0) - (base[j] ?? 0));
  if (n <= 0) return undefined;
  const fromContent = from.content.slice();
  fromContent[j] = (fromContent[j] ?? 0) - n;
  const toContent = base.slice();
  toContent[j] = (toContent[j] ?? 0) + n;
  const changes = new Map<Site, number[]>([
    [from.site, fromContent],
    [target, toContent],
  ]);
  return tryChanges(model, pricer, plan, changes);
}

/** Puts all of shipment a's units into the other shipments, if they have room, and drops it. */
function emptyInto(model: RoutingModel, pricer: Pricer, plan: Plan, a: number): Plan | undefined {
  const from = plan.shipments[a] as Allocation;
  const others = plan.shipments.filter((_, b) => b !== a).map((s) => ({ site: s.site, content: s.content.slice() }));
  if (others.length === 0) return undefined;
  for (let j = 0; j < model.items.length; j++) {
    let left = from.content[j] ?? 0;
    for (const o of others) {
      const n = Math.min(left, (o.site.cap[j] ?? 0) - (o.content[j] ?? 0));
      if (n > 0) {
        o.content[j] = (o.content[j] ?? 0) + n;
        left -= n;
      }
    }
    if (left > 0) return undefined;
  }
  const changes = new Map<Site, number[]>([
    [from.site, model.items.map(() => 0)],
    ...others.map((o): [Site, number[]] => [o.site, o.content]),
  ]);
  return tryChanges(model, pricer, plan, changes);
}

/**
 * Opens a shipment from an unused site that absorbs whole shipments, dearest per unit first, as
 * long as it has room; the best improving number of absorbed shipments wins.
 */
function consolidateInto(model: RoutingModel, pricer: Pricer, plan: Plan, site: Site): Plan | undefined {
  const dearest = [...plan.shipments].sort((a, b) => b.cost.score / units(b.content) - a.cost.score / units(a.content));
  const taken = model.items.map(() => 0);
  const changes = new Map<Site, number[]>();
  let best: Plan | undefined;
  for (const a of dearest) {
    if (a.content.some((n, j) => (taken[j] ?? 0) + n > (site.cap[j] ?? 0))) continue;
    a.content.forEach((n, j) => (taken[j] = (taken[j] ?? 0) + n));
    changes.set(
      a.site,
      model.items.map(() => 0),
    );
    const next = tryChanges(model, pricer, best ?? plan, new Map([...changes, [site, taken.slice()]]));
    if (next) best = next;
  }
  return best;
}

const units = (content: number[]): number => content.reduce((a, b) => a + b, 0);

/** Ships shipment a's units from an unused site that can take them all instead. */
function swapSite(model: RoutingModel, pricer: Pricer, plan: Plan, a: number, unused: Site[]): Plan | undefined {
  const from = plan.shipments[a] as Allocation;
  for (const site of unused) {
    if (from.content.some((n, j) => n > (site.cap[j] ?? 0))) continue;
    const changes = new Map<Site, number[]>([
      [from.site, model.items.map(() => 0)],
      [site, from.content.slice()],
    ]);
    const better = tryChanges(model, pricer, plan, changes);
    if (better) return better;
  }
  return undefined;
}

/** The plan with some sites' contents replaced, if every changed shipment prices and it ranks better. */
function tryChanges(model: RoutingModel, pricer: Pricer, plan: Plan, changes: Map<Site, number[]>): Plan | undefined {
  const shipments: Allocation[] = [];
  for (const s of plan.shipments) if (!changes.has(s.site)) shipments.push(s);
  for (const [site, content] of changes) {
    if (!content.some((n) => n > 0)) continue;
    const cost = pricer.price(site, content);
    if (!cost) return undefined;
    shipments.push({ site, content, cost });
  }
  const next = makePlan(model, shipments);
  return ranksBefore(next, plan) ? next : undefined;
}

/**
 * Large-neighbourhood search: the exact search restricted to the best plan's warehouses plus a
 * window of others, each under a small budget, keeping any improvement. Windows slide along the
 * warehouses by cost per unit and by coverage (big warehouses consolidate shipments). Restricted
 * to few warehouses the search often finishes, so a window holding the right ones finds them.
 */
export function neighbourhoodSearch(model: RoutingModel, pricer: Pricer, sites: Site[], start: Plan, budget: SearchLimits): Plan {
  let best = start;
  const byCoverage = [...sites].sort((a, b) => b.trace.coverableUnits - a.trace.coverableUnits);
  const width = Math.max(2, WINDOW - best.shipments.length);
  const windows = [...slices(byCoverage, width), ...slices(sites, width)];
  const each = {
    maxStates: Math.ceil(budget.maxStates / windows.length),
    maxEvaluations: Math.ceil(budget.maxEvaluations / windows.length),
  };
  for (const window of windows) {
    const inPlan = best.shipments.map((a) => a.site);
    const found = searchExact(model, [...inPlan, ...window.filter((s) => !inPlan.includes(s))], pricer, best, each).best;
    if (found && ranksBefore(found, best)) best = found;
  }
  return best;
}

const slices = <T>(xs: T[], width: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / width) }, (_, i) => xs.slice(i * width, (i + 1) * width));

/** Warehouses in one neighbourhood. */
const WINDOW = 7;
