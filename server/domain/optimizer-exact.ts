// Exact routing search: depth-first over warehouses in a fixed order, each taking any vector of
// the remaining units (0..remaining of every item, within its stock) or none. A state is
// (warehouse index, remaining units); a path reaching a state no cheaper than an earlier path is
// cut (dynamic programming), and so is any branch whose lower bound cannot beat the best plan.
// Every allocation is reachable and every cut is sound, so a finished search is optimal.
import { backorderBound, buildBounds, facilityBound, restBound, type SearchBounds } from './optimizer-bounds.ts';
import { EPS, isNonPreferred, makePlan, type Allocation, type Plan, type Pricer } from './optimizer-plan.ts';
import type { RoutingModel, Site } from './routing-model.ts';

export interface ExactResult {
  best: Plan | undefined;
  proven: boolean;
  states: number;
}

/** Where the search stops without proof: states expanded and shipment contents priced. */
export interface SearchLimits {
  maxStates: number;
  maxEvaluations: number;
}

type StateKey = number | string;

interface Search {
  model: RoutingModel;
  order: Site[];
  bounds: SearchBounds;
  pricer: Pricer;
  limits: SearchLimits;
  /** Mixed-radix weights of the remaining-units vector; undefined when keys would not fit a double. */
  radix: number[] | undefined;
  states: number;
  /** Content prefixes tried: bounded too, as a site can have very many contents. */
  work: number;
  /** Least score a path reached each state with, by flag (0: only preferred so far, 1: not). */
  memo: [Map<StateKey, number>, Map<StateKey, number>];
  remaining: number[];
  path: Allocation[];
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
): ExactResult {
  const radix: number[] = [];
  let r = 1;
  for (const item of model.items) {
    radix.push(r);
    r *= item.quantity + 1;
  }
  const s: Search = {
    model,
    order,
    bounds: buildBounds(model, order),
    pricer,
    limits,
    radix: r * (order.length + 1) < Number.MAX_SAFE_INTEGER ? radix : undefined,
    states: 0,
    work: 0,
    memo: [new Map(), new Map()],
    remaining: model.items.map((i) => i.quantity),
    path: [],
    best: incumbent,
    aborted: false,
  };
  const rKey = s.remaining.reduce((n, q, j) => n + q * (radix[j] ?? 0), 0);
  visit(s, { k: 0, rKey, left: sum(s.remaining), flag: 0, score: 0 });
  return { best: s.best, proven: !s.aborted, states: s.states };
}

/** A search node: site k is next to decide; `score` is what sites before it cost. */
interface Node {
  k: number;
  rKey: number;
  left: number;
  flag: number;
  score: number;
}

function visit(s: Search, n: Node): void {
  if (s.aborted) return;
  if (n.k === s.order.length) return finish(s, n);
  if (cannotBeat(s, n)) return;
  if (dominated(s, s.radix ? n.k * s.bounds.states + n.rKey : `${n.k}:${s.remaining.join(',')}`, n.flag, n.score)) return;
  if (++s.states > s.limits.maxStates) return abort(s);
  const e = expansion(s, n);
  if (e.contentsCanWin) enumerate(s, e, 0, 0, 0, 0, 0);
  if (e.least.every((x) => x === 0)) visit(s, { ...n, k: n.k + 1 });
}

function finish(s: Search, n: Node): void {
  const plan = { backordered: n.left, nonPreferred: n.flag, score: n.score };
  if (!s.best || beats(plan, s.best))
    s.best = makePlan(
      s.model,
      s.path.map((a) => ({ ...a, content: a.content.slice() })),
    );
}

/** Whether no completion of a node can beat the best plan (site bounds, then facility location). */
function cannotBeat(s: Search, n: Node): boolean {
  const best = s.best;
  if (!best) return false;
  const minBackorder = backorderBound(s.bounds, n.k, s.remaining);
  if (minBackorder !== best.backordered) return minBackorder > best.backordered;
  if (n.flag !== best.nonPreferred) return n.flag > best.nonPreferred;
  if (n.score + restBound(s.bounds, n.k, s.remaining) >= best.score - EPS) return true;
  return n.score + facilityBound(s.bounds, n.k, s.remaining) >= best.score - EPS;
}

