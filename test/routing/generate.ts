// Seeded random routing cases for the HiGHS oracle: networks, catalogues (with kits), stock,
// orders, policy constraints, demand and options. Shaped so the MILP in milp.ts models the cost
// exactly: weights are strongly divisible within each class (packets 1|2 kg, parcels 1|2|10|30,
// pallets 50|100|500|1000), so packByClass fills every package but the last and a class needs
// ceil(weight / limit) packages; per-kg prices are whole, so no rounding; and of the rates serving
// a package one is cheapest at every weight (the faster one costs more in base and per kg).
import { NO_CONSTRAINTS } from '../../server/domain/routing.ts';
import type { RoutingRequest } from '../../server/domain/routing-types.ts';
import type { Capability, Product, Rate, ServiceLevel, ShippingClass, Warehouse } from '../../server/domain/types.ts';

/** mulberry32: small, fast, good enough for test data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ranges [lo, hi] with a weight each: sizes are drawn band first, then uniformly inside it. */
type Bands = [lo: number, hi: number, weight: number][];

export interface CaseSize {
  lines: Bands;
  warehouses: Bands;
  maxQuantity: number;
  /** Share of (warehouse, SKU) pairs with no stock; default 0.45 (sparse, so orders split). */
  emptyStock?: number;
}

/** Most orders are small; the tail reaches 10 lines over 20 warehouses. */
export const EXACT_RANGE: CaseSize = {
  lines: [
    [1, 3, 0.55],
    [4, 6, 0.3],
    [7, 10, 0.15],
  ],
  warehouses: [
    [2, 8, 0.5],
    [9, 14, 0.35],
    [15, 20, 0.15],
  ],
  maxQuantity: 3,
};
export const HEURISTIC_RANGE: CaseSize = { lines: [[11, 16, 1]], warehouses: [[20, 30, 1]], maxQuantity: 5 };
/** What routing sees on every order: 1-4 lines over 3-20 warehouses with most SKUs in stock. */
export const TYPICAL: CaseSize = {
  lines: [
    [1, 2, 0.7],
    [3, 4, 0.3],
  ],
  warehouses: [
    [3, 8, 0.6],
    [9, 20, 0.4],
  ],
  maxQuantity: 3,
  emptyStock: 0.2,
};

const ORIGINS = ['GB', 'GB', 'DE', 'FR', 'NL', 'PL', 'US', 'CH', 'NO', 'ES'];
const DESTINATIONS = ['GB', 'DE', 'FR', 'NL', 'US', 'CH', 'NO', 'SE', 'CA'];
const WEIGHTS: Record<ShippingClass, number[]> = { packet: [1, 2], parcel: [1, 2, 10, 30], pallet: [50, 100, 500, 1000] };

type Rng = () => number;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const chance = (rng: Rng, p: number): boolean => rng() < p;
const subset = <T>(rng: Rng, xs: readonly T[], p: number): T[] => xs.filter(() => chance(rng, p));
const draw = (rng: Rng, bands: Bands): number => {
  let r = rng() * bands.reduce((n, b) => n + b[2], 0);
  for (const [lo, hi, w] of bands) if ((r -= w) < 0) return int(rng, lo, hi);
  const last = bands[bands.length - 1] as Bands[number];
  return int(rng, last[0], last[1]);
};

/** One random routing request of the given size, the same for the same seed. */
export function generateCase(seed: number, size: CaseSize = EXACT_RANGE): RoutingRequest {
  const rng = seeded(seed);
  const country = pick(rng, DESTINATIONS);
  const warehouses = Array.from({ length: draw(rng, size.warehouses) }, (_, i) => warehouse(rng, `W${i}`, country));
  const maxLines = Math.max(...size.lines.map((b) => b[1]));
  const products = catalogue(rng, Math.max(12, maxLines + 4));
  const orderable = products.filter((p) => !p.sku.startsWith('PART'));
  const chosen = shuffle(rng, orderable).slice(0, draw(rng, size.lines));
  const lines = chosen.map((p) => ({ sku: p.sku, quantity: chance(rng, 0.6) ? 1 : int(rng, 1, size.maxQuantity) }));
  const stocked = products.filter((p) => !p.kit);
  const empty = size.emptyStock ?? 0.45;
  const stock = new Map(warehouses.map((w) => [w.id, new Map(stocked.map((p) => [p.sku, chance(rng, empty) ? 0 : int(rng, 1, 6)]))]));
  const ids = warehouses.map((w) => w.id);
  return {
    lines,
    country,
    serviceLevel: pick(rng, ['standard', 'standard', 'standard', 'economy', 'express', 'next_day'] as ServiceLevel[]),
    placedAt: `2026-11-24T${String(int(rng, 6, 22)).padStart(2, '0')}:30:00Z`,
    products: new Map(products.map((p) => [p.sku, p])),
    warehouses,
    stock,
    constraints: constraints(rng, ids),
    unitPrices: Object.fromEntries(products.map((p) => [p.sku, chance(rng, 0.1) ? 0 : int(rng, 1, 200) * 100 + int(rng, 0, 99)])),
    ...(chance(rng, 0.3) ? { demand: demand(rng, ids, stocked) } : {}),
    options: {
      splitPenalty: pick(rng, [0, 100, 250, 250, 600, 1500]),
      lookahead: { horizonDays: int(rng, 1, 5), costPerUnitShort: int(rng, 0, 400) },
    },
  };
}

