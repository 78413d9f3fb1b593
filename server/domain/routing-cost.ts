// What one shipment costs: its contents packed by the request's packer, every package on its
// cheapest serving rate, handling, duties, lateness, look-ahead shortfall and score adjustment.
import { cheapestRate, type PackageQuote } from './costs.ts';
import { dutiesUnder } from './duties.ts';
import type { PackableLine } from './packing.ts';
import { contentKey, lateDaysAt, type RoutingModel, type Site } from './routing-model.ts';
import type { DutyDetail, Package, SkuQuantity } from './types.ts';

export interface ShipmentCost {
  site: Site;
  /** Units of each model item. */
  content: number[];
  packages: Package[];
  shipping: number;
  handling: number;
  duties: DutyDetail | undefined;
  dutyAmount: number;
  main: PackageQuote;
  transitDays: number;
  lateDays: number;
  lateness: number;
  lookahead: number;
  /** Shipping + handling + duties: what the merchant pays. */
  landed: number;
  /** landed + lateness + look-ahead + adjustment + split penalty: what the search minimises. */
  score: number;
}

/** Prices a shipment of `content` from a site; undefined when some package has no serving rate. */
export function priceShipment(model: RoutingModel, site: Site, content: number[]): ShipmentCost | undefined {
  const packages = packagesOf(model, site, content);
  let shipping = 0;
  let transitDays = 0;
  let main: PackageQuote | undefined;
  for (const pkg of packages) {
    const q = cheapestRate(site.rates[pkg.shippingClass], pkg.weightKg);
    if (!q) return undefined;
    shipping += q.price;
    transitDays = Math.max(transitDays, q.rate.transitDays);
    if (!main || q.price > main.price) main = q;
  }
  if (!main) return undefined;
  // quoteDuties with the lane's territories and rule (the same look-ups, done once per lane).
  const lane = site.lane;
  const duties = site.crossesCustoms
    ? dutiesUnder(lane.dutyRule, lane.customsFrom, lane.customsTo, model.req.country, goodsValue(model, content))
    : undefined;
  const dutyAmount = duties ? duties.duty + duties.vat : 0;
  const lateDays = lateDaysAt(model, site, transitDays);
  const lateness = lateDays * model.options.costPerDayLate[model.req.serviceLevel];
  const lookahead = shortfall(model, site, content) * model.options.lookahead.costPerUnitShort;
  const handling = site.warehouse.handlingCost;
  const landed = shipping + handling + dutyAmount;
  const score = landed + lateness + lookahead + site.adjustment + model.splitPenalty;
  return {
    site,
    content,
    packages,
    shipping,
    handling,
    duties,
    dutyAmount,
    main,
    transitDays,
    lateDays,
    lateness,
    lookahead,
    landed,
    score,
  };
}

/** The packages of a content at a site; the default packer's are the same at every site, so packed once. */
function packagesOf(model: RoutingModel, site: Site, content: number[]): Package[] {
  if (model.req.pack) return model.pack(site.warehouse, packableLines(model, content));
  const key = contentKey(model, content);
  let packages = model.packed.get(key);
  if (!packages) model.packed.set(key, (packages = model.pack(site.warehouse, packableLines(model, content))));
  return packages.slice();
}

/** The content as packer input: one line per SKU (items sharing a SKU merged). */
function packableLines(model: RoutingModel, content: number[]): PackableLine[] {
  const lines: PackableLine[] = [];
  for (let j = 0; j < content.length; j++) {
    const n = content[j] as number;
    const item = model.items[j];
    if (n <= 0 || !item?.product) continue;
    let same: PackableLine | undefined;
    for (const l of lines) if (l.sku === item.sku) same = same ?? l;
    if (same) same.quantity += n;
    else lines.push({ sku: item.sku, quantity: n, product: item.product });
  }
  return lines;
}

function goodsValue(model: RoutingModel, content: number[]): number {
  let value = 0;
  for (let j = 0; j < content.length; j++) value += (content[j] as number) * (model.items[j]?.unitValue ?? 0);
  return value;
}

/** Stock units a content consumes, per stock SKU (kits count their components). */
export function stockUse(model: RoutingModel, content: number[]): Map<string, number> {
  const use = new Map<string, number>();
  content.forEach((n, j) => {
    if (n <= 0) return;
    for (const u of model.items[j]?.uses ?? []) use.set(u.sku, (use.get(u.sku) ?? 0) + n * u.quantity);
  });
  return use;
}

/** Units taken out of the site's look-ahead reserve. */
function shortfall(model: RoutingModel, site: Site, content: number[]): number {
  if (!site.free) return 0;
  let units = 0;
  for (const [sku, used] of stockUse(model, content)) {
    const free = site.free.get(sku);
    if (free !== undefined) units += Math.max(0, used - free);
  }
  return units;
}

/** Whether a content fits the site's stock when items share stock SKUs. */
export function fitsStock(model: RoutingModel, site: Site, content: number[]): boolean {
  if (!model.coupled) return true;
  for (const [sku, used] of stockUse(model, content)) if (used > Math.max(0, site.stock?.get(sku) ?? 0)) return false;
  return true;
}

/** Lines of a content, merged per SKU, in item order. */
export function contentLines(model: RoutingModel, content: number[], key: 'lines' | 'reservations'): SkuQuantity[] {
  const totals = new Map<string, number>();
  for (let j = 0; j < content.length; j++) {
    const n = content[j] as number;
    const item = model.items[j];
    if (n <= 0 || !item) continue;
    if (key === 'lines') totals.set(item.sku, (totals.get(item.sku) ?? 0) + n);
    else for (const p of item.uses) totals.set(p.sku, (totals.get(p.sku) ?? 0) + n * p.quantity);
  }
  const lines: SkuQuantity[] = [];
  for (const [sku, quantity] of totals) lines.push({ sku, quantity });
  return lines;
}
