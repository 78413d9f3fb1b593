// The routing problem as a mixed-integer programme, written independently of the optimiser from the
// request itself, for HiGHS to solve as the oracle. Exact for cases from generate.ts (see there):
// a class's packages are ceil(weight / limit) via integer counts, packets ride in parcels when a
// parcel is present (binary switch), one dominant rate per class, duties with de-minimis switches
// and round-down integers, lateness as the max over classes present, look-ahead shortfall as a
// convex penalty. Ranking is solved lexicographically: units shipped, then only-preferred, then cost.
import { customsTerritoryOf, dutyRateFrom, dutyRuleFor } from '../../server/domain/duties.ts';
import { daysLate, rateServes, shipDayMs } from '../../server/domain/costs.ts';
import { expandKits, kitComponents } from '../../server/domain/kits.ts';
import { PACKAGE_WEIGHT_LIMIT_KG } from '../../server/domain/packing.ts';
import { resolveRoutingOptions } from '../../server/domain/routing-options.ts';
import type { RoutingRequest } from '../../server/domain/routing-types.ts';
import type { Product, Rate, ShippingClass, Warehouse } from '../../server/domain/types.ts';
import { LpModel, type Term } from './lp.ts';

export interface MilpInstance {
  /** The model with every constraint; objectives are chosen per phase. */
  model: LpModel;
  shipped: Term[];
  nonPreferred: Term[];
  cost: Term[];
  /** Constant added to `cost` once something ships (the first shipment's split penalty back). */
  firstShipmentCredit: number;
  totalUnits: number;
  /** The most units that can ship when no two items share a stock SKU (undefined when they do). */
  unitsIfUnshared: number | undefined;
}

const CLASSES: ShippingClass[] = ['packet', 'parcel', 'pallet'];

/** Builds the MILP of a routing request; without `costs` only what decides units and warehouses. */
export function buildMilp(req: RoutingRequest, costs = true): MilpInstance {
  const options = resolveRoutingOptions(req.options);
  const items = expandKits(req.lines, req.products, { allowKitSplit: req.constraints.allowKitSplit, unitPrices: req.unitPrices });
  const m = new LpModel();
  const shipped: Term[] = [];
  const cost: Term[] = [];
  const used: string[] = [];
  const nonPreferredUse: string[] = [];
  const perItem: Term[][] = items.map(() => []);
  const capacity = items.map(() => 0);
  const totalUnits = items.reduce((n, i) => n + i.quantity, 0);
  req.warehouses.forEach((w, wi) => {
    const u = warehouseRows({ m, req, w, wi, items, costs, options, perItem, capacity, shipped, cost });
    if (!u) return;
    used.push(u);
    if (req.constraints.preferredWarehouses.length > 0 && !req.constraints.preferredWarehouses.includes(w.id)) nonPreferredUse.push(u);
  });
  items.forEach((item, j) => m.constrain(perItem[j] ?? [], '<=', item.quantity));
  if (req.constraints.forbidSplit) {
    m.constrain(
      used.map((u): Term => [1, u]),
      '<=',
      1,
    );
    m.constrain([...shipped, ...used.map((u): Term => [-totalUnits, u])], '=', 0);
  }
  const nonPreferred: Term[] = [];
  if (nonPreferredUse.length > 0) {
    const o = m.variable('only_not_preferred', 'binary');
    for (const u of nonPreferredUse)
      m.constrain(
        [
          [1, o],
          [-1, u],
        ],
        '>=',
        0,
      );
    nonPreferred.push([1, o]);
  }
  const stockSkus = items.flatMap((i) => i.uses.map((u) => u.sku));
  const shared = new Set(stockSkus).size < stockSkus.length;
  const unitsIfUnshared =
    shared || req.constraints.forbidSplit ? undefined : items.reduce((n, item, j) => n + Math.min(item.quantity, capacity[j] ?? 0), 0);
  return { model: m, shipped, nonPreferred, cost, firstShipmentCredit: -options.splitPenalty, totalUnits, unitsIfUnshared };
}

