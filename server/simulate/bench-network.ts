// What the simulation benchmark replays over: the demo's three warehouses plus seven more (ten in
// all, across the UK, the EU and the US), stock that runs down and is restocked weekly, and the
// policy benchmark's twenty rules with one macro (split-liquids) so every order takes the fast path.
import { DEMO_PRODUCTS } from '../demo/catalogue.ts';
import { DEMO_WAREHOUSES } from '../demo/network.ts';
import { EU_MEMBERS } from '../domain/duties.ts';
import type { Rate, Warehouse } from '../domain/types.ts';
import { BENCH_POLICY } from '../policies/bench-policy.ts';
import type { PolicyDocument } from '../policies/index.ts';
import type { Replenishment, StockLine } from './types.ts';

const EU = [...EU_MEMBERS];

/** A warehouse the bench adds: where it is and what it handles, and how its rates are drawn. */
interface Site extends Pick<Warehouse, 'id' | 'name' | 'country' | 'lat' | 'lon' | 'capabilities'> {
  /** Countries its regional rates serve besides its own. */
  region: string[];
  /** Price level against the demo's rate cards (1 = the same). */
  price: number;
}

const EXTRA_SITES: Site[] = [
  {
    id: 'UK-GLA',
    name: 'Glasgow',
    country: 'GB',
    lat: 55.86,
    lon: -4.25,
    capabilities: ['packet', 'parcel', 'liquids'],
    region: [],
    price: 1.05,
  },
  {
    id: 'FR-PAR',
    name: 'Paris',
    country: 'FR',
    lat: 48.86,
    lon: 2.35,
    capabilities: ['packet', 'parcel', 'liquids'],
    region: EU,
    price: 1.1,
  },
  {
    id: 'NL-AMS',
    name: 'Amsterdam',
    country: 'NL',
    lat: 52.37,
    lon: 4.9,
    capabilities: ['packet', 'parcel', 'pallet', 'liquids'],
    region: EU,
    price: 1,
  },
  { id: 'ES-MAD', name: 'Madrid', country: 'ES', lat: 40.42, lon: -3.7, capabilities: ['packet', 'parcel'], region: EU, price: 0.95 },
  {
    id: 'PL-WAW',
    name: 'Warsaw',
    country: 'PL',
    lat: 52.23,
    lon: 21.01,
    capabilities: ['packet', 'parcel', 'pallet', 'hazmat'],
    region: EU,
    price: 0.85,
  },
  {
    id: 'US-CA',
    name: 'Los Angeles',
    country: 'US',
    lat: 34.05,
    lon: -118.24,
    capabilities: ['packet', 'parcel', 'pallet', 'liquids', 'hazmat'],
    region: ['CA', 'MX'],
    price: 1,
  },
  {
    id: 'US-IL',
    name: 'Chicago',
    country: 'US',
    lat: 41.88,
    lon: -87.63,
    capabilities: ['packet', 'parcel', 'hazmat'],
    region: ['CA', 'MX'],
    price: 0.95,
  },
];

const SERVICES: Rate['service'][] = ['economy', 'standard', 'express', 'next_day'];
/** Per class: base cost and per kg at home (standard), and transit days at home. */
const CLASS_COST: Record<Rate['shippingClass'], [number, number]> = { packet: [170, 25], parcel: [440, 25], pallet: [5200, 9] };
/** Per service: price factor and transit days at home, in the region, and worldwide (0: not offered). */
const SERVICE_TERMS: Record<Rate['service'], { factor: number; days: [number, number, number] }> = {
  economy: { factor: 0.8, days: [4, 7, 10] },
  standard: { factor: 1, days: [2, 4, 7] },
  express: { factor: 1.9, days: [1, 2, 3] },
  next_day: { factor: 2.6, days: [1, 0, 0] },
};

