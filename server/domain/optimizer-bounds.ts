// The exact search's view of a model over a list of sites, in flat arrays, and what each site's
// shipment costs at least while units are still being added to it. The bound of a partial
// shipment holds for every shipment that contains it: packages per class are at least the
// class's effective weight over its weight limit, taxes and look-ahead shortfall only grow with
// the content, and packets that might still ride in a parcel are charged the cheaper way.
import { Arena } from './optimizer-arena.ts';
import { CLASSES, CLASS_LIMIT_KG, PACKET, PALLET, PARCEL, taxOn, type SiteShape, type TaxShape } from './routing-bounds.ts';
import type { RoutingModel, Site } from './routing-model.ts';

const [PACKET_KG, PARCEL_KG, PALLET_KG] = CLASS_LIMIT_KG;

/** Static facts of a search: J items by K sites, every per-pair array indexed k * J + j. */
export interface SearchTables {
  /** Where the search's arrays come from. */
  arena: Arena;
  J: number;
  K: number;
  sites: Site[];
  shapes: SiteShape[];
  /** A custom packer chooses classes itself: only the any-class bounds hold. */
  custom: boolean;
  /** Per item: its class index (-1: unknown product), weight and goods value per unit. */
  cls: Int8Array;
  weight: Float64Array;
  value: Float64Array;
  quantity: Int32Array;
  /** Per item: stock SKU indices and units per item unit (flattened, `useStart` per item). */
  useStart: Int32Array;
  useSku: Int32Array;
  useQty: Float64Array;
  /** Stock SKUs, and per (site, SKU) stock on hand and look-ahead free units (Infinity: no reserve). */
  skus: number;
  stock: Float64Array;
  free: Float64Array;
  coupled: boolean;
  /** Look-ahead price per stock unit short, 0 when no site keeps a reserve. */
  shortPrice: number;
  cap: Int32Array;
  /** Per pair: a unit's least added cost past the fixed and package parts (with the taxes due from the first unit). */
  unitCost: Float64Array;
  /** Per pair, unitCost's parts: per kg on its own class's rates (any class with a custom packer), per kg as a packet riding in a parcel, the rest but taxes. */
  ship: Float64Array;
  shipInParcel: Float64Array;
  rest: Float64Array;
  /**
   * Per pair: what a unit adds in duty, in VAT, and in VAT with duty due (VAT is charged on the
   * duty too), each rounded down alone: floor(r x (a + b)) >= floor(r x a) + floor(r x b).
   */
  dutyUnit: Float64Array;
  vatUnit: Float64Array;
  vatDutyUnit: Float64Array;
  /** Per site: the taxes (DUTY | VAT) due from the first unit of value, having no de-minimis. */
  taxesFromFirst: Uint8Array;
  /** Per site: what opening a shipment costs at least (fixed, lateness floor, any-class package). */
  opening: Float64Array;
  /** Per site and group (pallet, small, parcel on top of small): the least package a group first needs. */
  group: Float64Array;
  nonPreferred: Uint8Array;
  /** Whether no shipment opening or unit can lower a bound (no score bonus, no base under half a unit). */
  nothingNegative: boolean;
  /** Whether every plan's score is whole (whole handling, adjustments and penalties), so a rival must be a unit cheaper. */
  integral: boolean;
}