function warehouse(rng: Rng, id: string, destination: string): Warehouse {
  const capabilities: Capability[] = ['packet', 'parcel', ...subset(rng, ['pallet', 'liquids', 'hazmat'] as const, 0.5)];
  const rates: Rate[] = [];
  for (const cls of ['packet', 'parcel', 'pallet'] as const) {
    if (!chance(rng, 0.8)) continue;
    const to = () =>
      chance(rng, 0.2) ? ['*'] : chance(rng, 0.75) ? [destination, ...subset(rng, DESTINATIONS, 0.3)] : subset(rng, DESTINATIONS, 0.3);
    const heavy = cls === 'pallet';
    const slow: Rate = {
      carrier: `${id}-${cls}`,
      service: pick(rng, ['economy', 'standard', 'standard'] as const),
      shippingClass: cls,
      to: to(),
      baseCost: heavy ? int(rng, 3000, 9000) : int(rng, 100, 3000),
      perKg: heavy ? int(rng, 0, 15) : int(rng, 0, 120),
      transitDays: int(rng, 1, 8),
    };
    rates.push(slow);
    if (chance(rng, 0.5)) {
      const service = pick(rng, ['express', 'next_day'] as const);
      rates.push({
        ...slow,
        carrier: `${id}-${cls}-fast`,
        service,
        to: to(),
        baseCost: slow.baseCost + int(rng, 100, 2000),
        perKg: slow.perKg + int(rng, 0, 60),
        transitDays: int(rng, 1, 3),
      });
    }
  }
  return {
    id,
    name: id,
    country: pick(rng, ORIGINS),
    lat: 0,
    lon: 0,
    capabilities,
    handlingCost: int(rng, 50, 300),
    cutoffHour: int(rng, 12, 20),
    rates,
  };
}

function catalogue(rng: Rng, n: number): Product[] {
  const product = (sku: string): Product => {
    const cls = pick(rng, ['packet', 'packet', 'parcel', 'parcel', 'parcel', 'pallet'] as const);
    return {
      sku,
      name: sku,
      weightKg: pick(rng, WEIGHTS[cls]),
      volumeLitres: 0,
      shippingClass: cls,
      liquid: chance(rng, 0.12),
      hazardous: chance(rng, 0.08),
    };
  };
  const parts = Array.from({ length: 4 }, (_, i) => product(`PART-${i}`));
  const plain = Array.from({ length: n }, (_, i) => product(`SKU-${i}`));
  const kits = Array.from({ length: int(rng, 0, 3) }, (_, i) => {
    const components = shuffle(rng, [...parts, ...plain.slice(0, 3)])
      .slice(0, int(rng, 2, 3))
      .map((c) => ({ sku: c.sku, quantity: int(rng, 1, 2) }));
    return { ...product(`KIT-${i}`), liquid: false, hazardous: false, kit: { components } };
  });
  return [...plain, ...parts, ...kits];
}

function constraints(rng: Rng, ids: string[]): RoutingRequest['constraints'] {
  const adjustments = Object.fromEntries(
    subset(rng, ids, chance(rng, 0.3) ? 0.3 : 0).map((id) => [id, chance(rng, 0.2) ? null : int(rng, -300, 800)]),
  );
  return {
    ...NO_CONSTRAINTS,
    allowedWarehouses: chance(rng, 0.1) ? subset(rng, ids, 0.6) : null,
    excludedWarehouses: chance(rng, 0.15) ? subset(rng, ids, 0.15) : [],
    preferredWarehouses: chance(rng, 0.2) ? subset(rng, ids, 0.25) : [],
    forbidSplit: chance(rng, 0.1),
    forbidCrossBorder: chance(rng, 0.1),
    scoreAdjustments: adjustments,
    allowKitSplit: chance(rng, 0.3),
  };
}

function demand(rng: Rng, ids: string[], products: Product[]): Record<string, Record<string, number>> {
  return Object.fromEntries(
    ids.map((id) => [id, Object.fromEntries(subset(rng, products, 0.3).map((p) => [p.sku, int(rng, 1, 30) / 10]))]),
  );
}

function shuffle<T>(rng: Rng, xs: T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
