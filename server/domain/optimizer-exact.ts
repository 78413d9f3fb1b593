// Exact routing search: branch and bound over the order's units, item by item (most constrained
// first, packets last), each unit going to a site or staying backordered. The units of one item
// take the sites in one fixed order (a unit never goes to a site before its predecessor's), so
// every allocation is reached exactly once. A node is cut when its backorder, preference or cost
// bound cannot beat the best plan: what its partial shipments cost at least (optimizer-bounds.ts)
// plus what the units left add at least, by a facility-location dual (optimizer-dual.ts) and then
// a Lagrangian relaxation (optimizer-lagrange.ts). A finished search is optimal. With a custom
// packer those bounds are weak and the search goes warehouse by warehouse (optimizer-sites.ts).
import {
  available,
  buildTables,
  emptyShipments,
  moveUnit,
  partialBound,
  type PartialShipments,
  type SearchTables,
} from './optimizer-bounds.ts';
import { dualScratch, remainingBound, type DualScratch, type Remaining } from './optimizer-dual.ts';
import { lagrangeBound, lagrangeScratch, type LagrangeScratch } from './optimizer-lagrange.ts';
import { EPS, makePlan, type Allocation, type Plan, type Pricer } from './optimizer-plan.ts';
import { searchBySites } from './optimizer-sites.ts';
import { PACKET, PALLET, PARCEL } from './routing-bounds.ts';
import type { RoutingModel, Site } from './routing-model.ts';

export interface ExactResult {
  best: Plan | undefined;
  proven: boolean;
  states: number;
}

/** Where the search stops without proof: nodes bounded and shipment contents priced. */
export interface SearchLimits {
  maxStates: number;
  maxEvaluations: number;
}

interface Search {
  model: RoutingModel;
  t: SearchTables;
  p: PartialShipments;
  pricer: Pricer;
  limits: SearchLimits;
  /** Items to place, in branching order, and per depth its candidate sites in the order its units take them. */
  items: Int32Array;
  siteOrder: Int32Array;
  siteCount: Int32Array;
  /** Scratch: a site's sort key. */
  keys: Float64Array;
  /** Per depth: units of the items from there on that no site can take; sites a parcel from there on may join. */
  backFrom: Int32Array;
  parcelFrom: Uint8Array;
  remaining: Remaining;
  dual: DualScratch;
  lagrange: LagrangeScratch;
  /** Whether the Lagrangian prices were seeded from a dual ascent yet. */
  seeded: boolean;
  /** Units left backordered so far; shipments opened at sites outside the preferred list. */
  back: number;
  nonPreferred: number;
  states: number;
  best: Plan | undefined;
  aborted: boolean;
}

/** Searches all allocations over `order` (the sites worth trying), starting from an incumbent. */
export function searchExact(
  model: RoutingModel,
  order: Site[],
  pricer: Pricer,
  incumbent: Plan | undefined,
  limits: SearchLimits,
  tables?: SearchTables,
): ExactResult {
  const t = tables ?? buildTables(model, order);
  if (t.custom) return searchBySites(model, t, pricer, incumbent, limits);
  const s = prepare(model, t, pricer, limits, incumbent);
  visitItem(s, 0);
  return { best: s.best, proven: !s.aborted, states: s.states };
}

function prepare(model: RoutingModel, t: SearchTables, pricer: Pricer, limits: SearchLimits, incumbent: Plan | undefined): Search {
  const { J, K } = t;
  const sites = t.arena.i32(J);
  const cap = t.arena.i32(J);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < J; j++) {
      if (t.cap[k * J + j]! <= 0) continue;
      sites[j] = sites[j]! + 1;
      cap[j] = cap[j]! + t.cap[k * J + j]!;
    }
  }
  const wanted = Array.from({ length: J }, (_, j) => j).filter((j) => t.quantity[j]! > 0);
  const placeable = wanted.filter((j) => sites[j]! > 0);
  const items = Int32Array.from(branchingOrder(t, placeable, sites));
  const D = items.length;
  const backFrom = t.arena.i32(D + 1);
  const parcelFrom = t.arena.u8((D + 1) * K);
  for (let d = D - 1; d >= 0; d--) {
    const j = items[d]!;
    backFrom[d] = backFrom[d + 1]! + Math.max(0, t.quantity[j]! - cap[j]!);
    for (let k = 0; k < K; k++)
      parcelFrom[d * K + k] = parcelFrom[(d + 1) * K + k]! | (t.cls[j] === PARCEL && t.cap[k * J + j]! > 0 ? 1 : 0);
  }
  const need = t.arena.i32(J);
  for (const j of placeable) need[j] = Math.min(t.quantity[j]!, cap[j]!);
  const allowed = t.arena.u8(K * J);
  for (let p = 0; p < K * J; p++) allowed[p] = t.cap[p]! > 0 ? 1 : 0;
  const ascent = [...placeable].sort((a, b) => sites[a]! - sites[b]! || a - b);
  return {
    model,
    t,
    p: emptyShipments(t),
    pricer,
    limits,
    items,
    siteOrder: t.arena.i32(D * K),
    siteCount: t.arena.i32(D),
    keys: t.arena.f64(K),
    backFrom,
    parcelFrom,
    remaining: {
      items: Int32Array.from(ascent),
      need,
      allowed,
      current: -1,
      currentSites: new Int32Array(0),
      currentFrom: 0,
      currentTo: 0,
      onlyPreferred: false,
    },
    dual: dualScratch(t),
    lagrange: lagrangeScratch(t),
    seeded: false,
    back: wanted.reduce((n, j) => n + (sites[j]! > 0 ? 0 : t.quantity[j]!), 0),
    nonPreferred: 0,
    states: 0,
    best: incumbent,
    aborted: false,
  };
}