/** Builds the tables for a search over `order`. */
export function buildTables(model: RoutingModel, order: Site[]): SearchTables {
  const J = model.items.length;
  const K = order.length;
  const skuIndex = new Map<string, number>();
  for (const item of model.items) for (const u of item.uses) if (!skuIndex.has(u.sku)) skuIndex.set(u.sku, skuIndex.size);
  const S = skuIndex.size;
  const arena = new Arena(8 * (12 * K * J + 2 * K * S + 8 * K + 8 * J + 16));
  const useStart = arena.i32(J + 1);
  const uses = model.items.flatMap((item, j) => {
    useStart[j + 1] = useStart[j]! + item.uses.length;
    return item.uses.map((u) => [skuIndex.get(u.sku) ?? 0, u.quantity] as const);
  });
  const t: SearchTables = {
    J,
    K,
    sites: order,
    shapes: order.map((s) => s.shape as SiteShape),
    custom: model.req.pack !== undefined,
    arena,
    cls: arena.i8(J),
    weight: arena.f64(J),
    value: arena.f64(J),
    quantity: arena.i32(J),
    useStart,
    useSku: arena.i32(uses.length),
    useQty: arena.f64(uses.length),
    skus: S,
    stock: arena.f64(K * S),
    free: arena.f64(K * S).fill(Infinity),
    coupled: model.coupled,
    shortPrice: order.some((s) => s.free !== undefined) ? model.options.lookahead.costPerUnitShort : 0,
    cap: arena.i32(K * J),
    unitCost: arena.f64(K * J),
    ship: arena.f64(K * J),
    shipInParcel: arena.f64(K * J).fill(Infinity),
    rest: arena.f64(K * J),
    dutyUnit: arena.f64(K * J),
    vatUnit: arena.f64(K * J),
    vatDutyUnit: arena.f64(K * J),
    taxesFromFirst: arena.u8(K),
    opening: arena.f64(K),
    group: arena.f64(K * 3),
    nonPreferred: arena.u8(K),
    nothingNegative: false,
    integral:
      Number.isInteger(model.splitPenalty) &&
      Number.isInteger(model.options.costPerDayLate[model.req.serviceLevel]) &&
      Number.isInteger(model.options.lookahead.costPerUnitShort) &&
      order.every((s) => Number.isInteger(s.warehouse.handlingCost) && Number.isInteger(s.adjustment)),
  };
  model.items.forEach((i, j) => {
    t.cls[j] = i.product ? CLASSES.indexOf(i.product.shippingClass) : -1;
    t.weight[j] = i.product?.weightKg ?? 0;
    t.value[j] = i.unitValue;
    t.quantity[j] = i.quantity;
  });
  uses.forEach((u, x) => {
    t.useSku[x] = u[0];
    t.useQty[x] = u[1];
  });
  const preferredOnly = model.req.constraints.preferredWarehouses.length > 0;
  order.forEach((s, k) => {
    t.nonPreferred[k] = preferredOnly && !s.preferred ? 1 : 0;
  });
  for (const [sku, s] of skuIndex) {
    order.forEach((site, k) => {
      t.stock[k * S + s] = Math.max(0, site.stock?.get(sku) ?? 0);
      const free = site.free?.get(sku);
      if (free !== undefined) t.free[k * S + s] = free;
    });
  }
  order.forEach((site, k) => fillSite(t, site, k));
  t.nothingNegative = t.opening.every((o) => o >= 0) && t.unitCost.every((u) => u >= 0);
  return t;
}

function fillSite(t: SearchTables, site: Site, k: number): void {
  const shape = t.shapes[k] as SiteShape;
  const { J } = t;
  t.opening[k] = shape.fixed + shape.lateFloor + (t.custom ? shape.anyBase : 0);
  const [packet, parcel, pallet] = shape.packageBase as [number, number, number];
  const small = Math.min(packet, parcel);
  t.group.set(t.custom ? [0, 0, 0] : [pallet, small, Number.isFinite(parcel) ? parcel - small : 0], k * 3);
  const taxes = shape.taxes;
  if (taxes) t.taxesFromFirst[k] = (taxes.dutyDeMinimis <= 0 ? DUTY : 0) | (taxes.vatDeMinimis <= 0 ? VAT : 0);
  for (let j = 0; j < J; j++) {
    const p = k * J + j;
    t.cap[p] = site.cap[j] ?? 0;
    const w = t.weight[j]!;
    const v = t.value[j]!;
    const c = t.cls[j]!;
    if (t.custom) t.ship[p] = times(shape.anyPerKg, w) + shape.anyUnitSlack;
    else if (c >= 0) t.ship[p] = times(shape.perKg[c]!, w) + shape.unitSlack[c]!;
    if (!t.custom && c === PACKET && Number.isFinite(shape.packageBase[PARCEL]!))
      t.shipInParcel[p] = times(shape.perKg[PARCEL]!, w) + shape.unitSlack[PARCEL]!;
    let rest = 0;
    if (taxes) {
      const duty = Math.floor((v * taxes.dutyBp) / 10_000);
      t.dutyUnit[p] = duty;
      t.vatUnit[p] = Math.floor((v * taxes.vatBp) / 10_000);
      t.vatDutyUnit[p] = Math.floor(((v + duty) * taxes.vatBp) / 10_000);
    }
    // A unit of a SKU the site has nothing to spare of always costs the shortfall price.
    for (let u = t.useStart[j]!; u < t.useStart[j + 1]!; u++)
      if (t.free[k * t.skus + t.useSku[u]!]! <= 0) rest += t.shortPrice * t.useQty[u]!;
    t.rest[p] = rest;
    t.unitCost[p] = rest + Math.min(t.ship[p]!, t.shipInParcel[p]!) + (taxes ? unitTax(t, k, j, t.taxesFromFirst[k]!) : 0);
  }
}

