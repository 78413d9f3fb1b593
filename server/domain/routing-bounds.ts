// What a shipment from a site costs at least, as numbers the exact search combines cheaply: the
// fixed part (handling, adjustment, split penalty), the lateness of the fastest rate, and per
// package class the least a package costs (base, per kg, lateness of its fastest rate). Every
// package rides on a serving rate of its class at round(base + per kg x weight) >= base - 0.5 +
// per kg x weight, and a class's packages hold at most its weight limit each.
import type { DutyRule } from './duties.ts';
import { lateDaysAt, type RoutingModel, type Site } from './routing-model.ts';
import type { Rate, ShippingClass } from './types.ts';

/** Package classes by index in the search's arrays. */
export const CLASSES: readonly ShippingClass[] = ['packet', 'parcel', 'pallet'];

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
  const all = [...site.rates.packet, ...site.rates.parcel, ...site.rates.pallet];
  const perDay = model.options.costPerDayLate[model.req.serviceLevel];
  const lateOf = (rates: Rate[]): number => latePremium(rates, (r) => lateDaysAt(model, site, r.transitDays) * perDay);
  const late = CLASSES.map((c) => lateOf(site.rates[c]));
  const custom = model.req.pack !== undefined;
  // Whole rates and unit weights make whole package prices, which round() leaves as they are.
  const whole = !custom && model.items.every((i) => Number.isInteger(i.product?.weightKg ?? 0)) && all.every(isWhole);
  const base = (rates: Rate[]) => leastBase(rates) - (whole ? 0 : 0.5);
  return {
    fixed: site.warehouse.handlingCost + site.adjustment + model.splitPenalty,
    lateFloor: custom ? lateOf(all) : Math.min(...CLASSES.flatMap((c, i) => (site.rates[c].length > 0 ? [late[i] ?? 0] : []))),
    packageBase: CLASSES.map((c) => Math.max(0, base(site.rates[c]))),
    unitSlack: CLASSES.map((c) => Math.min(0, base(site.rates[c]))),
    perKg: CLASSES.map((c) => Math.min(...site.rates[c].map((r) => r.perKg))),
    late,
    anyBase: Math.max(0, base(all)),
    anyPerKg: Math.min(...all.map((r) => r.perKg)),
    anyUnitSlack: Math.min(0, base(all)),
    taxes:
      site.crossesCustoms && site.dutyRule && taxesOnlyGrow(model, site.dutyRule) ? taxShape(site.dutyRule, site.customsFrom) : undefined,
  };
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

const leastBase = (rates: Rate[]): number => Math.min(...rates.map((r) => r.baseCost));
const isWhole = (r: Rate): boolean => Number.isInteger(r.baseCost) && Number.isInteger(r.perKg);

/**
 * The least a package's rate adds over the class's least base and per kg, lateness included. A
 * package rides on the rate cheapest at its weight w (rounded prices), so rate r only where
 * (perKg_r - perKg_q) x w <= base_q - base_r + 1 for every other rate q; at the lightest such w it
 * costs (base_r - least base) + (perKg_r - least per kg) x w more, and is as late as it is.
 */
function latePremium(rates: Rate[], lateness: (r: Rate) => number): number {
  if (rates.length === 0) return 0;
  const base = leastBase(rates);
  const perKg = Math.min(...rates.map((r) => r.perKg));
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
