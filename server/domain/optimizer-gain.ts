// The Lagrangian bound's subproblem (optimizer-lagrange.ts): the most one site's added content can
// gain at unit prices lambda, bounded below. Package groups it ships add packages only past their
// room, a new group at least one package and its class's lateness; whole units fill each package
// count by a knapsack bound; a tax below its de-minimis either stays so or is due on every unit.
import { DUTY, lateSoFar, packagesFor, taxesDue, unitTax, VAT, type PartialShipments, type SearchTables } from './optimizer-bounds.ts';
import type { LagrangeScratch } from './optimizer-lagrange.ts';
import { CLASS_LIMIT_KG, PACKET, PALLET, PARCEL, type TaxShape } from './routing-bounds.ts';

/** Package groups a site must ship (LagrangeScratch.must). */
export const MUST_PALLET = 1;
export const MUST_SMALL = 2;
export const MUST_PARCEL = 4;

/**
 * The least (most negative) a site's added content can cost at the current prices; records the
 * units it takes. Package groups the site already ships add packages only past their room; a new
 * group adds its packages and, with the others it opens, lateness up to its class's fastest rate.
 */
export function siteGain(t: SearchTables, p: PartialShipments, g: LagrangeScratch, k: number): number {
  const taxes = t.shapes[k]!.taxes;
  const value = p.value[k]!;
  const due = t.taxesFromFirst[k]! | taxesDue(taxes, value);
  g.due = due;
  g.valueCap = Infinity;
  const dutyOpen = taxes !== undefined && (due & DUTY) === 0 && taxes.dutyBp > 0;
  const vatOpen = taxes !== undefined && (due & VAT) === 0 && taxes.vatBp > 0;
  if (!taxes || (!dutyOpen && !vatOpen)) return contentGain(t, p, g, k);
  const { J } = t;
  let most = value;
  for (let i = k * J; i < k * J + g.count[k]!; i++) most += g.most[k * J + g.list[i]!]! * t.value[g.list[i]!]!;
  const first = Math.min(dutyOpen ? taxes.dutyDeMinimis : Infinity, vatOpen ? taxes.vatDeMinimis : Infinity);
  // Not worth enough to pass a de-minimis: the taxes not due stay so.
  if (most <= first) return contentGain(t, p, g, k);
  // A de-minimis not passed yet: either the content stays within it (no unit worth more than
  // what is left of it), or it passes it and every unit pays the tax (rounded down each).
  const second = dutyOpen && vatOpen ? Math.max(taxes.dutyDeMinimis, taxes.vatDeMinimis) : Infinity;
  let best = Infinity;
  for (let level = -Infinity; level < Infinity; level = level === -Infinity ? first : level === first ? second : Infinity) {
    g.due = due | (dutyOpen && taxes.dutyDeMinimis <= level ? DUTY : 0) | (vatOpen && taxes.vatDeMinimis <= level ? VAT : 0);
    g.valueCap = (level === -Infinity ? first : level === first ? second : Infinity) - value;
    const gain = taxOn(taxes, value, g.due) - taxOn(taxes, value, due) + contentGain(t, p, g, k);
    if (gain < best) {
      best = gain;
      for (let i = k * J; i < k * J + g.count[k]!; i++) g.bestTake[g.list[i]!] = g.take[k * J + g.list[i]!]!;
    }
  }
  for (let i = k * J; i < k * J + g.count[k]!; i++) g.take[k * J + g.list[i]!] = g.bestTake[g.list[i]!]!;
  return best;
}

