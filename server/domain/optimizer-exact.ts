// Exact routing search: depth-first over warehouses in a fixed order, each taking any vector of
// the remaining units (0..remaining of every item, within its stock) or none. A state is
// (warehouse index, remaining units); a path reaching a state no cheaper than an earlier path is
// cut (dynamic programming), and so is any branch whose lower bound cannot beat the best plan.
// Every allocation is reachable and every cut is sound, so a finished search is optimal.
import { EPS, isNonPreferred, makePlan, type Allocation, type Plan, type Pricer } from './optimizer-plan.ts';
import { backorderBound, buildBounds, facilityBound, restBound, type SearchBounds } from './optimizer-bounds.ts';
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
  /** Least score a path reached each state with, by flag (0: only preferred so far, 1: not). */
  memo: [Map<StateKey, number>, Map<StateKey, number>];
  remaining: number[];
  path: Allocation[];
  best: Plan | undefined;
  aborted: boolean;
}

/** Searches all allocations over `order` (the sites worth trying), starting from an incumbent. */
export function searchExact(model: RoutingModel, order: Site[], pricer: Pricer, incumbent: Plan | undefined, limits: SearchLimits): ExactResult {
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
    memo: [new Map(), new Map()],
    remaining: model.items.map((i) => i.quantity),
    path: [],
    best: incumbent,
    aborted: false,
  };
  const rKey = s.remaining.reduce((n, q, j) => n + q * (radix[j] ?? 0), 0);
  visit(s, 0, rKey, sum(s.remaining), 0, 0);
  return { best: s.best, proven: !s.aborted, states: s.states };
}

function visit(s: Search, k: number, rKey: number, left: number, flag: number, score: number): void {
  if (s.aborted) return;
  if (k === s.order.length) {
    const plan = { backordered: left, nonPreferred: flag, score };
    if (!s.best || beats(plan, s.best)) s.best = makePlan(s.model, s.path.map((a) => ({ ...a, content: a.content.slice() })));
    return;
  }
  if (cannotBeatAfter(s, k - 1, left, flag, score)) return;
  if (dominated(s, s.radix ? k * s.bounds.states + rKey : `${k}:${s.remaining.join(',')}`, flag, score)) return;
  if (++s.states > s.limits.maxStates) return abort(s);
  const site = s.order[k] as Site;
  const siteFlag = isNonPreferred(s.model, site) ? 1 : 0;
  const least = leastTaken(s, k);
  const content = new Array<number>(s.remaining.length).fill(0);
  const take = (units: number, key: number): void => {
    if (units === 0 || s.aborted) return;
    for (let j = 0; j < content.length; j++) s.remaining[j] = (s.remaining[j] ?? 0) - (content[j] ?? 0);
    if (!cannotBeatAfter(s, k, left - units, flag | siteFlag, score + contentBound(s.bounds, k, content), false)) {
      const cost = s.pricer.evaluations < s.limits.maxEvaluations || s.pricer.has(site, content) ? s.pricer.price(site, content) : abort(s);
      if (cost) {
        s.path.push({ site, content: content.slice(), cost });
        visit(s, k + 1, rKey - key, left - units, flag | siteFlag, score + cost.score);
        s.path.pop();
      }
    }
    for (let j = 0; j < content.length; j++) s.remaining[j] = (s.remaining[j] ?? 0) + (content[j] ?? 0);
  };
  enumerate(s, { site, k, content, least, take }, 0, 0, 0);
  if (least.every((n) => n === 0)) visit(s, k + 1, rKey, left, flag, score);
}

/**
 * The fewest units of each item site k must take. When the best plan backorders no more than
 * the capacity bound allows, a better plan must place all it still can of every item, so
 * whatever the later sites cannot hold has to come from here.
 */
function leastTaken(s: Search, k: number): number[] {
  const zero = s.remaining.map(() => 0);
  const b = s.bounds;
  if (!s.best || backorderBound(b, k, s.remaining) !== s.best.backordered) return zero;
  const J = b.items;
  return s.remaining.map((r, j) => Math.max(0, Math.min(r, b.capFrom[k * J + j] ?? 0) - (b.capFrom[(k + 1) * J + j] ?? 0)));
}

interface SiteChoice {
  site: Site;
  k: number;
  content: number[];
  least: number[];
  take: (units: number, key: number) => void;
}

/** Every content vector of a site (each item from the most it can take down to its least), with its key. */
function enumerate(s: Search, c: SiteChoice, j: number, units: number, key: number): void {
  if (j === c.content.length) return c.take(units, key);
  const most = Math.min(s.remaining[j] ?? 0, c.site.cap[j] ?? 0);
  for (let n = most; n >= (c.least[j] ?? 0); n--) {
    c.content[j] = n;
    enumerate(s, c, j + 1, units + n, key + n * (s.radix?.[j] ?? 0));
    if (s.aborted) break;
  }
  c.content[j] = 0;
}

/** The larger of the site's bound forms for one content. */
function contentBound(b: SearchBounds, k: number, content: number[]): number {
  let best = -Infinity;
  for (const form of b.forms) {
    let lb = form.fixedLB[k] ?? 0;
    for (let j = 0; j < content.length; j++) lb += (content[j] ?? 0) * (form.unitLB[k * b.items + j] ?? 0);
    best = Math.max(best, lb);
  }
  return best;
}

const beats = (a: { backordered: number; nonPreferred: number; score: number }, b: Plan): boolean =>
  a.backordered !== b.backordered ? a.backordered < b.backordered : a.nonPreferred !== b.nonPreferred ? a.nonPreferred < b.nonPreferred : a.score < b.score - EPS;

/** Whether no completion can beat the best plan once sites ..k are decided (`score` may include a bound on site k's shipment). */
function cannotBeatAfter(s: Search, k: number, left: number, flag: number, score: number, strong = true): boolean {
  const best = s.best;
  if (!best) return false;
  const next = k + 1;
  const minBackorder = backorderBound(s.bounds, next, s.remaining);
  if (minBackorder > best.backordered) return true;
  if (minBackorder < best.backordered) return false;
  if (flag > best.nonPreferred) return true;
  if (flag < best.nonPreferred) return false;
  if (score + restBound(s.bounds, next, s.remaining) >= best.score - EPS) return true;
  return strong && score + facilityBound(s.bounds, next, s.remaining) >= best.score - EPS;
}

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
