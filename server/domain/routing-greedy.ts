// The baseline the routing benchmark measures the optimiser against: what a simple DOM does,
// "nearest warehouse with full stock, else split", priced by the optimiser's own cost model so
// the two plans' costs compare like for like.
import { maxContent, makePlan, Pricer, type Allocation } from './optimizer-plan.ts';
import { contentLines } from './routing-cost.ts';
import { buildModel, type RoutingModel, type Site } from './routing-model.ts';
import { breakdownOf, objectiveOf } from './routing-trace.ts';
import type { RoutingRequest } from './routing-types.ts';
import type { CostBreakdown, RoutingObjective, SkuQuantity } from './types.ts';

export interface GreedyShipment {
  warehouseId: string;
  lines: SkuQuantity[];
  cost: CostBreakdown;
}

export interface GreedyPlan {
  /** Warehouses nearest first, the ones the plan ships from among them. */
  shipments: GreedyShipment[];
  backordered: SkuQuantity[];
  /** The plan's routing cost, computed exactly as `routeOrder` computes its own. */
  objective: RoutingObjective;
}

/**
 * Routes an order the greedy way. Warehouses are ranked by nearness: the fewest transit days of a
 * rate serving the destination at the order's service level for a class the order ships in, then
 * a warehouse in the destination country, then the network's order (a preferred list, when a
 * policy gives one, goes first). The nearest warehouse that can ship every unit ships them all;
 * when none can (or its shipment cannot be rated), each warehouse from the nearest on ships all it
 * can of what is left. Policies' bars and a forbidden split are honoured; cost is never looked at.
 */
export function routeGreedy(req: RoutingRequest): GreedyPlan {
  const model = buildModel(req);
  const pricer = new Pricer(model);
  const sites = nearestFirst(model);
  const whole = model.items.map((i) => i.quantity);
  for (const site of sites) {
    const content = maxContent(model, site, whole);
    if (content.some((n, j) => n < (whole[j] ?? 0))) continue;
    const cost = pricer.price(site, content);
    if (cost) return toGreedyPlan(model, [{ site, content, cost }]);
  }
  if (req.constraints.forbidSplit) return toGreedyPlan(model, []);
  const remaining = [...whole];
  const shipments: Allocation[] = [];
  for (const site of sites) {
    const content = maxContent(model, site, remaining);
    if (content.every((n) => n === 0)) continue;
    const cost = pricer.price(site, content);
    if (!cost) continue;
    shipments.push({ site, content, cost });
    content.forEach((n, j) => (remaining[j] = (remaining[j] ?? 0) - n));
  }
  return toGreedyPlan(model, shipments);
}

/** Eligible sites, nearest first (see `routeGreedy`). */
function nearestFirst(model: RoutingModel): Site[] {
  const classes = new Set(model.items.flatMap((i) => (i.product ? [i.product.shippingClass] : [])));
  const hasPreferred = model.req.constraints.preferredWarehouses.length > 0;
  const key = (site: Site): number[] => [
    hasPreferred && !site.preferred ? 1 : 0,
    Math.min(...[...classes].flatMap((c) => site.rates[c].map((r) => r.transitDays))),
    site.warehouse.country === model.req.country ? 0 : 1,
  ];
  return model.sites
    .filter((s) => s.trace.eligible)
    .map((site, i) => ({ site, i, key: key(site) }))
    .sort((a, b) => compareKeys(a.key, b.key) || a.i - b.i)
    .map((x) => x.site);
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0) ? -1 : 1;
  return 0;
}

function toGreedyPlan(model: RoutingModel, allocations: Allocation[]): GreedyPlan {
  const plan = makePlan(model, allocations);
  const left = model.items.map((i) => i.quantity);
  for (const a of plan.shipments) a.content.forEach((n, j) => (left[j] = (left[j] ?? 0) - n));
  return {
    shipments: plan.shipments.map((a) => ({
      warehouseId: a.site.warehouse.id,
      lines: contentLines(model, a.content, 'lines'),
      cost: breakdownOf(a.cost),
    })),
    backordered: contentLines(model, left, 'lines'),
    objective: objectiveOf(model, plan),
  };
}
