// Plans as the optimisers see them, their ranking, and a memo of priced shipment contents.
// Ranking is lexicographic: fewest backordered units, then (with a preferred list) plans that use
// only preferred warehouses, then the lowest routing cost.
import { fitsStock, priceShipment, type ShipmentCost } from './routing-cost.ts';
import type { RoutingModel, Site } from './routing-model.ts';

export interface Allocation {
  site: Site;
  content: number[];
  cost: ShipmentCost;
}

export interface Plan {
  shipments: Allocation[];
  /** Units left unplaced. */
  backordered: number;
  /** 1 when a preferred list exists and some shipment comes from outside it. */
  nonPreferred: 0 | 1;
  /** Sum of shipment scores; each carries the split penalty, so one penalty too many (see `routingCost`). */
  score: number;
}

export const EPS = 1e-6;

/** Whether plan-like key `a` ranks strictly before `b`. */
export function ranksBefore(
  a: { backordered: number; nonPreferred: number; score: number },
  b: { backordered: number; nonPreferred: number; score: number },
): boolean {
  if (a.backordered !== b.backordered) return a.backordered < b.backordered;
  if (a.nonPreferred !== b.nonPreferred) return a.nonPreferred < b.nonPreferred;
  return a.score < b.score - EPS;
}

/** The routing cost of a plan: its score without the split penalty of the first shipment. */
export const routingCost = (model: RoutingModel, plan: Plan): number => plan.score - (plan.shipments.length > 0 ? model.splitPenalty : 0);

/** Whether shipping from a site marks a plan as not only preferred. */
export const isNonPreferred = (model: RoutingModel, site: Site): boolean =>
  model.req.constraints.preferredWarehouses.length > 0 && !site.preferred;

/** Builds a plan from allocations (empty ones dropped). */
export function makePlan(model: RoutingModel, shipments: Allocation[]): Plan {
  const kept: Allocation[] = [];
  let placed = 0;
  let score = 0;
  let nonPreferred: 0 | 1 = 0;
  for (const s of shipments) {
    let units = 0;
    for (const n of s.content) units += n;
    if (units === 0) continue;
    kept.push(s);
    placed += units;
    score += s.cost.score;
    if (isNonPreferred(model, s.site)) nonPreferred = 1;
  }
  let wanted = 0;
  for (const item of model.items) wanted += item.quantity;
  return { shipments: kept, backordered: wanted - placed, nonPreferred, score };
}

/** Prices shipment contents once each; counts how many were priced. */
export class Pricer {
  evaluations = 0;
  private readonly memo = new Map<number | string, ShipmentCost | null>();
  /** Mixed-radix weights for numeric keys, when site x content keys fit a double. */
  private readonly radix: number[] | undefined;
  private readonly span: number;

  constructor(private readonly model: RoutingModel) {
    const radix: number[] = [];
    let span = 1;
    for (const item of model.items) {
      radix.push(span);
      span *= item.quantity + 1;
    }
    this.span = span;
    this.radix = span * (model.sites.length + 1) < Number.MAX_SAFE_INTEGER ? radix : undefined;
  }

  /** Whether this content was priced already. */
  has(site: Site, content: number[]): boolean {
    return this.memo.has(this.key(site, content));
  }

  /** The shipment's cost, or undefined when its packages cannot all be rated or stock is short. */
  price(site: Site, content: number[]): ShipmentCost | undefined {
    const key = this.key(site, content);
    const known = this.memo.get(key);
    if (known !== undefined) return known ?? undefined;
    this.evaluations++;
    const cost = fitsStock(this.model, site, content) ? priceShipment(this.model, site, content.slice()) : undefined;
    this.memo.set(key, cost ?? null);
    return cost;
  }

  private key(site: Site, content: number[]): number | string {
    if (!this.radix) return `${site.index}:${content.join(',')}`;
    let key = site.index * this.span;
    for (let j = 0; j < content.length; j++) key += (content[j] ?? 0) * (this.radix[j] ?? 0);
    return key;
  }
}

/** The most a site can ship of the remaining units; with shared stock, items take it in order. */
export function maxContent(model: RoutingModel, site: Site, remaining: readonly number[]): number[] {
  const content = new Array<number>(remaining.length);
  for (let j = 0; j < remaining.length; j++) content[j] = Math.min(remaining[j] ?? 0, site.cap[j] ?? 0);
  if (!model.coupled) return content;
  const left = new Map<string, number>();
  return content.map((n, j) => {
    let take = n;
    const uses = model.items[j]?.uses ?? [];
    for (const u of uses) take = Math.min(take, Math.floor((left.get(u.sku) ?? Math.max(0, site.stock?.get(u.sku) ?? 0)) / u.quantity));
    for (const u of uses) left.set(u.sku, (left.get(u.sku) ?? Math.max(0, site.stock?.get(u.sku) ?? 0)) - take * u.quantity);
    return take;
  });
}