/** siteGain within one tax scenario. */
function contentGain(t: SearchTables, p: PartialShipments, g: LagrangeScratch, k: number): number {
  const { J } = t;
  const open = p.units[k]! > 0;
  if (t.custom) {
    const gain = direct(t, g, k);
    if (open || t.opening[k]! + gain < 0) return open ? gain : t.opening[k]! + gain;
    for (let i = k * J; i < k * J + g.count[k]!; i++) g.take[k * J + g.list[i]!] = 0;
    return 0;
  }
  const s = t.shapes[k]!;
  const late0 = lateSoFar(t, p, k);
  const hasPallets = p.count[k * 3 + PALLET]! > 0;
  const hasSmall = p.count[k * 3 + PACKET]! + p.count[k * 3 + PARCEL]! > 0;
  const pallet = groupGain(t, p, g, k, PALLET, hasPallets);
  // Packets ride in parcels only with a parcel: none here and none to come, no parcel way.
  const parcels = p.count[k * 3 + PARCEL]! > 0 || parcelMayCome(t, g, k);
  const parcel = parcels && Number.isFinite(s.packageBase[PARCEL]!) ? groupGain(t, p, g, k, PARCEL, hasSmall) : Infinity;
  const packet = p.count[k * 3 + PARCEL]! === 0 ? groupGain(t, p, g, k, PACKET, p.count[k * 3 + PACKET]! > 0) : Infinity;
  // Choices: each group's best content (or none when the site lacks the group and need not ship
  // it), lateness the max over them.
  const must = g.must[k]!;
  const palletOptions = hasPallets ? 1 : 2;
  let best = must === 0 ? 0 : Infinity;
  let bestPallet = false;
  let bestSmall = -1;
  for (let a = 0; a < palletOptions; a++) {
    const withPallet = hasPallets || a === 1;
    if ((withPallet && pallet === Infinity) || (!withPallet && (must & MUST_PALLET) !== 0)) continue;
    for (let b = hasSmall ? 0 : -1; b < 2; b++) {
      const mode = b === 0 ? PARCEL : PACKET;
      const smallGain = b < 0 ? 0 : mode === PARCEL ? parcel : packet;
      if (smallGain === Infinity || (b < 0 && (must & MUST_SMALL) !== 0) || (mode !== PARCEL && (must & MUST_PARCEL) !== 0)) continue;
      let late = late0;
      if (withPallet && !hasPallets) late = Math.max(late, s.late[PALLET]!);
      if (b >= 0 && !hasSmall) late = Math.max(late, s.late[mode]!);
      const gain = (withPallet ? pallet : 0) + smallGain + late - late0 + (open || (!withPallet && b < 0) ? 0 : t.opening[k]!);
      if (gain < best) {
        best = gain;
        bestPallet = withPallet;
        bestSmall = b < 0 ? -1 : mode;
      }
    }
  }
  if (best === Infinity) best = 0;
  for (let i = k * J; i < k * J + g.count[k]!; i++) {
    const j = g.list[i]!;
    const c = t.cls[j]!;
    const mode = c === PALLET ? (bestPallet ? PALLET : -1) : c === PARCEL || c === PACKET ? bestSmall : -1;
    g.take[k * J + j] = mode < 0 ? 0 : g.modeTake[mode * J + j]!;
  }
  return best;
}

function parcelMayCome(t: SearchTables, g: LagrangeScratch, k: number): boolean {
  for (let i = k * t.J; i < k * t.J + g.count[k]!; i++) if (t.cls[g.list[i]!] === PARCEL) return true;
  return false;
}

/** With a custom packer every unit stands alone: take the units that gain. */
function direct(t: SearchTables, g: LagrangeScratch, k: number): number {
  let gain = 0;
  for (let i = k * t.J; i < k * t.J + g.count[k]!; i++) {
    const j = g.list[i]!;
    const most = g.most[k * t.J + j]!;
    g.take[k * t.J + j] = 0;
    if (t.value[j]! > g.valueCap) continue;
    const r = unitRest(t, g, k, j) + t.ship[k * t.J + j]! - g.lambda[j]!;
    if (r < 0) {
      gain += most * r;
      g.take[k * t.J + j] = most;
    }
  }
  return gain;
}

/** Whether item class c rides in packages of `mode` (PARCEL: parcels with the packets in them). */
const rides = (c: number, mode: number): boolean => c === mode || (mode === PARCEL && c === PACKET);

/**
 * The best a package group can gain at site k riding in `mode` packages: over the number n of new
 * packages (at least one when the group is new), n bases plus the best units that fit the room
 * left and n packages' more, taken fractionally by gain per kg. The units that fit any n are a
 * lower bound, so the least over n bounds every content; units the site must take count whatever
 * they gain. A new group with nothing to gain costs its base. Leaves the units taken in `modeTake`.
 */