const times = (perKg: number, kg: number): number => (kg === 0 ? 0 : perKg * kg);

/** Which taxes a shipment worth `value` already pays: each is due on every unit added to it. */
export function taxesDue(taxes: TaxShape | undefined, value: number): number {
  if (!taxes) return 0;
  return (value > taxes.dutyDeMinimis && taxes.dutyBp > 0 ? DUTY : 0) | (value > taxes.vatDeMinimis && taxes.vatBp > 0 ? VAT : 0);
}

export const DUTY = 1;
export const VAT = 2;

/** What a unit of item j adds in the taxes `due` (DUTY | VAT) at site k. */
export function unitTax(t: SearchTables, k: number, j: number, due: number): number {
  const p = k * t.J + j;
  const duty = (due & DUTY) !== 0;
  return (duty ? t.dutyUnit[p]! : 0) + ((due & VAT) !== 0 ? (duty ? t.vatDutyUnit[p]! : t.vatUnit[p]!) : 0);
}

/** The search's partial shipments, one per site: contents and the running sums their bounds need. */
export interface PartialShipments {
  content: Int32Array;
  units: Int32Array;
  /** Per (site, class): units and raw kg. */
  count: Int32Array;
  kg: Float64Array;
  /** Per site: kg capped per unit at the package limit, for packets as packets, packets and parcels as parcels, pallets. */
  packetKg: Float64Array;
  smallKg: Float64Array;
  palletKg: Float64Array;
  value: Float64Array;
  /** Per (site, SKU): stock units taken. */
  used: Float64Array;
  /** Per site: the bound of its shipment so far (0 when empty). */
  bound: Float64Array;
}

export function emptyShipments(t: SearchTables): PartialShipments {
  const K = t.K;
  return {
    content: t.arena.i32(K * t.J),
    units: t.arena.i32(K),
    count: t.arena.i32(K * 3),
    kg: t.arena.f64(K * 3),
    packetKg: t.arena.f64(K),
    smallKg: t.arena.f64(K),
    palletKg: t.arena.f64(K),
    value: t.arena.f64(K),
    used: t.arena.f64(K * t.skus),
    bound: t.arena.f64(K),
  };
}

/** Adds (n = 1) or removes (n = -1) a unit of item j at site k. */
export function moveUnit(t: SearchTables, p: PartialShipments, k: number, j: number, n: number): void {
  const c = t.cls[j]!;
  const w = t.weight[j]!;
  p.content[k * t.J + j] = p.content[k * t.J + j]! + n;
  p.units[k] = p.units[k]! + n;
  p.value[k] = p.value[k]! + n * t.value[j]!;
  if (c >= 0) {
    p.count[k * 3 + c] = p.count[k * 3 + c]! + n;
    p.kg[k * 3 + c] = p.kg[k * 3 + c]! + n * w;
  }
  if (c === PACKET) p.packetKg[k] = p.packetKg[k]! + n * Math.min(w, PACKET_KG);
  if (c === PACKET || c === PARCEL) p.smallKg[k] = p.smallKg[k]! + n * Math.min(w, PARCEL_KG);
  if (c === PALLET) p.palletKg[k] = p.palletKg[k]! + n * Math.min(w, PALLET_KG);
  for (let u = t.useStart[j]!; u < t.useStart[j + 1]!; u++) {
    const s = k * t.skus + t.useSku[u]!;
    p.used[s] = p.used[s]! + n * t.useQty[u]!;
  }
}

