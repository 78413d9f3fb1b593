// Routing v1: which warehouses ship which units of an order. One shipment when any warehouse can
// fill the whole order (cheapest wins, preferred warehouses first); otherwise split greedily,
// largest coverage first; backorder what nobody can ship. Every candidate is explained in the trace.
import { quoteShipment, rateServes, type ShipmentQuote } from './costs.ts';
import { packByClass, type PackableLine } from './packing.ts';
import type {
  CandidateTrace,
  Package,
  Product,
  RoutingConstraints,
  RoutingTrace,
  ServiceLevel,
  SkuQuantity,
  Warehouse,
} from './types.ts';

/** Available units per warehouse and SKU at the moment of routing. */
export type StockView = ReadonlyMap<string, ReadonlyMap<string, number>>;

export type Packer = (warehouse: Warehouse, lines: PackableLine[]) => Package[];

export interface RoutingRequest {
  /** Units to place, one entry per SKU. */
  lines: SkuQuantity[];
  country: string;
  serviceLevel: ServiceLevel;
  placedAt: string;
  products: ReadonlyMap<string, Product>;
  warehouses: Warehouse[];
  stock: StockView;
  constraints: RoutingConstraints;
  pack?: Packer | undefined;
}

export interface PlannedShipment {
  warehouseId: string;
  lines: SkuQuantity[];
  quote: ShipmentQuote;
  crossBorder: boolean;
}

export interface RoutingPlan {
  shipments: PlannedShipment[];
  backordered: SkuQuantity[];
  trace: RoutingTrace;
}

export const NO_CONSTRAINTS: RoutingConstraints = {
  allowedWarehouses: null,
  excludedWarehouses: [],
  preferredWarehouses: [],
  forbidSplit: false,
  forbidCrossBorder: false,
  scoreAdjustments: {},
};

interface Candidate {
  warehouse: Warehouse;
  trace: CandidateTrace;
  /** Units of each SKU this warehouse can ship now (0 when it cannot handle the SKU). */
  shippable: Map<string, number>;
  adjustment: number;
  preferred: boolean;
}

/** Plans the shipments for an order. Pure: same request, same plan. */
export function routeOrder(req: RoutingRequest): RoutingPlan {
  const candidates = req.warehouses.map((w) => assessWarehouse(req, w));
  const notes: string[] = [];
  const totalUnits = sumUnits(req.lines);
  const eligible = candidates.filter((c) => c.trace.eligible);

  const singles = eligible
    .filter((c) => c.trace.coverableUnits === totalUnits)
    .map((c) => ({ c, quote: quoteFor(req, c, req.lines) }))
    .filter((x): x is { c: Candidate; quote: ShipmentQuote } => x.quote !== undefined);
  for (const { c, quote } of singles) describeQuote(c, quote);

  if (singles.length > 0) {
    const best = pickBest(singles);
    notes.push(`${singles.length} warehouse(s) can ship the whole order; ${best.c.warehouse.id} is the best single shipment`);
    return finish(candidates, [shipment(req, best.c, req.lines, best.quote)], [], 'single', notes);
  }
  for (const c of eligible) {
    const part = coverable(c, req.lines);
    const quote = part.length > 0 ? quoteFor(req, c, part) : undefined;
    if (quote) describeQuote(c, quote);
  }
  if (req.constraints.forbidSplit) {
    notes.push('no single warehouse can ship every unit and splitting is forbidden: the order is backordered');
    return finish(candidates, [], req.lines, 'none', notes);
  }
  return splitGreedily(req, candidates, eligible, notes);
}

function splitGreedily(req: RoutingRequest, all: Candidate[], eligible: Candidate[], notes: string[]): RoutingPlan {
  let remaining = req.lines.map((l) => ({ ...l }));
  const shipments: PlannedShipment[] = [];
  const used = new Set<string>();
  for (;;) {
    const options = eligible
      .filter((c) => !used.has(c.warehouse.id))
      .map((c) => ({ c, part: coverable(c, remaining) }))
      .filter((x) => x.part.length > 0)
      .map((x) => ({ ...x, units: sumUnits(x.part), quote: quoteFor(req, x.c, x.part) }))
      .filter((x): x is typeof x & { quote: ShipmentQuote } => x.quote !== undefined);
    if (options.length === 0) break;
    const maxUnits = Math.max(...options.map((o) => o.units));
    const best = pickBest(options.filter((o) => o.units === maxUnits));
    shipments.push(shipment(req, best.c, best.part, best.quote));
    used.add(best.c.warehouse.id);
    notes.push(`${best.c.warehouse.id} ships ${best.units} unit(s), the most any remaining warehouse can`);
    remaining = subtract(remaining, best.part);
    if (remaining.length === 0) break;
  }
  if (remaining.length > 0) {
    notes.push(`${sumUnits(remaining)} unit(s) have no eligible stock and are backordered`);
  }
  const strategy = shipments.length === 0 ? 'none' : 'split';
  return finish(all, shipments, remaining, strategy, notes);
}

