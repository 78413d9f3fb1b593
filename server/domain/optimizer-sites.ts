// Exact routing search warehouse by warehouse, for custom packers: a packer that chooses its own
// packages leaves the shipment bounds weak (a package, per kg and taxes), and then merging
// equal states is what keeps the search small. Sites are decided in order, each taking any
// vector of the remaining units or none; a path reaching (site, remaining units) no cheaper than
// an earlier path is cut (dynamic programming), and so is one whose bound cannot beat the best.
import { emptyShipments, type PartialShipments, type SearchTables } from './optimizer-bounds.ts';
import { dualScratch, remainingBound, type DualScratch, type Remaining } from './optimizer-dual.ts';
import type { ExactResult, SearchLimits } from './optimizer-exact.ts';
import { EPS, makePlan, type Allocation, type Plan, type Pricer } from './optimizer-plan.ts';
import type { RoutingModel, Site } from './routing-model.ts';

interface SiteSearch {
  model: RoutingModel;
  t: SearchTables;
  pricer: Pricer;
  limits: SearchLimits;
  /** Per (k, item): units the sites from k on can hold. */
  capFrom: Int32Array;
  /** Mixed-radix weights of a remaining-units vector, when keys fit a double. */
  radix: number[] | undefined;
  span: number;
  /** Least score a path reached each state with, by flag (0: only preferred sites so far). */
  memo: [Map<number | string, number>, Map<number | string, number>];
  remaining: Int32Array;
  /** Per site: the content being tried there (each level of the recursion keeps its own). */
  contents: number[][];
  path: Allocation[];
  /** Lower bound of the sites from k on: the dual over empty shipments, each site allowed from k on. */
  empty: PartialShipments;
  rest: Remaining[];
  dual: DualScratch;
  states: number;
  work: number;
  best: Plan | undefined;
  aborted: boolean;
}

/** Searches all allocations over the tables' sites in their order, starting from an incumbent. */
export function searchBySites(
  model: RoutingModel,
  t: SearchTables,
  pricer: Pricer,
  incumbent: Plan | undefined,
  limits: SearchLimits,
): ExactResult {
  const s = prepare(model, t, pricer, limits, incumbent);
  visit(s, 0, 0, 0);
  return { best: s.best, proven: !s.aborted, states: s.states };
}

function prepare(model: RoutingModel, t: SearchTables, pricer: Pricer, limits: SearchLimits, incumbent: Plan | undefined): SiteSearch {
  const { J, K } = t;
  const capFrom = new Int32Array((K + 1) * J);
  for (let k = K - 1; k >= 0; k--) for (let j = 0; j < J; j++) capFrom[k * J + j] = capFrom[(k + 1) * J + j]! + t.cap[k * J + j]!;
  const radix: number[] = [];
  let span = 1;
  for (let j = 0; j < J; j++) {
    radix.push(span);
    span *= t.quantity[j]! + 1;
  }
  const order = Int32Array.from({ length: J }, (_, j) => j);
  const rest = Array.from({ length: K + 1 }, (_, k): Remaining => {
    const allowed = new Uint8Array(K * J);
    for (let i = k * J; i < K * J; i++) allowed[i] = t.cap[i]! > 0 ? 1 : 0;
    return {
      items: order,
      need: new Int32Array(J),
      allowed,
      current: -1,
      currentSites: order,
      currentFrom: 0,
      currentTo: 0,
      onlyPreferred: false,
    };
  });
  return {
    model,
    t,
    pricer,
    limits,
    capFrom,
    radix: span * (K + 1) < Number.MAX_SAFE_INTEGER ? radix : undefined,
    span,
    memo: [new Map(), new Map()],
    remaining: Int32Array.from(t.quantity),
    contents: Array.from({ length: K }, () => new Array<number>(J).fill(0)),
    path: [],
    empty: emptyShipments(t),
    rest,
    dual: dualScratch(t),
    states: 0,
    work: 0,
    best: incumbent,
    aborted: false,
  };
}

function visit(s: SiteSearch, k: number, score: number, flag: number): void {
  if (s.aborted) return;
  if (k === s.t.K) return finish(s, score, flag);
  if (cannotBeat(s, k, score, flag) || dominated(s, k, score, flag)) return;
  if (++s.states > s.limits.maxStates) return void (s.aborted = true);
  const best = s.best;
  // Tied on backorders, every item places all the sites from here hold: what later ones cannot, this one must.
  const tight = best !== undefined && backorders(s, k) === best.backordered;
  const barred = tight && best.nonPreferred === 0 && s.t.nonPreferred[k] === 1;
  if (!barred) contents(s, k, 0, 0, score, flag, tight);
  if (!tight || mustTake(s, k) === 0) visit(s, k + 1, score, flag);
}