interface WarehouseRows {
  m: LpModel;
  req: RoutingRequest;
  w: Warehouse;
  wi: number;
  items: Items;
  costs: boolean;
  options: ReturnType<typeof resolveRoutingOptions>;
  perItem: Term[][];
  capacity: number[];
  shipped: Term[];
  cost: Term[];
}

/** One warehouse's variables and rows; returns its "used" binary, or undefined when it ships nothing. */
function warehouseRows(r: WarehouseRows): string | undefined {
  const { m, req, w, wi, items } = r;
  if (barred(req, w)) return undefined;
  const rate = dominantRates(w, req);
  const x = items.map((item, j) =>
    canShip(req, w, item.product, rate) ? m.variable(`x_${wi}_${j}`, 'integer', 0, item.quantity) : undefined,
  );
  if (x.every((v) => v === undefined)) return undefined;
  const u = m.variable(`u_${wi}`, 'binary');
  m.constrain([[1, u], ...x.flatMap((v): Term[] => (v ? [[-1, v]] : []))], '<=', 0);
  x.forEach((v, j) => {
    if (!v) return;
    const item = items[j] as Items[number];
    m.constrain(
      [
        [1, v],
        [-item.quantity, u],
      ],
      '<=',
      0,
    );
    r.perItem[j]?.push([1, v]);
    r.shipped.push([1, v]);
    r.capacity[j] =
      (r.capacity[j] ?? 0) +
      Math.min(...item.uses.map((use) => Math.floor(Math.max(0, req.stock.get(w.id)?.get(use.sku) ?? 0) / use.quantity)));
  });
  stockRows(m, req, w, items, x);
  if (!r.costs) return u;
  r.cost.push([w.handlingCost + (req.constraints.scoreAdjustments[w.id] ?? 0) + r.options.splitPenalty, u]);
  r.cost.push(...shippingTerms(m, req, wi, u, items, x, rate, r.options));
  r.cost.push(...dutyTerms(m, req, w, wi, items, x, r.options));
  r.cost.push(...lookaheadTerms(m, req, w, wi, items, x, r.options));
  return u;
}

function barred(req: RoutingRequest, w: Warehouse): boolean {
  const k = req.constraints;
  return (
    (k.allowedWarehouses !== null && !k.allowedWarehouses.includes(w.id)) ||
    k.excludedWarehouses.includes(w.id) ||
    k.scoreAdjustments[w.id] === null ||
    (k.forbidCrossBorder && w.country !== req.country)
  );
}

/** The cheapest serving rate per class, which generate.ts makes the cheapest at every weight. */
function dominantRates(w: Warehouse, req: RoutingRequest): Partial<Record<ShippingClass, Rate>> {
  const out: Partial<Record<ShippingClass, Rate>> = {};
  for (const cls of CLASSES) {
    const serving = w.rates.filter((r) => r.shippingClass === cls && rateServes(r, req.country, req.serviceLevel));
    const best = serving.reduce<Rate | undefined>((b, r) => (!b || r.baseCost < b.baseCost ? r : b), undefined);
    if (best && serving.some((r) => r.perKg < best.perKg)) throw new Error(`no dominant ${cls} rate at ${w.id}`);
    if (best) out[cls] = best;
  }
  return out;
}

function canShip(req: RoutingRequest, w: Warehouse, p: Product | undefined, rate: Partial<Record<ShippingClass, Rate>>): boolean {
  if (!p) return false;
  const parts = (kitComponents(p) ?? []).map((c) => req.products.get(c.sku));
  const liquid = p.liquid || parts.some((c) => c?.liquid);
  const hazardous = p.hazardous || parts.some((c) => c?.hazardous);
  return (
    w.capabilities.includes(p.shippingClass) &&
    (!liquid || w.capabilities.includes('liquids')) &&
    (!hazardous || w.capabilities.includes('hazmat')) &&
    rate[p.shippingClass] !== undefined
  );
}

type Items = ReturnType<typeof expandKits>;
type Vars = (string | undefined)[];