function groupGain(t: SearchTables, p: PartialShipments, g: LagrangeScratch, k: number, mode: number, present: boolean): number {
  const { J } = t;
  const limit = CLASS_LIMIT_KG[mode]!;
  const base = t.shapes[k]!.packageBase[mode]!;
  let n = 0;
  let total = 0;
  let all = 0;
  let forced = 0;
  for (let x = k * J; x < k * J + g.count[k]!; x++) {
    const j = g.list[x]!;
    g.modeTake[mode * J + j] = 0;
    const most = g.most[k * J + j]!;
    const c = t.cls[j]!;
    if (!rides(c, mode) || t.value[j]! > g.valueCap) continue;
    const ship = mode === PARCEL && c === PACKET ? t.shipInParcel[k * J + j]! : t.ship[k * J + j]!;
    const r = unitRest(t, g, k, j) + ship - g.lambda[j]!;
    if (!(r < 0)) {
      // Units the site must take cost what they cost, gain or not.
      const must = g.mustTake[k * J + j]!;
      forced += must * r;
      g.modeTake[mode * J + j] = must;
      continue;
    }
    const share = Math.min(t.weight[j]!, limit) / limit;
    g.reduced[j] = r;
    g.share[j] = share;
    g.key[j] = share > 0 ? r / share : -Infinity;
    total += share * most;
    all += most * r;
    let i = n++;
    while (i > 0 && g.key[g.cand[i - 1]!]! > g.key[j]!) {
      g.cand[i] = g.cand[i - 1]!;
      i--;
    }
    g.cand[i] = j;
  }
  if (n === 0) return forced + (present ? 0 : base);
  const kg = mode === PALLET ? p.palletKg[k]! : mode === PARCEL ? p.smallKg[k]! : p.packetKg[k]!;
  const room = present ? packagesFor(kg, limit) - kg / limit : 0;
  let bestPackages = present ? 0 : 1;
  let best = base * bestPackages + fill(g, n, room + bestPackages, k * J, -1);
  // Whole units make the fill uneven in n: try every n until all candidates fit, or until n bases
  // alone, less every candidate's gain, cannot do better.
  for (let extra = bestPackages + 1; room + extra - 1 < total + 1e-9 && base * extra + all < best; extra++) {
    const value = base * extra + fill(g, n, room + extra, k * J, -1);
    if (value < best) {
      best = value;
      bestPackages = extra;
    }
  }
  fill(g, n, room + bestPackages, k * J, mode * J);
  return best + forced;
}

/**
 * The best gain of the sorted candidates in `capacity` package shares, whole units only: units go
 * in by gain per share until one does not fit; then the better of leaving that item out (the room
 * left filled at the next item's rate) and squeezing one more unit in (room made at the rate of
 * the unit before) bounds every whole filling (Martello and Toth). Records takes at `at` unless -1.
 */
function fill(g: LagrangeScratch, n: number, capacity: number, pair: number, at: number): number {
  let room = capacity;
  let gain = 0;
  let before = Number.NaN;
  for (let i = 0; i < n; i++) {
    const j = g.cand[i]!;
    const most = g.most[pair + j]!;
    const share = g.share[j]!;
    const fits = share > 0 ? Math.min(most, Math.floor(room / share + 1e-9)) : most;
    room -= fits * share;
    gain += fits * g.reduced[j]!;
    if (at >= 0) g.modeTake[at + j] = fits;
    if (fits > 0) before = g.key[j]!;
    if (fits === most) continue;
    const next = i + 1 < n ? g.key[g.cand[i + 1]!]! : 0;
    const leaveOut = gain + Math.max(0, room) * next;
    const squeezeIn = Number.isNaN(before) ? Infinity : gain + g.reduced[j]! - (share - room) * before;
    if (at >= 0 && squeezeIn < leaveOut) g.modeTake[at + j] = fits + 1;
    return Math.min(leaveOut, squeezeIn);
  }
  return gain;
}

/** A unit's bound besides shipping at site k in the scenario: the tables' rest and the taxes due. */
function unitRest(t: SearchTables, g: LagrangeScratch, k: number, j: number): number {
  return t.rest[k * t.J + j]! + (g.due === 0 ? 0 : unitTax(t, k, j, g.due));
}

/** The taxes `due` (DUTY | VAT) on a shipment's goods value alone, each rounded down. */
function taxOn(t: TaxShape, value: number, due: number): number {
  const duty = (due & DUTY) !== 0 ? Math.floor((value * t.dutyBp) / 10_000) : 0;
  return duty + ((due & VAT) !== 0 ? Math.floor(((value + duty) * t.vatBp) / 10_000) : 0);
}