/** Every content of site k, item by item from the most it may take down to the least it must. */
function contents(s: SiteSearch, k: number, j: number, units: number, score: number, flag: number, tight: boolean): void {
  const { t } = s;
  if (s.aborted) return;
  if (++s.work > s.limits.maxStates * WORK_PER_STATE) return void (s.aborted = true);
  if (j === t.J) return take(s, k, units, score, flag);
  const r = s.remaining[j]!;
  const most = Math.min(r, t.cap[k * t.J + j]!);
  const least = tight ? Math.max(0, Math.min(r, s.capFrom[k * t.J + j]!) - s.capFrom[(k + 1) * t.J + j]!) : 0;
  const content = s.contents[k] as number[];
  for (let c = most; c >= least && !s.aborted; c--) {
    content[j] = c;
    contents(s, k, j + 1, units + c, score, flag, tight);
  }
  content[j] = 0;
}

/** Prices site k's content and goes on to the next site, unless its shipment's bound already loses. */
function take(s: SiteSearch, k: number, units: number, score: number, flag: number): void {
  if (units === 0) return;
  const { t, pricer } = s;
  const site = t.sites[k] as Site;
  const tried = s.contents[k] as number[];
  const best = s.best;
  const next = flag | t.nonPreferred[k]!;
  if (best && backordersAfter(s, k, tried) === best.backordered && next === best.nonPreferred) {
    let least = t.opening[k]!;
    for (let j = 0; j < t.J; j++) least += tried[j]! * t.unitCost[k * t.J + j]!;
    if (score + least + restBound(s, k + 1, tried) >= best.score - EPS) return;
  }
  if (!pricer.has(site, tried) && pricer.evaluations >= s.limits.maxEvaluations) return void (s.aborted = true);
  const cost = pricer.price(site, tried);
  if (!cost) return;
  const content = tried.slice();
  for (let j = 0; j < t.J; j++) s.remaining[j] = s.remaining[j]! - content[j]!;
  s.path.push({ site, content, cost });
  visit(s, k + 1, score + cost.score, next);
  s.path.pop();
  for (let j = 0; j < t.J; j++) s.remaining[j] = s.remaining[j]! + content[j]!;
}

function finish(s: SiteSearch, score: number, flag: number): void {
  const back = s.remaining.reduce((n, r) => n + r, 0);
  const best = s.best;
  const beats =
    !best ||
    (back !== best.backordered
      ? back < best.backordered
      : flag !== best.nonPreferred
        ? flag < best.nonPreferred
        : score < best.score - EPS);
  if (beats) s.best = makePlan(s.model, s.path.slice());
}

/** Units the sites from k on cannot hold, whatever they ship. */
function backorders(s: SiteSearch, k: number): number {
  let n = 0;
  for (let j = 0; j < s.t.J; j++) n += Math.max(0, s.remaining[j]! - s.capFrom[k * s.t.J + j]!);
  return n;
}

/** backorders(k + 1) with site k's content taken out of the remaining units. */
function backordersAfter(s: SiteSearch, k: number, content: number[]): number {
  let n = 0;
  for (let j = 0; j < s.t.J; j++) n += Math.max(0, s.remaining[j]! - content[j]! - s.capFrom[(k + 1) * s.t.J + j]!);
  return n;
}

/** Units site k must take (tied on backorders): what it and later sites hold that later ones cannot. */
function mustTake(s: SiteSearch, k: number): number {
  const J = s.t.J;
  let n = 0;
  for (let j = 0; j < J; j++) n += Math.max(0, Math.min(s.remaining[j]!, s.capFrom[k * J + j]!) - s.capFrom[(k + 1) * J + j]!);
  return n;
}

function cannotBeat(s: SiteSearch, k: number, score: number, flag: number): boolean {
  const best = s.best;
  if (!best) return false;
  const back = backorders(s, k);
  if (back !== best.backordered) return back > best.backordered;
  if (flag !== best.nonPreferred) return flag > best.nonPreferred;
  return score + restBound(s, k, undefined) >= best.score - EPS;
}

/** The dual bound of placing the remaining units (less a content about to ship) over the sites from k on. */
function restBound(s: SiteSearch, k: number, less: number[] | undefined): number {
  const { t } = s;
  const r = s.rest[k] as Remaining;
  for (let j = 0; j < t.J; j++) {
    const left = s.remaining[j]! - (less ? less[j]! : 0);
    r.need[j] = Math.min(left, s.capFrom[k * t.J + j]!);
  }
  r.onlyPreferred = s.best?.nonPreferred === 0;
  return remainingBound(t, s.empty, r, s.dual);
}

/** Dynamic-programming cut: an earlier path reached this state at no more cost (and no worse flag). */
function dominated(s: SiteSearch, k: number, score: number, flag: number): boolean {
  const key = s.radix ? k * s.span + s.remaining.reduce((n, q, j) => n + q * (s.radix?.[j] ?? 0), 0) : `${k}:${s.remaining.join(',')}`;
  const clean = s.memo[0].get(key);
  const seen = flag === 1 ? Math.min(clean ?? Infinity, s.memo[1].get(key) ?? Infinity) : clean;
  if (seen !== undefined && seen <= score + EPS) return true;
  s.memo[flag === 1 ? 1 : 0].set(key, score);
  return false;
}

/** Content prefixes allowed per state of the limit. */
const WORK_PER_STATE = 50;