/**
 * Items with the fewest candidate sites first, then the dearest to ship alone; packets last, so
 * that when a packet is placed no parcel can still join it and it is bounded as a packet.
 */
function branchingOrder(t: SearchTables, items: number[], sites: Int32Array): number[] {
  const alone = new Float64Array(t.J).fill(Infinity);
  for (const j of items) {
    const c = t.cls[j]!;
    for (let k = 0; k < t.K; k++) {
      if (t.cap[k * t.J + j]! <= 0) continue;
      const group = c < 0 || t.custom ? 0 : c === PALLET ? t.group[k * 3]! : t.group[k * 3 + 1]! + (c === PARCEL ? t.group[k * 3 + 2]! : 0);
      alone[j] = Math.min(alone[j]!, t.quantity[j]! * t.unitCost[k * t.J + j]! + group);
    }
  }
  return [...items].sort((a, b) => isPacket(t, a) - isPacket(t, b) || sites[a]! - sites[b]! || alone[b]! - alone[a]! || a - b);
}

const isPacket = (t: SearchTables, j: number): number => (t.cls[j] === PACKET ? 1 : 0);

function visitItem(s: Search, d: number): void {
  if (d === s.items.length) return finish(s);
  const j = s.items[d]!;
  orderSites(s, d, j);
  placeUnits(s, d, j, s.t.quantity[j]!, 0);
}

/** Places the item's `left` units at sites from position `from` of its order on, or leaves them backordered. */
function placeUnits(s: Search, d: number, j: number, left: number, from: number): void {
  const { t, p } = s;
  if (left === 0) return nextItem(s, d, j);
  const n = s.siteCount[d]!;
  const fp = d * t.K;
  for (let i = from; i < n && !s.aborted; i++) {
    const k = s.siteOrder[d * t.K + i]!;
    if (available(t, p, k, j) <= 0) continue;
    const before = p.bound[k]!;
    const opens = p.units[k] === 0 ? t.nonPreferred[k]! : 0;
    moveUnit(t, p, k, j, 1);
    p.bound[k] = partialBound(t, p, k, s.parcelFrom[fp + k] === 1);
    s.nonPreferred += opens;
    if (!cut(s, d, j, left - 1, i)) placeUnits(s, d, j, left - 1, i);
    s.nonPreferred -= opens;
    moveUnit(t, p, k, j, -1);
    p.bound[k] = before;
  }
  if (s.aborted) return;
  s.back += left;
  if (!cut(s, d, j, 0, 0)) nextItem(s, d, j);
  s.back -= left;
}

function nextItem(s: Search, d: number, j: number): void {
  const need = s.remaining.need[j]!;
  s.remaining.need[j] = 0;
  visitItem(s, d + 1);
  s.remaining.need[j] = need;
}

