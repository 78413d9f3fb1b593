// Routing's view of one request: the items to place, and per warehouse what it may ship of each
// (and why not), what a shipment from it costs at least, and the facts its shipments are priced on.
import { DAY_MS } from './costs.ts';
import type { DutyRule } from './duties.ts';
import { expandKits, kitComponents, type RoutingItem } from './kits.ts';
import { packByClass } from './packing.ts';
import { siteShape, type SiteShape } from './routing-bounds.ts';
import { laneOf, type Lane } from './routing-lanes.ts';
import { resolveRoutingOptions, type RoutingOptions } from './routing-options.ts';
import type { Packer, RoutingRequest } from './routing-types.ts';
import type { CandidateTrace, Package, Product, Rate, ShippingClass, Warehouse } from './types.ts';

export interface Site {
  warehouse: Warehouse;
  /** Position in the request's warehouses (and the model's sites). */
  index: number;
  trace: CandidateTrace;
  /** Units of each item this warehouse can ship on its own stock (0: it cannot ship the item). */
  cap: number[];
  stock: ReadonlyMap<string, number> | undefined;
  adjustment: number;
  preferred: boolean;
  /** The flag fulfillments carry: origin and destination countries differ. */
  crossBorder: boolean;
  customsFrom: string;
  /** The destination's duty rule when a shipment from here crosses a customs border. */
  dutyRule: DutyRule | undefined;
  crossesCustoms: boolean;
  /** Rates serving the destination at the service level, by the class of package they carry. */
  rates: Record<ShippingClass, Rate[]>;
  shipDay: number;
  /** Look-ahead: units of a stock SKU an order may take before it eats the local reserve. */
  free: Map<string, number> | undefined;
  /** What its shipments cost at least (eligible sites only). */
  shape: SiteShape | undefined;
  /** The warehouse's order-independent facts for the request's destination and service level. */
  lane: Lane;
}

export interface RoutingModel {
  req: RoutingRequest;
  options: RoutingOptions;
  items: RoutingItem[];
  /** Every warehouse of the request, in its order. */
  sites: Site[];
  /** Whether some stock SKU is consumed by two items (a kit and its component ordered alone). */
  coupled: boolean;
  pack: Packer;
  /** The default packer's packages per content (it packs a content the same way at every warehouse). */
  packed: Map<number | string, Package[]>;
  orderDay: number;
  /** Hour of day (UTC) the order was placed, against warehouses' cut-offs. */
  placedHour: number;
  splitPenalty: number;
}

const defaultPack: Packer = (_w, lines) => packByClass(lines);

/** Builds the model of a request: items, and each warehouse's eligibility, capacity and bounds. */
export function buildModel(req: RoutingRequest): RoutingModel {
  const options = resolveRoutingOptions(req.options);
  const items = expandKits(req.lines, req.products, { allowKitSplit: req.constraints.allowKitSplit, unitPrices: req.unitPrices });
  const users = new Map<string, number>();
  for (const item of items) for (const u of item.uses) users.set(u.sku, (users.get(u.sku) ?? 0) + 1);
  const model: RoutingModel = {
    req,
    options,
    items,
    sites: [],
    coupled: [...users.values()].some((n) => n > 1),
    pack: req.pack ?? defaultPack,
    packed: new Map(),
    orderDay: 0,
    placedHour: 0,
    splitPenalty: options.splitPenalty,
  };
  // orderDayMs and the hour of day from one parse of the timestamp.
  const placed = new Date(req.placedAt);
  model.orderDay = Date.UTC(placed.getUTCFullYear(), placed.getUTCMonth(), placed.getUTCDate());
  model.placedHour = placed.getUTCHours() + placed.getUTCMinutes() / 60;
  model.sites = req.warehouses.map((w, i) => assessSite(model, w, i));
  return model;
}

function assessSite(model: RoutingModel, warehouse: Warehouse, index: number): Site {
  const { req, options } = model;
  const id = warehouse.id;
  const lane = laneOf(warehouse, req.country, req.serviceLevel, options.duties);
  const reasons: string[] = [];
  const barred = addBars(req, warehouse, reasons);
  const stock = req.stock.get(id);
  const rates = lane.rates;
  const items = model.items;
  const cap = new Array<number>(items.length);
  let coverableUnits = 0;
  for (let j = 0; j < items.length; j++) {
    const item = items[j] as RoutingItem;
    const why = item.product ? whyCannotShip(warehouse, item.product, rates, req) : `unknown product ${item.sku}`;
    const available = unitsInStock(item.uses, stock);
    if (why) reasons.push(why);
    else if (available <= 0) reasons.push(`no stock of ${whatOf(item)}`);
    else if (available < item.quantity) reasons.push(`only ${available} of ${item.quantity} ${whatOf(item)}`);
    const n = barred || why ? 0 : Math.max(0, Math.min(available, item.quantity));
    cap[j] = n;
    coverableUnits += n;
  }
  const eligible = !barred && coverableUnits > 0;
  const site: Site = {
    warehouse,
    index,
    trace: { warehouseId: id, eligible, reasons, coverableUnits, outcome: eligible ? 'lost' : 'ineligible' },
    cap,
    stock,
    adjustment: req.constraints.scoreAdjustments[id] ?? 0,
    preferred: req.constraints.preferredWarehouses.includes(id),
    crossBorder: warehouse.country !== req.country,
    customsFrom: lane.customsFrom,
    crossesCustoms: lane.crossesCustoms,
    dutyRule: lane.dutyRule,
    rates,
    shipDay: model.orderDay + (model.placedHour >= warehouse.cutoffHour ? DAY_MS : 0),
    free: eligible ? freeUnits(model, warehouse, stock) : undefined,
    shape: undefined,
    lane,
  };
  // Only eligible sites are searched, so only they need bounds.
  if (eligible) site.shape = siteShape(model, site);
  return site;
}

