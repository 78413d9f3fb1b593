// A seeded scenario where stock look-ahead pays: barbecue season on the demo network. Each
// warehouse gets a steady weekly delivery of what its plan says it ships (Britain from Manchester,
// the EU from Berlin, the US from Newark; liquids for the US, which Newark cannot ship, from
// Berlin), so bestsellers run thin before each delivery. Without look-ahead, US orders for sauce
// and oil take Manchester's last units because it is £3-4 cheaper than Berlin, and British
// customers later get them cross-border from Berlin with import VAT, split, or wait.
import { DEMO_PRODUCTS, demoStock } from '../demo/catalogue.ts';
import { EU_MEMBERS } from '../domain/duties.ts';
import type { RoutingOptionsInput } from '../domain/routing-options.ts';
import { generateOrders } from './generator.ts';
import type { Replenishment, SimOrder, StockLine } from './types.ts';

/** The season's bestsellers: liquids (Manchester, Berlin), hazardous goods (Manchester, Newark) and parcels. */
export const BARBECUE_BESTSELLERS = [
  'OIL-OLIVE-5L',
  'OIL-OLIVE-1L',
  'SAUCE-BBQ-1L',
  'CHARCOAL-5KG',
  'BBQ-TONGS',
  'BBQ-COVER',
  'THERMO-MEAT',
  'FIRELIGHTERS',
  'GAS-PROPANE-5KG',
] as const;

/**
 * Routing settings for the scenario: 3 days of each warehouse's demand kept back, and £10 for each
 * unit an order takes out of it, below what a British customer served from Berlin costs more
 * (£12-26 of shipping and import VAT). The default £1.50 is less than most detours cost, so it
 * rarely changes a decision.
 */
export const SCENARIO_ROUTING: RoutingOptionsInput = { lookahead: { horizonDays: 3, costPerUnitShort: 1000 } };
/** Days of past allocations the candidate's demand rates average over. */
export const SCENARIO_LOOKAHEAD_DAYS = 7;

export interface LookaheadScenarioOptions {
  seed?: number | string | undefined;
  /** Orders in the history. Default 3000. */
  count?: number | undefined;
  /** First day (UTC). Default 2026-05-04, a Monday in barbecue season. */
  start?: string | undefined;
  /** Default 56 (eight weekly deliveries). */
  days?: number | undefined;
  /** SKUs sold. Default the barbecue bestsellers. */
  skus?: readonly string[] | undefined;
  /** Each delivery (and the opening stock) in weeks of the demand planned for it. Default 1. */
  cover?: number | undefined;
}

export interface LookaheadScenario {
  orders: SimOrder[];
  stock: StockLine[];
  replenishments: Replenishment[];
}

const DAY_MS = 86_400_000;
const EU = new Set(EU_MEMBERS);

/** The orders, opening stock and weekly deliveries; the same options always give the same scenario. */
export function lookaheadScenario(opts: LookaheadScenarioOptions = {}): LookaheadScenario {
  const start = opts.start ?? '2026-05-04';
  const days = opts.days ?? 56;
  const skus = new Set<string>(opts.skus ?? BARBECUE_BESTSELLERS);
  const products = DEMO_PRODUCTS.filter((p) => skus.has(p.sku));
  const orders = [...generateOrders({ count: opts.count ?? 3000, seed: opts.seed ?? 'lookahead', start, days, products })];
  const held = new Set(demoStock().map((l) => `${l.warehouseId}|${l.sku}`));
  const planned = new Map<string, number>();
  for (const o of orders) {
    for (const l of o.lines) {
      const key = `${plannedWarehouse(o.shipTo.country, l.sku, held)}|${l.sku}`;
      planned.set(key, (planned.get(key) ?? 0) + l.quantity);
    }
  }
  const weeks = days / 7;
  const delivery = [...planned]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, units]) => {
      const [warehouseId = '', sku = ''] = key.split('|');
      return { sku, warehouseId, onHand: Math.ceil(((opts.cover ?? 1) * units) / weeks) };
    });
  const first = Date.parse(`${start}T06:00:00Z`);
  const replenishments: Replenishment[] = [];
  for (let d = 7; d < days; d += 7) {
    const at = new Date(first + d * DAY_MS).toISOString();
    for (const l of delivery) replenishments.push({ at, sku: l.sku, warehouseId: l.warehouseId, delta: l.onHand });
  }
  return { orders, stock: delivery, replenishments };
}

/** The warehouse the plan ships a line from: the region's own if it holds the SKU, else Berlin (liquids), else Manchester. */
function plannedWarehouse(country: string, sku: string, held: ReadonlySet<string>): string {
  const region = country === 'GB' ? 'UK-MAN' : EU.has(country) ? 'DE-BER' : country === 'US' ? 'US-NJ' : 'UK-MAN';
  if (held.has(`${region}|${sku}`)) return region;
  return held.has(`DE-BER|${sku}`) ? 'DE-BER' : 'UK-MAN';
}