/** Whether no completion of this node can beat the best plan; counts the node against the limit. */
function cut(s: Search, d: number, j: number, left: number, from: number): boolean {
  if (++s.states > s.limits.maxStates) return abort(s);
  const best = s.best;
  if (!best) return false;
  const { t, p } = s;
  let reachable = 0;
  for (let i = from; i < s.siteCount[d]! && reachable < left; i++) reachable += Math.max(0, available(t, p, s.siteOrder[d * t.K + i]!, j));
  // With shared stock what later items can still place depends on what is taken: count it now.
  const later = t.coupled ? laterShortfall(s, d) : s.backFrom[d + 1]!;
  const back = s.back + later + Math.max(0, left - reachable);
  if (back !== best.backordered) return back > best.backordered;
  const flag = s.nonPreferred > 0 ? 1 : 0;
  if (flag !== best.nonPreferred) return flag > best.nonPreferred;
  let partial = 0;
  for (let k = 0; k < t.K; k++) partial += p.bound[k]!;
  const target = best.score - (t.integral ? 1 - EPS : EPS) - partial;
  if (target <= 0 && t.nothingNegative) return true;
  // Tied on backorders, so every remaining item places all it can: the current one what its sites have left.
  const r = s.remaining;
  r.current = left > 0 ? j : -1;
  r.currentSites = s.siteOrder;
  r.currentFrom = d * t.K + from;
  r.currentTo = d * t.K + s.siteCount[d]!;
  r.onlyPreferred = best.nonPreferred === 0;
  const need = r.need[j]!;
  r.need[j] = Math.min(left, reachable);
  let beaten = remainingBound(t, p, r, s.dual) >= target;
  if (!beaten) {
    if (!s.seeded) {
      for (let i = 0; i < t.J; i++) s.lagrange.lambda[i] = r.need[i]! > 0 ? s.dual.price[i]! / r.need[i]! : 0;
      s.seeded = true;
    }
    const iterations = s.states === 1 ? ROOT_ITERATIONS : NODE_ITERATIONS;
    beaten = lagrangeBound(t, p, r, s.lagrange, { target, iterations }) >= target;
  }
  r.need[j] = need;
  return beaten;
}

/** Units the items after depth d cannot place on the stock left; sets their need to what they can. */
function laterShortfall(s: Search, d: number): number {
  const { t, p } = s;
  let short = 0;
  for (let e = d + 1; e < s.items.length; e++) {
    const j = s.items[e]!;
    let can = 0;
    for (let k = 0; k < t.K && can < t.quantity[j]!; k++) can += Math.max(0, available(t, p, k, j));
    s.remaining.need[j] = Math.min(t.quantity[j]!, can);
    short += t.quantity[j]! - s.remaining.need[j]!;
  }
  return short;
}

/** Subgradient steps at the first node and at every other (warm-started from the last prices). */
const ROOT_ITERATIONS = 40;
const NODE_ITERATIONS = 2;

/** Sorts the item's candidate sites by what its units would add there, cheapest first. */
function orderSites(s: Search, d: number, j: number): void {
  const { t, p } = s;
  const base = d * t.K;
  let n = 0;
  const key = s.keys;
  for (let k = 0; k < t.K; k++) {
    if (t.cap[k * t.J + j]! <= 0) continue;
    const c = t.cls[j]!;
    const open = p.units[k]! > 0;
    const group = c < 0 || t.custom || open ? 0 : c === 2 ? t.group[k * 3]! : t.group[k * 3 + 1]! + (c === 1 ? t.group[k * 3 + 2]! : 0);
    key[k] = t.quantity[j]! * t.unitCost[k * t.J + j]! + (open ? 0 : Math.max(0, t.opening[k]!)) + group;
    let i = n++;
    while (i > 0 && key[s.siteOrder[base + i - 1]!]! > key[k]!) {
      s.siteOrder[base + i] = s.siteOrder[base + i - 1]!;
      i--;
    }
    s.siteOrder[base + i] = k;
  }
  s.siteCount[d] = n;
}

/** Prices the complete allocation's shipments and keeps it if it beats the best plan. */
function finish(s: Search): void {
  const { t, p, pricer } = s;
  const best = s.best;
  const flag = s.nonPreferred > 0 ? 1 : 0;
  const tie = best !== undefined && best.backordered === s.back && best.nonPreferred === flag;
  let bound = 0;
  for (let k = 0; k < t.K; k++) bound += p.bound[k]!;
  const shipments: Allocation[] = [];
  let score = 0;
  for (let k = 0; k < t.K; k++) {
    if (p.units[k] === 0) continue;
    const site = t.sites[k] as Site;
    const content = Array.from(p.content.subarray(k * t.J, (k + 1) * t.J));
    if (!pricer.has(site, content) && pricer.evaluations >= s.limits.maxEvaluations) return void abort(s);
    const cost = pricer.price(site, content);
    if (!cost) return;
    score += cost.score;
    bound -= p.bound[k]!;
    shipments.push({ site, content, cost });
    if (tie && score + bound >= best.score - EPS) return;
  }
  const plan = makePlan(s.model, shipments);
  if (!best || beats(plan, best)) s.best = plan;
}

const beats = (a: Plan, b: Plan): boolean =>
  a.backordered !== b.backordered
    ? a.backordered < b.backordered
    : a.nonPreferred !== b.nonPreferred
      ? a.nonPreferred < b.nonPreferred
      : a.score < b.score - EPS;

function abort(s: Search): true {
  s.aborted = true;
  return true;
}