function stockRows(m: LpModel, req: RoutingRequest, w: Warehouse, items: Items, x: Vars): void {
  const bySku = new Map<string, Term[]>();
  items.forEach((item, j) => {
    const v = x[j];
    if (!v) return;
    for (const use of item.uses) bySku.set(use.sku, [...(bySku.get(use.sku) ?? []), [use.quantity, v]]);
  });
  for (const [sku, terms] of bySku) m.constrain(terms, '<=', Math.max(0, req.stock.get(w.id)?.get(sku) ?? 0));
}

/** Packages per class (ceil of weight over limit), packets switching to parcels, and lateness. */
function shippingTerms(
  m: LpModel,
  req: RoutingRequest,
  wi: number,
  u: string,
  items: Items,
  x: Vars,
  rate: Partial<Record<ShippingClass, Rate>>,
  options: ReturnType<typeof resolveRoutingOptions>,
): Term[] {
  const of = (cls: ShippingClass, f: (item: Items[number]) => number): Term[] =>
    items.flatMap((item, j): Term[] => (x[j] && item.product?.shippingClass === cls ? [[f(item), x[j] as string]] : []));
  const most = (cls: ShippingClass, f: (item: Items[number]) => number) =>
    items.reduce((n, item, j) => n + (x[j] && item.product?.shippingClass === cls ? item.quantity * f(item) : 0), 0);
  const weight = (item: Items[number]) => item.product?.weightKg ?? 0;
  const classWeight: Record<ShippingClass, Term[]> = {
    packet: of('packet', weight),
    parcel: of('parcel', weight),
    pallet: of('pallet', weight),
  };
  const parcelUnits = of('parcel', () => 1);
  if (classWeight.packet.length > 0 && parcelUnits.length > 0) {
    // z = 1 when a parcel is in the shipment: the packets' weight then rides in parcels.
    const z = m.variable(`z_${wi}`, 'binary');
    const asPackets = m.variable(`a_${wi}`, 'continuous');
    const inParcels = m.variable(`b_${wi}`, 'continuous');
    const packetWeight = most('packet', weight);
    m.constrain([[1, asPackets], [1, inParcels], ...classWeight.packet.map(([c, v]): Term => [-c, v])], '=', 0);
    m.constrain(
      [
        [1, asPackets],
        [packetWeight, z],
      ],
      '<=',
      packetWeight,
    );
    m.constrain(
      [
        [1, inParcels],
        [-packetWeight, z],
      ],
      '<=',
      0,
    );
    m.constrain([...parcelUnits, [-most('parcel', () => 1), z]], '<=', 0);
    m.constrain([...parcelUnits.map(([c, v]): Term => [-c, v]), [1, z]], '<=', 0);
    classWeight.packet = [[1, asPackets]];
    classWeight.parcel = [...classWeight.parcel, [1, inParcels]];
  }
  const w = req.warehouses[wi] as Warehouse;
  const classes = CLASSES.filter((cls) => rate[cls] && classWeight[cls].length > 0);
  const lateCost = (r: Rate) =>
    daysLate(req.placedAt, shipDayMs(req.placedAt, w.cutoffHour) + r.transitDays * 86_400_000, options.promisedDays[req.serviceLevel]) *
    options.costPerDayLate[req.serviceLevel];
  const least = Math.min(...classes.map((cls) => lateCost(rate[cls] as Rate)));
  const terms: Term[] = Number.isFinite(least) ? [[least, u]] : [];
  const extra = m.variable(`late_${wi}`, 'continuous');
  terms.push([1, extra]);
  for (const cls of classes) {
    const r = rate[cls] as Rate;
    const n = m.variable(`n_${wi}_${cls}`, 'integer', 0);
    m.constrain([[PACKAGE_WEIGHT_LIMIT_KG[cls], n], ...classWeight[cls].map(([c, v]): Term => [-c, v])], '>=', 0);
    terms.push([r.baseCost, n], ...classWeight[cls].map(([c, v]): Term => [c * r.perKg, v]));
    if (lateCost(r) <= least) continue;
    // Lateness is the slowest class present's: y marks a class with packages in the shipment.
    const present = m.variable(`y_${wi}_${cls}`, 'binary');
    const packages = Math.max(
      1,
      Math.ceil((most(cls, weight) + (cls === 'parcel' ? most('packet', weight) : 0)) / PACKAGE_WEIGHT_LIMIT_KG[cls]),
    );
    m.constrain(
      [
        [1, n],
        [-packages, present],
      ],
      '<=',
      0,
    );
    m.constrain(
      [
        [1, extra],
        [-(lateCost(r) - least), present],
      ],
      '>=',
      0,
    );
  }
  return terms;
}