/** Units of item j site k can still take: its capacity, and with shared stock what is left of it. */
export function available(t: SearchTables, p: PartialShipments, k: number, j: number): number {
  let n = t.cap[k * t.J + j]! - p.content[k * t.J + j]!;
  if (!t.coupled || n <= 0) return n;
  for (let u = t.useStart[j]!; u < t.useStart[j + 1]!; u++) {
    const s = k * t.skus + t.useSku[u]!;
    n = Math.min(n, Math.floor((t.stock[s]! - p.used[s]!) / t.useQty[u]!));
  }
  return n;
}

/**
 * The least any shipment from site k containing its partial content can cost. `parcelLater`: a
 * parcel may still join it, so packets alone are charged the cheaper of packets and a parcel.
 */
export function partialBound(t: SearchTables, p: PartialShipments, k: number, parcelLater: boolean): number {
  if (p.units[k] === 0) return 0;
  const s = t.shapes[k] as SiteShape;
  let cost = s.fixed;
  if (t.custom)
    cost += s.anyBase + times(s.anyPerKg, p.kg[k * 3]! + p.kg[k * 3 + 1]! + p.kg[k * 3 + 2]!) + s.anyUnitSlack * p.units[k]! + s.lateFloor;
  else cost += shippingBound(s, p, k, parcelLater);
  if (s.taxes) cost += taxOn(s.taxes, p.value[k]!);
  if (t.shortPrice !== 0) {
    let short = 0;
    for (let i = k * t.skus; i < (k + 1) * t.skus; i++) short += Math.max(0, p.used[i]! - t.free[i]!);
    cost += short * t.shortPrice;
  }
  return cost;
}

/** Packages of a class holding `kg` (capped per unit at the limit): at least one, and the weight over the limit. */
export const packagesFor = (kg: number, limit: number): number => Math.max(1, Math.ceil(kg / limit - 1e-9));

/** Packages and lateness: per class present its packages at least, lateness of the slowest class's fastest rate. */
function shippingBound(s: SiteShape, p: PartialShipments, k: number, parcelLater: boolean): number {
  const packets = p.count[k * 3 + PACKET]!;
  const parcels = p.count[k * 3 + PARCEL]!;
  const pallets = p.count[k * 3 + PALLET]!;
  let cost = 0;
  let late = s.lateFloor;
  if (pallets > 0) {
    cost +=
      packagesFor(p.palletKg[k]!, PALLET_KG) * s.packageBase[PALLET]! +
      times(s.perKg[PALLET]!, p.kg[k * 3 + PALLET]!) +
      s.unitSlack[PALLET]! * pallets;
    late = Math.max(late, s.late[PALLET]!);
  }
  const small = packets + parcels;
  if (small === 0) return cost + late;
  const asParcels =
    packagesFor(p.smallKg[k]!, PARCEL_KG) * s.packageBase[PARCEL]! +
    times(s.perKg[PARCEL]!, p.kg[k * 3 + PACKET]! + p.kg[k * 3 + PARCEL]!) +
    s.unitSlack[PARCEL]! * small +
    Math.max(late, s.late[PARCEL]!);
  if (parcels > 0) return cost + asParcels;
  const asPackets =
    packagesFor(p.packetKg[k]!, PACKET_KG) * s.packageBase[PACKET]! +
    times(s.perKg[PACKET]!, p.kg[k * 3 + PACKET]!) +
    s.unitSlack[PACKET]! * small +
    Math.max(late, s.late[PACKET]!);
  return cost + (parcelLater && Number.isFinite(s.packageBase[PARCEL]!) ? Math.min(asPackets, asParcels) : asPackets);
}

/**
 * The lateness a site's shipment is already charged at least in every way its packets may ride
 * (the larger of the two, so what a new class adds on top is never overstated).
 */
export function lateSoFar(t: SearchTables, p: PartialShipments, k: number): number {
  const s = t.shapes[k] as SiteShape;
  let late = s.lateFloor;
  if (t.custom || p.units[k] === 0) return late;
  if (p.count[k * 3 + PALLET]! > 0) late = Math.max(late, s.late[PALLET]!);
  if (p.count[k * 3 + PARCEL]! > 0) return Math.max(late, s.late[PARCEL]!);
  if (p.count[k * 3 + PACKET]! === 0) return late;
  return Math.max(late, s.late[PACKET]!, Number.isFinite(s.packageBase[PARCEL]!) ? s.late[PARCEL]! : 0);
}
