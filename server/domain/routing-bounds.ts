// Lower bounds on what a shipment from a site can cost, which the exact search prunes with.
// Two forms, each valid alone, that trade a per-shipment part for a per-unit part: the search
// takes the larger. Both rest on: every unit rides in a package of a class it may use, at a
// serving rate (price >= base + per-kg x weight, less half a unit of rounding); a shipment has
// its handling, adjustment and split penalty, and arrives no sooner than its fastest rate.
import { PACKAGE_WEIGHT_LIMIT_KG } from './packing.ts';
import { lateDaysAt, type RoutingModel, type Site, type SiteBound } from './routing-model.ts';
import type { Rate, ShippingClass } from './types.ts';

/**
 * [per shipment, per unit] bounds. The first charges one package's base per shipment and taxes
 * due from the first unit (rate x value, less a unit of rounding down). The second charges each
 * unit its share of packages (weight / class limit, at most one package), and every tax as
 * rate x value less rate x de-minimis (true below the threshold too), which suits heavy or
 * valuable shipments.
 */
export function siteBounds(model: RoutingModel, site: Site): SiteBound[] {
  const all = [...site.rates.packet, ...site.rates.parcel, ...site.rates.pallet];
  const minBase = Math.min(...all.map((r) => r.baseCost));
  const fastest = Math.min(...all.map((r) => r.transitDays));
  const late = Number.isFinite(fastest) ? lateDaysAt(model, site, fastest) * model.options.costPerDayLate[model.req.serviceLevel] : 0;
  const common = site.warehouse.handlingCost + site.adjustment + model.splitPenalty + late;
  const taxes = taxBounds(site);
  const weightCost = model.items.map((item) => {
    const perKg = Math.min(...classesOf(model, item.product?.shippingClass).map((c) => minOf(site.rates[c], (r) => r.perKg)));
    return finite(perKg * (item.product?.weightKg ?? 0));
  });
  const halfRound = minBase >= 1 ? 0 : 0.5;
  const look = lookaheadBounds(model, site);
  const firstUnit: SiteBound = {
    fixed: common + (minBase >= 1 ? minBase - 0.5 : 0) - taxes.fromFirstSlack,
    unit: model.items.map((item, j) => (weightCost[j] ?? 0) + (item.unitValue * taxes.fromFirstBp) / 10_000 - halfRound + (look[j] ?? 0)),
  };
  const shared: SiteBound = {
    fixed: common - taxes.linearSlack,
    unit: model.items.map(
      (item, j) =>
        (weightCost[j] ?? 0) +
        packageShare(model, site, item.product?.weightKg ?? 0, item.product?.shippingClass) +
        (item.unitValue * taxes.linearBp) / 10_000 -
        0.5 +
        (look[j] ?? 0),
    ),
  };
  return [firstUnit, shared];
}

/** Look-ahead cost per unit: the full price for each stock SKU the site has none to spare of. */
function lookaheadBounds(model: RoutingModel, site: Site): number[] {
  const free = site.free;
  const price = model.options.lookahead.costPerUnitShort;
  if (!free) return [];
  return model.items.map((i) => i.uses.reduce((n, u) => n + (free.has(u.sku) && (free.get(u.sku) ?? 0) <= 0 ? u.quantity * price : 0), 0));
}

/** Classes a unit may be packed in: its own; a packet may ride in a parcel; any with a custom packer. */
function classesOf(model: RoutingModel, cls: ShippingClass | undefined): ShippingClass[] {
  if (!cls) return [];
  if (model.req.pack) return ['packet', 'parcel', 'pallet'];
  return cls === 'packet' ? ['packet', 'parcel'] : [cls];
}

/** Least base cost of the packages a unit fills: min over its classes of base x min(1, weight / limit). */
function packageShare(model: RoutingModel, site: Site, weightKg: number, cls: ShippingClass | undefined): number {
  if (model.req.pack || !cls) return 0;
  const shares = classesOf(model, cls).map(
    (c) => minOf(site.rates[c], (r) => r.baseCost) * Math.min(1, weightKg / PACKAGE_WEIGHT_LIMIT_KG[c]),
  );
  return finite(Math.min(...shares));
}

/**
 * Tax bounds. From the first unit: the rates (bp) due from the first unit of value, less a unit of
 * rounding down each. Linear: every rate, less rate x de-minimis and the rounding, which holds
 * above the threshold (floor(rate x value) > rate x value - 1) and below it (0 >= rate x (value - threshold)).
 */
function taxBounds(site: Site): { fromFirstBp: number; fromFirstSlack: number; linearBp: number; linearSlack: number } {
  const rule = site.dutyRule;
  if (!rule) return { fromFirstBp: 0, fromFirstSlack: 0, linearBp: 0, linearSlack: 0 };
  const duty = rule.dutyRateBpByOrigin?.[site.customsFrom] ?? rule.dutyRateBp;
  const vat = rule.vatRateBp;
  const dutyFirst = rule.dutyDeMinimis <= 0 && duty > 0;
  const vatFirst = rule.vatDeMinimis <= 0 && vat > 0;
  return {
    fromFirstBp: (dutyFirst ? duty : 0) + (vatFirst ? vat : 0),
    fromFirstSlack: (dutyFirst ? 1 : 0) + (vatFirst ? 1 : 0),
    linearBp: duty + vat,
    linearSlack: (duty > 0 ? 1 : 0) + (vat > 0 ? 1 : 0) + (duty * rule.dutyDeMinimis + vat * rule.vatDeMinimis) / 10_000,
  };
}

const minOf = (rates: Rate[], f: (r: Rate) => number): number => Math.min(...rates.map(f));
const finite = (n: number): number => (Number.isFinite(n) ? n : 0);