/** What expanding a node needs: the site, the least and most of each item it may take, and bound parts. */
interface Expansion {
  node: Node;
  site: Site;
  siteFlag: number;
  content: number[];
  least: number[];
  most: number[];
  /** Whether the best plan's backorder and flag are reachable here, so contents can be cut by cost. */
  tight: boolean;
  contentsCanWin: boolean;
  /** Per bound form: score + the site's fixed bound + later negative fixed bounds. */
  base: number[];
  /** Per form and item: bound per unit here, per unit later, and the suffix sum of per-item minima. */
  unitHere: number[][];
  unitLater: number[][];
  suffix: number[][];
}

function expansion(s: Search, n: Node): Expansion {
  const b = s.bounds;
  const J = b.items;
  const site = s.order[n.k] as Site;
  const siteFlag = isNonPreferred(s.model, site) ? 1 : 0;
  const best = s.best;
  const tight = best !== undefined && backorderBound(b, n.k, s.remaining) === best.backordered;
  // A better plan places all it can of every item: what later sites cannot hold must come from here.
  const least = s.remaining.map((r, j) =>
    tight ? Math.max(0, Math.min(r, b.capFrom[n.k * J + j] ?? 0) - (b.capFrom[(n.k + 1) * J + j] ?? 0)) : 0,
  );
  const most = s.remaining.map((r, j) => Math.min(r, s.order[n.k]?.cap[j] ?? 0));
  const forms = b.forms;
  const unitHere = forms.map((f) => Array.from({ length: J }, (_, j) => f.unitLB[n.k * J + j] ?? 0));
  const unitLater = forms.map((f) => Array.from({ length: J }, (_, j) => f.unitFrom[(n.k + 1) * J + j] ?? Infinity));
  const suffix = forms.map((_, f) => {
    const out = new Array<number>(J + 1).fill(0);
    for (let j = J - 1; j >= 0; j--)
      out[j] = (out[j + 1] ?? 0) + minItemBound(s, n.k, j, least[j] ?? 0, most[j] ?? 0, unitHere[f] as number[], unitLater[f] as number[]);
    return out;
  });
  const base = forms.map((f) => n.score + (f.fixedLB[n.k] ?? 0) + Math.min(0, f.negativeFixedFrom[n.k + 1] ?? 0));
  const flagOk = !tight || (n.flag | siteFlag) <= (best?.nonPreferred ?? 1);
  return {
    node: n,
    site,
    siteFlag,
    content: new Array<number>(J).fill(0),
    least,
    most,
    tight,
    contentsCanWin: flagOk,
    base,
    unitHere,
    unitLater,
    suffix,
  };
}

/** The bound of item j's units if site k takes c of them: c here, the rest it still must place later. */
function itemBound(s: Search, k: number, j: number, c: number, here: number[], later: number[]): number {
  const rest = Math.min((s.remaining[j] ?? 0) - c, s.bounds.capFrom[(k + 1) * s.bounds.items + j] ?? 0);
  return c * (here[j] ?? 0) + (rest > 0 ? rest * (later[j] ?? 0) : 0);
}

/** Least itemBound over c in [lo, hi]: it is piecewise linear, so an end or the kink. */
function minItemBound(s: Search, k: number, j: number, lo: number, hi: number, here: number[], later: number[]): number {
  const kink = (s.remaining[j] ?? 0) - (s.bounds.capFrom[(k + 1) * s.bounds.items + j] ?? 0);
  let m = Math.min(itemBound(s, k, j, lo, here, later), itemBound(s, k, j, hi, here, later));
  if (kink > lo && kink < hi) m = Math.min(m, itemBound(s, k, j, kink, here, later));
  return m;
}

/**
 * Every content vector of the site, each item from the most it may take down to the least, cut
 * as soon as a prefix's bound (its items' parts plus the least of the rest) cannot win.
 */