const whatOf = (item: RoutingItem): string =>
  item.uses.length === 1 && item.uses[0]?.sku === item.sku ? item.sku : `${item.sku} (from its components)`;

/** Adds what excludes a warehouse outright to `reasons`; per-item reasons only limit what it can ship. Whether any did. */
function addBars(req: RoutingRequest, warehouse: Warehouse, reasons: string[]): boolean {
  const k = req.constraints;
  const id = warehouse.id;
  if (k.allowedWarehouses && !k.allowedWarehouses.includes(id)) reasons.push('not among the warehouses a policy allows');
  if (k.excludedWarehouses.length > 0 && k.excludedWarehouses.includes(id)) reasons.push('excluded by a policy');
  if (k.scoreAdjustments[id] === null) reasons.push('vetoed by a scoring macro');
  if (k.forbidCrossBorder && warehouse.country !== req.country)
    reasons.push(`cross-border (${warehouse.country} to ${req.country}) is forbidden`);
  return reasons.length > 0;
}

function unitsInStock(uses: { sku: string; quantity: number }[], stock: ReadonlyMap<string, number> | undefined): number {
  let n = Infinity;
  for (const u of uses) n = Math.min(n, Math.floor(Math.max(0, stock?.get(u.sku) ?? 0) / u.quantity));
  return n;
}

/** Why a warehouse cannot ship a product at all (a kit also needs what its components need). */
function whyCannotShip(w: Warehouse, p: Product, rates: Record<ShippingClass, Rate[]>, req: RoutingRequest): string | undefined {
  if (!w.capabilities.includes(p.shippingClass)) return `cannot handle ${p.shippingClass} goods (${p.sku})`;
  const parts = p.kit ? kitParts(p, req) : NO_PARTS;
  if ((p.liquid || parts.some(isLiquid)) && !w.capabilities.includes('liquids')) return `cannot ship liquids (${p.sku})`;
  if ((p.hazardous || parts.some(isHazardous)) && !w.capabilities.includes('hazmat')) return `cannot ship hazardous goods (${p.sku})`;
  if (rates[p.shippingClass].length === 0) return `no ${req.serviceLevel} ${p.shippingClass} rate to ${req.country}`;
  return undefined;
}

const NO_PARTS: Product[] = [];
const kitParts = (p: Product, req: RoutingRequest): Product[] =>
  (kitComponents(p) ?? []).map((c) => req.products.get(c.sku)).filter((c): c is Product => c !== undefined);
const isLiquid = (p: Product): boolean => p.liquid;
const isHazardous = (p: Product): boolean => p.hazardous;

function freeUnits(model: RoutingModel, w: Warehouse, stock: ReadonlyMap<string, number> | undefined): Map<string, number> | undefined {
  const demand = model.req.demand?.[w.id];
  if (!demand) return undefined;
  const { horizonDays } = model.options.lookahead;
  const free = new Map<string, number>();
  for (const [sku, perDay] of Object.entries(demand)) {
    const reserve = Math.ceil(perDay * horizonDays - 1e-9);
    free.set(sku, Math.max(0, Math.max(0, stock?.get(sku) ?? 0) - Math.max(0, reserve)));
  }
  return free;
}

/** A number (or, for very large orders, a string) naming a content vector, unique within the model. */
export function contentKey(model: RoutingModel, content: readonly number[]): number | string {
  let key = 0;
  let radix = 1;
  for (let j = 0; j < content.length; j++) {
    key += (content[j] ?? 0) * radix;
    radix *= (model.items[j]?.quantity ?? 0) + 1;
  }
  return radix < Number.MAX_SAFE_INTEGER ? key : content.join(',');
}

/** Days late of a shipment from this site taking `transitDays`. */
export function lateDaysAt(model: RoutingModel, site: Site, transitDays: number): number {
  const days = Math.round((site.shipDay + transitDays * 86_400_000 - model.orderDay) / 86_400_000);
  return Math.max(0, days - model.options.promisedDays[model.req.serviceLevel]);
}
