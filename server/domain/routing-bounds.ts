// What a shipment from a site costs at least, as numbers the exact search combines cheaply: the
// fixed part (handling, adjustment, split penalty), the lateness of the fastest rate, and per
// package class the least a package costs (base, per kg, lateness of its fastest rate). Every
// package rides on a serving rate of its class at round(base + per kg x weight) >= base - 0.5 +
// per kg x weight, and a class's packages hold at most its weight limit each.
import type { DutyRule } from './duties.ts';
import type { LateMemo, RateBases } from './routing-lanes.ts';
import { lateDaysAt, type RoutingModel, type Site } from './routing-model.ts';
import { PACKAGE_WEIGHT_LIMIT_KG } from './packing.ts';
import type { Rate, ShippingClass } from './types.ts';

/** Package classes by index in the search's arrays. */
export const CLASSES: readonly ShippingClass[] = ['packet', 'parcel', 'pallet'];
/** Each class's index in CLASSES. */
export const PACKET = 0;
export const PARCEL = 1;
export const PALLET = 2;
/** A package's weight limit per class, by index. */
export const CLASS_LIMIT_KG = [PACKAGE_WEIGHT_LIMIT_KG.packet, PACKAGE_WEIGHT_LIMIT_KG.parcel, PACKAGE_WEIGHT_LIMIT_KG.pallet] as const;

export interface SiteShape {
  /** Handling, score adjustment and split penalty: what every shipment from the site pays. */
  fixed: number;
  /** What every shipment pays for lateness at least: the least of the classes' `late`. */
  lateFloor: number;
  /** Per class (see CLASSES): a package's least base less rounding (half a unit unless prices are whole), when positive (Infinity: no rate). */
  packageBase: number[];
  /** Per class: a unit's share of rounding when bases are below half a unit (0 or negative). */
  unitSlack: number[];
  /** Per class: least price per kg. */
  perKg: number[];
  /**
   * Per class: what a shipment with a package of the class pays for lateness at least, beyond that
   * package's least base: min over its rates of (base + lateness) less the least base. The package
   * rides on some rate and the shipment is as late as its slowest package.
   */
  late: number[];
  /** With a custom packer classes are the packer's choice: the least over every rate. */
  anyBase: number;
  anyPerKg: number;
  anyUnitSlack: number;
  /** Import taxes a shipment from here pays (none when it stays inside the customs territory). */
  taxes: TaxShape | undefined;
}

/** quoteDuties' arithmetic for one site: nondecreasing in the goods value, as rates are not negative. */
export interface TaxShape {
  dutyBp: number;
  dutyDeMinimis: number;
  vatBp: number;
  vatDeMinimis: number;
}

/** The shape of an eligible site's shipments. */
export function siteShape(model: RoutingModel, site: Site): SiteShape {
  const lane = site.lane;
  const rates = site.rates;
  const all = lane.all;
  const late = latesOf(model, site);
  const custom = model.req.pack !== undefined;
  // Whole rates and unit weights make whole package prices, which round() leaves as they are.
  const whole = !custom && lane.allWhole && itemsWhole(model);
  const bases = lane.bases[whole ? 1 : 0] ?? (lane.bases[whole ? 1 : 0] = rateBases(rates, all, whole));
  return {
    fixed: site.warehouse.handlingCost + site.adjustment + model.splitPenalty,
    lateFloor: custom ? late.lateAll : lateFloorOf(rates, late.late),
    packageBase: bases.packageBase,
    unitSlack: bases.unitSlack,
    perKg: bases.perKg,
    late: late.late,
    anyBase: bases.anyBase,
    anyPerKg: bases.anyPerKg,
    anyUnitSlack: bases.anyUnitSlack,
    taxes:
      site.crossesCustoms && site.dutyRule && taxesOnlyGrow(model, site.dutyRule) ? taxShape(site.dutyRule, site.customsFrom) : undefined,
  };
}

/** A package's least base less rounding (half a unit unless prices are whole), split into its positive part and the rest. */
function rateBases(rates: Record<ShippingClass, Rate[]>, all: Rate[], whole: boolean): RateBases {
  const half = whole ? 0 : 0.5;
  const packet = leastBase(rates.packet) - half;
  const parcel = leastBase(rates.parcel) - half;
  const pallet = leastBase(rates.pallet) - half;
  const any = leastBase(all) - half;
  return {
    packageBase: [Math.max(0, packet), Math.max(0, parcel), Math.max(0, pallet)],
    unitSlack: [Math.min(0, packet), Math.min(0, parcel), Math.min(0, pallet)],
    perKg: [leastPerKg(rates.packet), leastPerKg(rates.parcel), leastPerKg(rates.pallet)],
    anyBase: Math.max(0, any),
    anyPerKg: leastPerKg(all),
    anyUnitSlack: Math.min(0, any),
  };
}

