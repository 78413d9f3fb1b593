// A lower bound on what the units the search has not placed yet add to the plan: the dual of a
// facility-location relaxation (capacities dropped). Serving item j's units from site k costs
// their unit bounds there, and needs facilities: the site's shipment (when not open yet) and the
// package group of the item's class (a pallet; a packet or parcel; a parcel on top). Any prices
// v_j with sum_j max(0, v_j - c_kj) within every facility's cost bound the total from below (weak
// duality); a few rounds of ascent, items with the fewest sites first, raise the v_j as far as
// the facilities' slack lets them. Cheap, and the seed of the Lagrangian bound's prices.
import { taxesDue, unitTax, type PartialShipments, type SearchTables } from './optimizer-bounds.ts';
import { PACKET, PALLET, PARCEL } from './routing-bounds.ts';

/** What the remaining units must be placed as: items with a need, and for one item the sites it may still use. */
export interface Remaining {
  /** Items in the order the ascent raises them (fewest candidate sites first). */
  items: Int32Array;
  /** Units each item must still place (0: none). */
  need: Int32Array;
  /** Per (site, item) 1 when the site can ship the item. */
  allowed: Uint8Array;
  /** The item being placed (-1: none), which may only use the sites `currentSites[currentFrom..currentTo)`. */
  current: number;
  currentSites: Int32Array;
  currentFrom: number;
  currentTo: number;
  /** Only sites on the preferred list may open (the best plan uses no other). */
  onlyPreferred: boolean;
}

/** Scratch arrays of the ascent, allocated once per search. */
export interface DualScratch {
  siteSlack: Float64Array;
  groupSlack: Float64Array;
  /** Per (site, item): serving the item's units there, Infinity where it may not go. */
  cost: Float64Array;
  /** Per item: its price; the items being raised. */
  price: Float64Array;
  active: Int32Array;
}

export const dualScratch = (t: SearchTables): DualScratch => ({
  siteSlack: t.arena.f64(t.K),
  groupSlack: t.arena.f64(t.K * 3),
  cost: t.arena.f64(t.K * t.J),
  price: t.arena.f64(t.J),
  active: t.arena.i32(t.J),
});

/**
 * The least the remaining units add to the shipments' bounds. Sites already shipping open for
 * free and so do the package groups they already have; a site whose opening is a bonus (a
 * negative score adjustment) counts its bonus whether it opens or not.
 */
export function remainingBound(t: SearchTables, p: PartialShipments, r: Remaining, d: DualScratch): number {
  const { K } = t;
  let bonus = 0;
  for (let k = 0; k < K; k++) {
    const open = p.units[k]! > 0;
    const o = open ? 0 : t.opening[k]!;
    d.siteSlack[k] = Math.max(0, o);
    bonus += Math.min(0, o);
    const small = p.count[k * 3 + PACKET]! + p.count[k * 3 + PARCEL]! > 0;
    d.groupSlack[k * 3 + PALLET] = p.count[k * 3 + PALLET]! > 0 ? 0 : t.group[k * 3]!;
    d.groupSlack[k * 3 + 1] = small ? 0 : t.group[k * 3 + 1]!;
    // Packets alone were bounded as the cheaper of packets and a parcel: a parcel joining adds no package.
    d.groupSlack[k * 3 + 2] = small ? 0 : t.group[k * 3 + 2]!;
  }
  let total = bonus;
  let n = 0;
  for (let i = 0; i < r.items.length; i++) {
    const j = r.items[i]!;
    const need = r.need[j]!;
    if (need <= 0) continue;
    const v = unitCosts(t, p, r, d, j, need);
    if (v === Infinity) return Infinity;
    d.price[j] = v;
    d.active[n++] = j;
  }
  // Round robin: each item raises its price to its next breakpoint (or as far as the slack at its
  // tight sites lets it), so facility costs are shared among the items rather than paid by the first.
  for (let round = 0, raised = true; raised && round < MAX_ROUNDS; round++) {
    raised = false;
    for (let i = 0; i < n; i++) if (raise(t, d, d.active[i]!)) raised = true;
  }
  for (let i = 0; i < n; i++) total += d.price[d.active[i]!]!;
  return total;
}

const MAX_ROUNDS = 4;
const TINY = 1e-9;

/** Fills item j's cost per site (Infinity where it may not go) and returns the least. */
function unitCosts(t: SearchTables, p: PartialShipments, r: Remaining, d: DualScratch, j: number, need: number): number {
  const sites = j === r.current ? r.currentSites : undefined;
  for (let k = 0; k < t.K; k++) d.cost[k * t.J + j] = Infinity;
  let v = Infinity;
  for (let i = sites ? r.currentFrom : 0; i < (sites ? r.currentTo : t.K); i++) {
    const k = sites ? sites[i]! : i;
    if (r.allowed[k * t.J + j] === 0 || (r.onlyPreferred && t.nonPreferred[k] === 1)) continue;
    const u = need * unitAt(t, p, k, j);
    d.cost[k * t.J + j] = u;
    if (u < v) v = u;
  }
  return v;
}

/** One step of item j's price: to the next site's cost, or until a tight site's facilities run out of slack. */
function raise(t: SearchTables, d: DualScratch, j: number): boolean {
  const c = t.cls[j]!;
  const v = d.price[j]!;
  let step = Infinity;
  for (let k = 0; k < t.K; k++) {
    const a = d.cost[k * t.J + j]!;
    if (a === Infinity) continue;
    step = Math.min(step, a <= v + TINY ? d.siteSlack[k]! + groupSlackFor(t, d, k, c) : a - v);
  }
  if (!(step > TINY) || step === Infinity) return false;
  for (let k = 0; k < t.K; k++) if (d.cost[k * t.J + j]! <= v + TINY) consume(t, d, k, c, step);
  d.price[j] = v + step;
  return true;
}

/** A unit's bound at a site now: its static part, and the taxes the shipment there already pays. */
function unitAt(t: SearchTables, p: PartialShipments, k: number, j: number): number {
  const pair = k * t.J + j;
  const taxes = t.shapes[k]?.taxes;
  if (!taxes) return t.unitCost[pair]!;
  const due = t.taxesFromFirst[k]! | taxesDue(taxes, p.value[k]!);
  return t.rest[pair]! + Math.min(t.ship[pair]!, t.shipInParcel[pair]!) + unitTax(t, k, j, due);
}

function groupSlackFor(t: SearchTables, d: DualScratch, k: number, c: number): number {
  if (t.custom || c < 0) return 0;
  if (c === PALLET) return d.groupSlack[k * 3]!;
  const small = d.groupSlack[k * 3 + 1]!;
  return c === PARCEL ? small + d.groupSlack[k * 3 + 2]! : small;
}

/** Takes `excess` from the facilities item class c needs at site k: its package groups first, then the site. */
function consume(t: SearchTables, d: DualScratch, k: number, c: number, excess: number): void {
  let left = excess;
  if (!t.custom && c >= 0) {
    if (c === PARCEL) left = take(d, k * 3 + 2, left);
    left = take(d, k * 3 + (c === PALLET ? 0 : 1), left);
  }
  d.siteSlack[k] = Math.max(0, d.siteSlack[k]! - left);
}

function take(d: DualScratch, i: number, want: number): number {
  const got = Math.min(want, d.groupSlack[i]!);
  d.groupSlack[i] = d.groupSlack[i]! - got;
  return want - got;
}
