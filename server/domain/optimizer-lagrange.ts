// A lower bound on what the units not placed yet add to the plan, by Lagrangian relaxation: the
// rule that item j places exactly need_j units is priced at lambda_j a unit, and every site then
// takes, alone, the content that gains it most. A site's added cost is bounded below by its
// opening (when new), per package group the packages its weight needs past the room left (each
// new group one at least, with the lateness of its class), per unit as in the tables, and taxes
// either staying under their de-minimis or due on every unit. Each site's best content is bounded
// by whole-unit knapsack bounds per package count, so the value is a valid bound for any lambda;
// subgradient steps look for a good lambda, warm-started from node to node.
import { available, type PartialShipments, type SearchTables } from './optimizer-bounds.ts';
import type { Remaining } from './optimizer-dual.ts';
import { MUST_PALLET, MUST_PARCEL, MUST_SMALL, siteGain } from './optimizer-gain.ts';
import { PACKET, PALLET, PARCEL } from './routing-bounds.ts';

export interface LagrangeScratch {
  /** Per item: the price of a unit. */
  lambda: Float64Array;
  /** Per (site, item): most units the site may take. */
  most: Float64Array;
  /** Per site: the items it may take (`count` of them from k * J on). */
  list: Int32Array;
  count: Int32Array;
  /**
   * Per (site, item): units the site must take as the other sites cannot hold the item's need; per
   * site the package groups that makes it ship (MUST_PALLET, MUST_SMALL, MUST_PARCEL).
   */
  mustTake: Float64Array;
  must: Uint8Array;
  /** Per (site, item): units the site's best content takes; per item the subgradient (need less units taken). */
  take: Float64Array;
  gradient: Float64Array;
  /** A site's candidate units: items, reduced cost and package share per unit. */
  cand: Int32Array;
  reduced: Float64Array;
  share: Float64Array;
  key: Float64Array;
  /** Per (package mode, item): units a group's best content takes. */
  modeTake: Float64Array;
  /** The tax scenario a site's content is priced in: threshold taxes charged per unit, and the most a unit may be worth. */
  due: number;
  valueCap: number;
  bestTake: Float64Array;
}

export const lagrangeScratch = (t: SearchTables): LagrangeScratch => ({
  lambda: t.arena.f64(t.J),
  most: t.arena.f64(t.K * t.J),
  list: t.arena.i32(t.K * t.J),
  count: t.arena.i32(t.K),
  mustTake: t.arena.f64(t.K * t.J),
  must: t.arena.u8(t.K),
  take: t.arena.f64(t.K * t.J),
  gradient: t.arena.f64(t.J),
  cand: t.arena.i32(t.J),
  reduced: t.arena.f64(t.J),
  share: t.arena.f64(t.J),
  key: t.arena.f64(t.J),
  modeTake: t.arena.f64(3 * t.J),
  due: 0,
  valueCap: Infinity,
  bestTake: t.arena.f64(t.J),
});

/** What the units the search has not placed must cost at least; stops early once it reaches `target`. */
export function lagrangeBound(
  t: SearchTables,
  p: PartialShipments,
  r: Remaining,
  g: LagrangeScratch,
  opts: { target: number; iterations: number },
): number {
  fillMost(t, p, r, g);
  let best = -Infinity;
  let step = 1;
  let stale = 0;
  for (let it = 0; it < opts.iterations; it++) {
    const value = relaxed(t, p, r, g);
    if (value > best + 1e-9) {
      best = value;
      stale = 0;
    } else if (++stale >= 3) {
      step /= 2;
      stale = 0;
    }
    if (best >= opts.target) break;
    let norm = 0;
    for (let j = 0; j < t.J; j++) norm += g.gradient[j]! * g.gradient[j]!;
    if (norm < 1e-12) break;
    const scale = (step * (opts.target - value)) / norm;
    for (let j = 0; j < t.J; j++) g.lambda[j] = g.lambda[j]! + scale * g.gradient[j]!;
  }
  return best;
}

/** Most units of each remaining item each site may take: its capacity (the current item: its allowed sites). */
function fillMost(t: SearchTables, p: PartialShipments, r: Remaining, g: LagrangeScratch): void {
  const { J, K } = t;
  g.most.fill(0);
  for (let j = 0; j < J; j++) {
    const need = r.need[j]!;
    if (need <= 0 || j === r.current) continue;
    for (let k = 0; k < K; k++) {
      if (r.allowed[k * J + j] === 0 || (r.onlyPreferred && t.nonPreferred[k] === 1)) continue;
      g.most[k * J + j] = Math.min(need, t.coupled ? available(t, p, k, j) : t.cap[k * J + j]! - p.content[k * J + j]!);
    }
  }
  const j = r.current;
  if (j >= 0 && r.need[j]! > 0) {
    for (let i = r.currentFrom; i < r.currentTo; i++) {
      const k = r.currentSites[i]!;
      if (r.onlyPreferred && t.nonPreferred[k] === 1) continue;
      g.most[k * J + j] = Math.min(r.need[j]!, available(t, p, k, j));
    }
  }
  for (let k = 0; k < K; k++) {
    let n = 0;
    for (let i = 0; i < J; i++) if (g.most[k * J + i]! > 0) g.list[k * J + n++] = i;
    g.count[k] = n;
  }
  fillMust(t, r, g);
}

/** Sites an item cannot do without: the others together hold less than its need. */
function fillMust(t: SearchTables, r: Remaining, g: LagrangeScratch): void {
  const { J, K } = t;
  g.must.fill(0);
  g.mustTake.fill(0);
  for (let j = 0; j < J; j++) {
    const need = r.need[j]!;
    if (need <= 0) continue;
    let total = 0;
    for (let k = 0; k < K; k++) total += g.most[k * J + j]!;
    for (let k = 0; k < K; k++) {
      const most = g.most[k * J + j]!;
      const must = need - (total - most);
      if (most <= 0 || must <= 0) continue;
      g.mustTake[k * J + j] = Math.min(most, must);
      const c = t.cls[j]!;
      g.must[k] = g.must[k]! | (c === PALLET ? MUST_PALLET : c === PARCEL ? MUST_SMALL | MUST_PARCEL : c === PACKET ? MUST_SMALL : 0);
    }
  }
}

/** The relaxation's value at the current prices; fills the units taken and the subgradient. */
function relaxed(t: SearchTables, p: PartialShipments, r: Remaining, g: LagrangeScratch): number {
  const { J, K } = t;
  let value = 0;
  for (let j = 0; j < J; j++) {
    const need = Math.max(r.need[j]!, 0);
    value += g.lambda[j]! * need;
    g.gradient[j] = need;
  }
  for (let k = 0; k < K; k++) {
    if (g.count[k] === 0) continue;
    value += siteGain(t, p, g, k);
    for (let i = k * J; i < k * J + g.count[k]!; i++) {
      const j = g.list[i]!;
      g.gradient[j] = g.gradient[j]! - g.take[k * J + j]!;
    }
  }
  return value;
}