/** The least of the classes' lateness premiums over the classes that have rates (Infinity: none has). */
function lateFloorOf(rates: Record<ShippingClass, Rate[]>, late: number[]): number {
  let floor = Infinity;
  for (let i = 0; i < CLASSES.length; i++) if (rates[CLASSES[i] as ShippingClass].length > 0) floor = Math.min(floor, late[i] ?? 0);
  return floor;
}

/** Ways of counting lateness a lane remembers (ship-day offsets x promises x prices: few in practice). */
const MAX_LATE_MEMOS = 16;

function itemsWhole(model: RoutingModel): boolean {
  for (const i of model.items) if (!Number.isInteger(i.product?.weightKg ?? 0)) return false;
  return true;
}

/**
 * The lateness premiums of a site's rates, per class and over all: with whole-day transits they
 * depend only on how many days after the order the site ships, the promise and the price of a day
 * late, so the lane remembers them.
 */
function latesOf(model: RoutingModel, site: Site): LateMemo {
  const lane = site.lane;
  const perDay = model.options.costPerDayLate[model.req.serviceLevel];
  const promised = model.options.promisedDays[model.req.serviceLevel];
  const shiftMs = site.shipDay - model.orderDay;
  if (lane.wholeDays) for (const m of lane.lates) if (m.shiftMs === shiftMs && m.promised === promised && m.perDay === perDay) return m;
  const lateness = (r: Rate): number => lateDaysAt(model, site, r.transitDays) * perDay;
  const memo: LateMemo = {
    shiftMs,
    promised,
    perDay,
    late: CLASSES.map((c) => latePremium(site.rates[c], lateness)),
    lateAll: latePremium(lane.all, lateness),
  };
  if (lane.wholeDays && lane.lates.length < MAX_LATE_MEMOS) lane.lates.push(memo);
  return memo;
}

/**
 * Whether a shipment's taxes only grow as units join it (no negative value, rate or threshold),
 * which the bounds rely on. Otherwise they leave taxes out: with thresholds at or above zero a tax
 * is never negative.
 */
function taxesOnlyGrow(model: RoutingModel, rule: DutyRule): boolean {
  const rates = [rule.dutyRateBp, rule.vatRateBp, ...Object.values(rule.dutyRateBpByOrigin ?? {})];
  return model.items.every((i) => i.unitValue >= 0) && rates.every((r) => r >= 0) && rule.dutyDeMinimis >= 0 && rule.vatDeMinimis >= 0;
}

function leastBase(rates: Rate[]): number {
  let least = Infinity;
  for (const r of rates) least = Math.min(least, r.baseCost);
  return least;
}

function leastPerKg(rates: Rate[]): number {
  let least = Infinity;
  for (const r of rates) least = Math.min(least, r.perKg);
  return least;
}

/**
 * The least a package's rate adds over the class's least base and per kg, lateness included. A
 * package rides on the rate cheapest at its weight w (rounded prices), so rate r only where
 * (perKg_r - perKg_q) x w <= base_q - base_r + 1 for every other rate q; at the lightest such w it
 * costs (base_r - least base) + (perKg_r - least per kg) x w more, and is as late as it is.
 */
function latePremium(rates: Rate[], lateness: (r: Rate) => number): number {
  if (rates.length === 0) return 0;
  const base = leastBase(rates);
  const perKg = leastPerKg(rates);
  let best = Infinity;
  for (const r of rates) {
    let lo = 0;
    let hi = Infinity;
    for (const q of rates) {
      const slope = r.perKg - q.perKg;
      const room = q.baseCost - r.baseCost + 1;
      if (slope > 0) hi = Math.min(hi, room / slope);
      else if (slope < 0) lo = Math.max(lo, room / slope);
      else if (room < 0) hi = -Infinity;
    }
    if (lo <= hi) best = Math.min(best, r.baseCost - base + (r.perKg - perKg) * lo + lateness(r));
  }
  return Number.isFinite(best) ? best : 0;
}

function taxShape(rule: DutyRule, from: string): TaxShape {
  return {
    dutyBp: rule.dutyRateBpByOrigin?.[from] ?? rule.dutyRateBp,
    dutyDeMinimis: rule.dutyDeMinimis,
    vatBp: rule.vatRateBp,
    vatDeMinimis: rule.vatDeMinimis,
  };
}

/** Duty plus import VAT on a goods value, exactly as quoteDuties computes them. */
export function taxOn(t: TaxShape, value: number): number {
  const duty = value > t.dutyDeMinimis ? Math.floor((value * t.dutyBp) / 10_000) : 0;
  const vat = value > t.vatDeMinimis ? Math.floor(((value + duty) * t.vatBp) / 10_000) : 0;
  return duty + vat;
}
