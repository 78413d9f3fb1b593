// Lower bounds for the exact search over sites in a fixed order: for the sites from k on, how
// many units must stay backordered at least, and what placing the rest must cost at least.
// Each site bound form (routing-bounds.ts) gives its own bound; the larger one counts.
import type { RoutingModel, Site } from './routing-model.ts';

/** One bound form laid out per site index k of the search order. */
export interface FormBounds {
  /** Per k: a non-empty shipment's part besides its units. */
  fixedLB: Float64Array;
  /** Per (k, item): per unit at site k. */
  unitLB: Float64Array;
  /** Per (k, item), over sites k..: cheapest unit bound and least fixed bound (Infinity: none). */
  unitFrom: Float64Array;
  fixedFrom: Float64Array;
  /** Per k, over sites k..: the sum of negative fixed bounds. */
  negativeFixedFrom: Float64Array;
  /** Per k: items by fixedFrom descending. */
  dearestItems: number[][];
}

export interface SearchBounds {
  /** Number of distinct remaining-unit vectors (product of quantity + 1). */
  states: number;
  items: number;
  sites: number;
  /** Per (k, item): the site's capacity, and the total over sites k... */
  capAt: Float64Array;
  capFrom: Float64Array;
  /** Per (k, item): bitmask of the sites k.. able to ship the item (when there are at most 31 sites). */
  sitesFrom: Int32Array | undefined;
  forms: FormBounds[];
  /** Per k: items by how few of the sites k.. can ship them. */
  scarceItems: number[][];
  /** Scratch space for facilityBound. */
  slack: Float64Array;
}

/** Precomputes the bounds for a search over `order`. */
export function buildBounds(model: RoutingModel, order: Site[]): SearchBounds {
  const J = model.items.length;
  const K = order.length;
  const capAt = new Float64Array(K * J);
  const capFrom = new Float64Array((K + 1) * J);
  const sitesFrom = K <= 31 ? new Int32Array((K + 1) * J) : undefined;
  for (let k = K - 1; k >= 0; k--) {
    for (let j = 0; j < J; j++) {
      const cap = order[k]?.cap[j] ?? 0;
      capAt[k * J + j] = cap;
      capFrom[k * J + j] = (capFrom[(k + 1) * J + j] ?? 0) + cap;
      if (sitesFrom) sitesFrom[k * J + j] = (sitesFrom[(k + 1) * J + j] ?? 0) | (cap > 0 ? 1 << k : 0);
    }
  }
  const forms = (order[0]?.bounds ?? []).map((_, f) => formBounds(order, f, J, capAt));
  const states = model.items.reduce((n, i) => n * (i.quantity + 1), 1);
  const sitesFor = new Int32Array((K + 1) * J);
  for (let k = K - 1; k >= 0; k--)
    for (let j = 0; j < J; j++) sitesFor[k * J + j] = (sitesFor[(k + 1) * J + j] ?? 0) + ((capAt[k * J + j] ?? 0) > 0 ? 1 : 0);
  const scarceItems = Array.from({ length: K + 1 }, (_, k) =>
    Array.from({ length: J }, (_, j) => j).sort((x, y) => (sitesFor[k * J + x] ?? 0) - (sitesFor[k * J + y] ?? 0) || x - y),
  );
  return { states, items: J, sites: K, capAt, capFrom, sitesFrom, forms, scarceItems, slack: new Float64Array(K) };
}

function formBounds(order: Site[], f: number, J: number, capAt: Float64Array): FormBounds {
  const K = order.length;
  const b: FormBounds = {
    fixedLB: new Float64Array(K),
    unitLB: new Float64Array(K * J),
    unitFrom: new Float64Array((K + 1) * J).fill(Infinity),
    fixedFrom: new Float64Array((K + 1) * J).fill(Infinity),
    negativeFixedFrom: new Float64Array(K + 1),
    dearestItems: [],
  };
  for (let k = K - 1; k >= 0; k--) {
    const bound = order[k]?.bounds[f];
    const fixed = bound?.fixed ?? 0;
    b.fixedLB[k] = fixed;
    b.negativeFixedFrom[k] = (b.negativeFixedFrom[k + 1] ?? 0) + Math.min(0, fixed);
    for (let j = 0; j < J; j++) {
      const here = k * J + j;
      const next = here + J;
      const unit = bound?.unit[j] ?? 0;
      const able = (capAt[here] ?? 0) > 0;
      b.unitLB[here] = unit;
      b.unitFrom[here] = able ? Math.min(unit, b.unitFrom[next] ?? Infinity) : (b.unitFrom[next] ?? Infinity);
      b.fixedFrom[here] = able ? Math.min(fixed, b.fixedFrom[next] ?? Infinity) : (b.fixedFrom[next] ?? Infinity);
    }
  }
  for (let k = 0; k <= K; k++) {
    b.dearestItems.push(
      Array.from({ length: J }, (_, j) => j).sort((x, y) => (b.fixedFrom[k * J + y] ?? 0) - (b.fixedFrom[k * J + x] ?? 0) || x - y),
    );
  }
  return b;
}