/** Duty and VAT as integers rounded down, each switched on above its de-minimis. */
function dutyTerms(
  m: LpModel,
  req: RoutingRequest,
  w: Warehouse,
  wi: number,
  items: Items,
  x: Vars,
  options: ReturnType<typeof resolveRoutingOptions>,
): Term[] {
  const from = customsTerritoryOf(w.country, options.duties);
  if (from === customsTerritoryOf(req.country, options.duties)) return [];
  const rule = dutyRuleFor(req.country, options.duties);
  if (!rule) return [];
  const value: Term[] = items.flatMap((item, j): Term[] => (x[j] ? [[item.unitValue, x[j] as string]] : []));
  const maxValue = items.reduce((n, item, j) => n + (x[j] ? item.quantity * item.unitValue : 0), 0) + 1;
  const out: Term[] = [];
  const dutyBp = dutyRateFrom(rule, from);
  let duty: string | undefined;
  if (dutyBp > 0) {
    duty = m.variable(`duty_${wi}`, 'integer', 0);
    const on = switchAbove(m, `duty_on_${wi}`, value, rule.dutyDeMinimis, maxValue);
    const big = dutyBp * maxValue + 10_000;
    m.constrain(
      [[10_000, duty], ...value.map(([c, v]): Term => [-c * dutyBp, v]), ...(on ? [[-big, on] as Term] : [])],
      '>=',
      -9_999 - (on ? big : 0),
    );
    out.push([1, duty]);
  }
  if (rule.vatRateBp > 0) {
    const vat = m.variable(`vat_${wi}`, 'integer', 0);
    const on = switchAbove(m, `vat_on_${wi}`, value, rule.vatDeMinimis, maxValue);
    const big = rule.vatRateBp * maxValue * 2 + 10_000;
    const dutyPart: Term[] = duty ? [[-rule.vatRateBp, duty]] : [];
    m.constrain(
      [[10_000, vat], ...value.map(([c, v]): Term => [-c * rule.vatRateBp, v]), ...dutyPart, ...(on ? [[-big, on] as Term] : [])],
      '>=',
      -9_999 - (on ? big : 0),
    );
    out.push([1, vat]);
  }
  return out;
}

/** A binary that must be 1 when the value exceeds the threshold; none when the threshold is 0 (always on). */
function switchAbove(m: LpModel, name: string, value: Term[], threshold: number, maxValue: number): string | undefined {
  if (threshold <= 0) return undefined;
  const on = m.variable(name, 'binary');
  m.constrain([...value, [-maxValue, on]], '<=', threshold);
  return on;
}

/** Units taken beyond what the warehouse can spare, at the look-ahead price. */
function lookaheadTerms(
  m: LpModel,
  req: RoutingRequest,
  w: Warehouse,
  wi: number,
  items: Items,
  x: Vars,
  options: ReturnType<typeof resolveRoutingOptions>,
): Term[] {
  const demand = req.demand?.[w.id];
  if (!demand) return [];
  const out: Term[] = [];
  for (const [sku, perDay] of Object.entries(demand)) {
    const use: Term[] = items.flatMap((item, j): Term[] =>
      x[j] ? item.uses.filter((u) => u.sku === sku).map((u): Term => [u.quantity, x[j] as string]) : [],
    );
    if (use.length === 0) continue;
    const reserve = Math.ceil(perDay * options.lookahead.horizonDays - 1e-9);
    const free = Math.max(0, Math.max(0, req.stock.get(w.id)?.get(sku) ?? 0) - reserve);
    const short = m.variable(`short_${wi}_${out.length}`, 'continuous');
    m.constrain([[1, short], ...use.map(([c, v]): Term => [-c, v])], '>=', -free);
    out.push([options.lookahead.costPerUnitShort, short]);
  }
  return out;
}