/** Every class the site handles at every service level: at home, to its region (dearer), worldwide (dearest). */
function ratesOf(s: Site): Rate[] {
  const rates: Rate[] = [];
  const zones: [string[], number][] = [
    [[s.country], 1],
    [s.region.filter((c) => c !== s.country), 2.2],
    [['*'], 5.5],
  ];
  for (const shippingClass of s.capabilities.filter((c): c is Rate['shippingClass'] => c in CLASS_COST)) {
    const [base, perKg] = CLASS_COST[shippingClass];
    for (const service of SERVICES) {
      const { factor, days } = SERVICE_TERMS[service];
      zones.forEach(([to, zone], z) => {
        const transitDays = days[z] ?? 0;
        if (to.length === 0 || transitDays === 0) return;
        const f = factor * zone * s.price;
        rates.push({
          carrier: `${s.id.toLowerCase()}-${z === 0 ? 'domestic' : z === 1 ? 'regional' : 'world'}`,
          service,
          shippingClass,
          to,
          baseCost: Math.round(base * f),
          perKg: Math.round(perKg * f),
          transitDays,
        });
      });
    }
  }
  return rates;
}

const DEMO_REGIONS: Record<string, string[]> = { 'UK-MAN': ['IE'], 'DE-BER': EU, 'US-NJ': ['CA', 'MX'] };

/** Ten warehouses: the demo's three (their rate cards topped up so every class reaches everywhere) and seven more. */
export const BENCH_WAREHOUSES: Warehouse[] = [
  ...DEMO_WAREHOUSES.map((w) => ({ ...w, rates: [...w.rates, ...ratesOf({ ...w, region: DEMO_REGIONS[w.id] ?? [], price: 1.15 })] })),
  ...EXTRA_SITES.map((s) => {
    const { region: _region, price: _price, ...site } = s;
    return { ...site, handlingCost: 130, cutoffHour: 16, rates: ratesOf(s) };
  }),
];

/** Whether a warehouse may hold a product at all (what routing would refuse is not stocked). */
const stocks = (w: Warehouse, p: (typeof DEMO_PRODUCTS)[number]): boolean =>
  w.capabilities.includes(p.shippingClass) &&
  (!p.liquid || w.capabilities.includes('liquids')) &&
  (!p.hazardous || w.capabilities.includes('hazmat'));

/** Opening stock, deeper for more orders: enough that stock-outs happen between weekly restocks, not constantly. */
export function benchStock(orders: number): StockLine[] {
  const scale = orders / 100_000;
  return BENCH_WAREHOUSES.flatMap((w, wi) => {
    // The demo's three are the hubs policies prefer.
    const depth = scale * (wi < DEMO_WAREHOUSES.length ? 1.5 : 0.6);
    return DEMO_PRODUCTS.filter((p) => stocks(w, p)).map((p, pi) => ({
      sku: p.sku,
      warehouseId: w.id,
      onHand: Math.round(depth * (p.shippingClass === 'pallet' ? 15 + ((pi + wi) % 7) : 120 + ((pi * 37 + wi * 11) % 160))),
    }));
  });
}

/** A weekly restock of every stocked SKU at every warehouse over the year the generator spans. */
export function benchReplenishments(orders: number, start = '2026-01-01'): Replenishment[] {
  const scale = orders / 100_000;
  const first = Date.parse(`${start}T06:00:00Z`);
  const lines = benchStock(orders);
  const out: Replenishment[] = [];
  for (let week = 1; week < 53; week++) {
    const at = new Date(first + week * 7 * 86_400_000).toISOString();
    for (const l of lines)
      out.push({ at, sku: l.sku, warehouseId: l.warehouseId, delta: Math.max(1, Math.round(l.onHand / 4 + 2 * scale)) });
  }
  return out;
}

/** What the policy benchmark's rules become here: one macro (split-liquids) and every pallet and hazmat site. */
const CHANGED: Record<string, PolicyDocument['rules'][number]['event']> = {
  'pallet-or-parcel': { type: 'prefer-warehouses', params: { warehouses: ['UK-MAN', 'NL-AMS'] } },
  'marketplace-stock': { type: 'tag', params: { tag: 'marketplace' } },
  'pallet-sites': { type: 'restrict-warehouses', params: { warehouses: ['UK-MAN', 'US-NJ', 'NL-AMS', 'PL-WAW', 'US-CA'] } },
  'hazmat-sites': { type: 'restrict-warehouses', params: { warehouses: ['UK-MAN', 'US-NJ', 'PL-WAW', 'US-IL', 'US-CA'] } },
};

/** The policy benchmark's twenty rules over the ten warehouses, with one macro rule (split-liquids). */
export const BENCH_SIM_POLICY: PolicyDocument = {
  rules: BENCH_POLICY.rules.map((r) => {
    const event = CHANGED[r.name];
    return event ? { ...r, event } : r;
  }),
};