/** Why a warehouse can or cannot take part, and how many units of each SKU it could ship. */
function assessWarehouse(req: RoutingRequest, warehouse: Warehouse): Candidate {
  const { constraints: k } = req;
  const id = warehouse.id;
  // Bars exclude the warehouse outright; the per-SKU reasons below only limit what it can ship.
  const bars: string[] = [];
  if (k.allowedWarehouses && !k.allowedWarehouses.includes(id)) bars.push('not among the warehouses a policy allows');
  if (k.excludedWarehouses.includes(id)) bars.push('excluded by a policy');
  if (k.scoreAdjustments[id] === null) bars.push('vetoed by a scoring macro');
  if (k.forbidCrossBorder && warehouse.country !== req.country) bars.push(`cross-border (${warehouse.country} to ${req.country}) is forbidden`);
  const reasons = [...bars];
  const shippable = new Map<string, number>();
  for (const line of req.lines) {
    const product = req.products.get(line.sku);
    const why = product ? whyCannotShip(warehouse, product, req) : `unknown product ${line.sku}`;
    const stock = req.stock.get(id)?.get(line.sku) ?? 0;
    if (why) reasons.push(why);
    else if (stock <= 0) reasons.push(`no stock of ${line.sku}`);
    else if (stock < line.quantity) reasons.push(`only ${stock} of ${line.quantity} ${line.sku}`);
    shippable.set(line.sku, why ? 0 : Math.max(0, Math.min(stock, line.quantity)));
  }
  const coverableUnits = [...shippable.values()].reduce((a, b) => a + b, 0);
  const eligible = bars.length === 0 && coverableUnits > 0;
  return {
    warehouse,
    shippable,
    adjustment: k.scoreAdjustments[id] ?? 0,
    preferred: k.preferredWarehouses.includes(id),
    trace: { warehouseId: id, eligible, reasons, coverableUnits, outcome: eligible ? 'lost' : 'ineligible' },
  };
}

function whyCannotShip(w: Warehouse, p: Product, req: RoutingRequest): string | undefined {
  if (!w.capabilities.includes(p.shippingClass)) return `cannot handle ${p.shippingClass} goods (${p.sku})`;
  if (p.liquid && !w.capabilities.includes('liquids')) return `cannot ship liquids (${p.sku})`;
  if (p.hazardous && !w.capabilities.includes('hazmat')) return `cannot ship hazardous goods (${p.sku})`;
  const hasRate = w.rates.some((r) => r.shippingClass === p.shippingClass && rateServes(r, req.country, req.serviceLevel));
  if (!hasRate) return `no ${req.serviceLevel} ${p.shippingClass} rate to ${req.country}`;
  return undefined;
}

function coverable(c: Candidate, lines: SkuQuantity[]): SkuQuantity[] {
  return lines
    .map((l) => ({ sku: l.sku, quantity: Math.min(l.quantity, c.shippable.get(l.sku) ?? 0) }))
    .filter((l) => l.quantity > 0);
}

function quoteFor(req: RoutingRequest, c: Candidate, lines: SkuQuantity[]): ShipmentQuote | undefined {
  const packable = lines.map((l) => ({ ...l, product: req.products.get(l.sku) as Product }));
  const packages = (req.pack ?? ((_w, ls) => packByClass(ls)))(c.warehouse, packable);
  const result = quoteShipment({ warehouse: c.warehouse, packages, country: req.country, serviceLevel: req.serviceLevel, placedAt: req.placedAt });
  if (!result.ok) c.trace.reasons.push(result.reason);
  return result.ok ? result.quote : undefined;
}

/** Preferred warehouses first, then the lowest cost after score adjustments, then the earliest delivery, then id. */
function pickBest<T extends { c: Candidate; quote: ShipmentQuote }>(options: T[]): T {
  const rank = (o: T) => o.quote.cost.total + o.c.adjustment;
  return [...options].sort(
    (a, b) =>
      Number(b.c.preferred) - Number(a.c.preferred) ||
      rank(a) - rank(b) ||
      a.quote.eta.localeCompare(b.quote.eta) ||
      a.c.warehouse.id.localeCompare(b.c.warehouse.id),
  )[0] as T;
}

function describeQuote(c: Candidate, quote: ShipmentQuote): void {
  c.trace.cost = quote.cost;
  c.trace.eta = quote.eta;
  if (c.adjustment !== 0) c.trace.adjustment = c.adjustment;
}

function shipment(req: RoutingRequest, c: Candidate, lines: SkuQuantity[], quote: ShipmentQuote): PlannedShipment {
  c.trace.outcome = 'chosen';
  describeQuote(c, quote);
  return { warehouseId: c.warehouse.id, lines, quote, crossBorder: c.warehouse.country !== req.country };
}

function finish(
  candidates: Candidate[],
  shipments: PlannedShipment[],
  backordered: SkuQuantity[],
  strategy: RoutingTrace['strategy'],
  notes: string[],
): RoutingPlan {
  return { shipments, backordered, trace: { strategy, candidates: candidates.map((c) => c.trace), notes } };
}

function subtract(lines: SkuQuantity[], taken: SkuQuantity[]): SkuQuantity[] {
  return lines
    .map((l) => ({ sku: l.sku, quantity: l.quantity - (taken.find((t) => t.sku === l.sku)?.quantity ?? 0) }))
    .filter((l) => l.quantity > 0);
}

export const sumUnits = (lines: SkuQuantity[]): number => lines.reduce((n, l) => n + l.quantity, 0);