/** Units that must stay backordered whatever sites k.. ship. */
export function backorderBound(b: SearchBounds, k: number, remaining: readonly number[]): number {
  let n = 0;
  for (let j = 0; j < b.items; j++) n += Math.max(0, (remaining[j] ?? 0) - (b.capFrom[k * b.items + j] ?? 0));
  return n;
}

/**
 * The least sites k.. add to the score if they leave exactly `backorderBound` units backordered.
 * That happens only if every item places min(remaining, capacity from k) units (shared stock can
 * only make that impossible), each at no less than its cheapest unit bound; and items whose
 * candidate sites are disjoint need distinct shipments. Callers use it only in that case.
 */
export function restBound(b: SearchBounds, k: number, remaining: readonly number[]): number {
  let best = -Infinity;
  for (const form of b.forms) {
    const { cost, units } = neededUnits(b, form, k, remaining);
    best = Math.max(best, cost + (units > 0 ? disjointFixed(b, form, k, remaining) : Math.min(0, form.negativeFixedFrom[k] ?? 0)));
  }
  return best;
}

/** Units every item must still place from k on to backorder no more than the bound, and their least cost. */
export function neededUnits(b: SearchBounds, form: FormBounds, k: number, remaining: readonly number[]): { cost: number; units: number } {
  const J = b.items;
  let cost = 0;
  let units = 0;
  for (let j = 0; j < J; j++) {
    const need = Math.min(remaining[j] ?? 0, b.capFrom[k * J + j] ?? 0);
    if (need > 0) cost += need * (form.unitFrom[k * J + j] ?? 0);
    units += need;
  }
  return { cost, units };
}

/** Fixed costs of shipments that items with pairwise disjoint candidate sites force (greedy packing). */
function disjointFixed(b: SearchBounds, form: FormBounds, k: number, remaining: readonly number[]): number {
  const negative = form.negativeFixedFrom[k] ?? 0;
  if (negative < 0) return negative;
  const J = b.items;
  let taken = 0;
  let total = 0;
  for (const j of form.dearestItems[k] ?? []) {
    if (Math.min(remaining[j] ?? 0, b.capFrom[k * J + j] ?? 0) <= 0) continue;
    const fixed = form.fixedFrom[k * J + j] ?? 0;
    if (!b.sitesFrom) return fixed;
    const sites = b.sitesFrom[k * J + j] ?? 0;
    if ((sites & taken) !== 0) continue;
    taken |= sites;
    total += fixed;
  }
  return total;
}

/**
 * A stronger bound for sites k..: the dual of facility location with capacities relaxed. Opening
 * site i costs its fixed bound f_i; serving item j's needed units from it costs c_ij =
 * need_j * unit_ij. Any prices v_j with sum_j max(0, v_j - c_ij) <= f_i for every site bound the
 * cost from below (weak duality). One greedy pass raises each v_j, items with the fewest sites
 * first, to min_i (c_ij + slack_i). Skips a form with a negative fixed bound (a score bonus).
 */
export function facilityBound(b: SearchBounds, k: number, remaining: readonly number[]): number {
  let best = -Infinity;
  for (const form of b.forms) if ((form.negativeFixedFrom[k] ?? 0) >= 0) best = Math.max(best, facilityDual(b, form, k, remaining));
  return best;
}

function facilityDual(b: SearchBounds, form: FormBounds, k: number, remaining: readonly number[]): number {
  const J = b.items;
  const slack = b.slack;
  for (let i = k; i < b.sites; i++) slack[i] = form.fixedLB[i] ?? 0;
  let total = 0;
  for (const j of b.scarceItems[k] ?? []) {
    const need = Math.min(remaining[j] ?? 0, b.capFrom[k * J + j] ?? 0);
    if (need <= 0) continue;
    let v = Infinity;
    for (let i = k; i < b.sites; i++) {
      if ((b.capAt[i * J + j] ?? 0) > 0) v = Math.min(v, need * (form.unitLB[i * J + j] ?? 0) + (slack[i] ?? 0));
    }
    if (v === Infinity) return Infinity;
    for (let i = k; i < b.sites; i++) {
      if ((b.capAt[i * J + j] ?? 0) > 0) slack[i] = (slack[i] ?? 0) - Math.max(0, v - need * (form.unitLB[i * J + j] ?? 0));
    }
    total += v;
  }
  return total;
}