function enumerate(s: Search, e: Expansion, j: number, units: number, key: number, partA: number, partB: number): void {
  if (s.aborted) return;
  if (++s.work > s.limits.maxStates * WORK_PER_STATE) return abort(s);
  if (e.tight && s.best && prefixBound(e, j, partA, partB) >= s.best.score - EPS) return;
  if (j === e.content.length) return take(s, e, units, key, partA, partB);
  const [hereA, hereB] = e.unitHere;
  const [laterA, laterB] = e.unitLater;
  for (let c = e.most[j] ?? 0; c >= (e.least[j] ?? 0); c--) {
    e.content[j] = c;
    const a = hereA && laterA ? itemBound(s, e.node.k, j, c, hereA, laterA) : 0;
    const b = hereB && laterB ? itemBound(s, e.node.k, j, c, hereB, laterB) : 0;
    enumerate(s, e, j + 1, units + c, key + c * (s.radix?.[j] ?? 0), partA + a, partB + b);
    if (s.aborted) break;
  }
  e.content[j] = 0;
}

function prefixBound(e: Expansion, j: number, partA: number, partB: number): number {
  const a = (e.base[0] ?? -Infinity) + partA + (e.suffix[0]?.[j] ?? 0);
  const b = e.base[1] === undefined ? -Infinity : e.base[1] + partB + (e.suffix[1]?.[j] ?? 0);
  return Math.max(a, b);
}

/** Prices the content and searches on from the next site, unless a shipment the rest still needs makes it lose. */
function take(s: Search, e: Expansion, units: number, key: number, partA: number, partB: number): void {
  if (units === 0) return;
  const n = e.node;
  if (e.tight && s.best && contentBound(s, e, partA, partB) >= s.best.score - EPS) return;
  const known = s.pricer.has(e.site, e.content);
  if (!known && s.pricer.evaluations >= s.limits.maxEvaluations) return abort(s);
  const cost = s.pricer.price(e.site, e.content);
  if (!cost) return;
  const content = e.content.slice();
  for (let j = 0; j < content.length; j++) s.remaining[j] = (s.remaining[j] ?? 0) - (content[j] ?? 0);
  s.path.push({ site: e.site, content, cost });
  visit(s, { k: n.k + 1, rKey: n.rKey - key, left: n.left - units, flag: n.flag | e.siteFlag, score: n.score + cost.score });
  s.path.pop();
  for (let j = 0; j < content.length; j++) s.remaining[j] = (s.remaining[j] ?? 0) + (content[j] ?? 0);
}

/** A full content's bound: its prefix bound plus, per form, the least fixed bound of a later shipment some item still needs. */
function contentBound(s: Search, e: Expansion, partA: number, partB: number): number {
  const b = s.bounds;
  const J = b.items;
  const next = e.node.k + 1;
  let bound = -Infinity;
  b.forms.forEach((form, f) => {
    let later = 0;
    if ((form.negativeFixedFrom[next] ?? 0) >= 0) {
      for (let j = 0; j < J; j++) {
        const rest = Math.min((s.remaining[j] ?? 0) - (e.content[j] ?? 0), b.capFrom[next * J + j] ?? 0);
        if (rest > 0) later = Math.max(later, form.fixedFrom[next * J + j] ?? 0);
      }
    }
    bound = Math.max(bound, (e.base[f] ?? 0) + (f === 0 ? partA : partB) + later);
  });
  return bound;
}

/** Content prefixes allowed per state of the limit. */
const WORK_PER_STATE = 50;

const beats = (a: { backordered: number; nonPreferred: number; score: number }, b: Plan): boolean =>
  a.backordered !== b.backordered
    ? a.backordered < b.backordered
    : a.nonPreferred !== b.nonPreferred
      ? a.nonPreferred < b.nonPreferred
      : a.score < b.score - EPS;

/** Dynamic-programming cut: an earlier path reached this state at no more cost (and no worse flag). */
function dominated(s: Search, key: StateKey, flag: number, score: number): boolean {
  const clean = s.memo[0].get(key);
  const seen = flag === 1 ? Math.min(clean ?? Infinity, s.memo[1].get(key) ?? Infinity) : clean;
  if (seen !== undefined && seen <= score + EPS) return true;
  s.memo[flag === 1 ? 1 : 0].set(key, score);
  return false;
}

function abort(s: Search): undefined {
  s.aborted = true;
  return undefined;
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
