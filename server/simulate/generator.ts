// The seeded synthetic history: orders for the demo catalogue and network with channels,
// seasonality (month, weekday, hour), basket sizes, liquids and pallet goods, and destinations
// in the UK, the EU and the US. Yielded in time order, one at a time, so any count streams.
import { DEMO_PRODUCTS } from '../demo/catalogue.ts';
import type { OrderLine, Product } from '../domain/types.ts';
import {
  CHANNELS,
  HOUR_WEIGHTS,
  LINES_PER_ORDER,
  MONTH_WEIGHTS,
  popularityOf,
  PRICES,
  REGIONS,
  seasonOf,
  SERVICE_LEVELS,
  UNITS_PER_LINE,
  WEEKDAY_WEIGHTS,
} from './generator-profile.ts';
import { SeededRandom } from './random.ts';
import type { SimOrder } from './types.ts';

export interface GenerateOptions {
  count: number;
  seed?: number | string | undefined;
  /** First day of the history (UTC). Default 2026-01-01. */
  start?: string | undefined;
  /** Days the history spans. Default 365. */
  days?: number | undefined;
  /** Products to sell; default the demo catalogue. */
  products?: readonly Product[] | undefined;
}

const DAY_MS = 86_400_000;

/** Yields `count` orders in placedAt order; the same options always yield the same orders. */
export function* generateOrders(opts: GenerateOptions): Generator<SimOrder> {
  const rnd = new SeededRandom(opts.seed ?? 1);
  const start = Date.parse(`${(opts.start ?? '2026-01-01').slice(0, 10)}T00:00:00Z`);
  const perDay = ordersPerDay(opts.count, opts.days ?? 365, start);
  const catalogue = opts.products ?? DEMO_PRODUCTS;
  const customers = Math.max(50, Math.round(opts.count / 2.5));
  let n = 0;
  for (let day = 0; day < perDay.length; day++) {
    const dayStart = start + day * DAY_MS;
    const month = new Date(dayStart).getUTCMonth() + 1;
    const products = catalogue.map((p) => [p, popularityOf(p.shippingClass) * seasonOf(p.sku, month)] as const);
    const times = Array.from({ length: perDay[day] ?? 0 }, () => dayStart + timeOfDay(rnd)).sort((a, b) => a - b);
    for (const at of times) {
      n++;
      yield makeOrder(rnd, { n, at, products, customers, seed: opts.seed ?? 1 });
    }
  }
}

/** Spreads the count over the days by month and weekday weights (largest remainder, so it sums exactly). */
function ordersPerDay(count: number, days: number, start: number): number[] {
  const weights = Array.from({ length: days }, (_, d) => {
    const date = new Date(start + d * DAY_MS);
    return (MONTH_WEIGHTS[date.getUTCMonth()] ?? 1) * (WEEKDAY_WEIGHTS[date.getUTCDay()] ?? 1);
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (count * w) / total);
  const counts = exact.map(Math.floor);
  let left = count - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

// Hours of the day by weight, built once rather than for every order.
const HOURS = HOUR_WEIGHTS.map((w, h) => [h, w] as const);

function timeOfDay(rnd: SeededRandom): number {
  const hour = rnd.pick(HOURS);
  return hour * 3_600_000 + rnd.int(0, 3_599) * 1000;
}

interface OrderSeed {
  n: number;
  at: number;
  products: readonly (readonly [Product, number])[];
  customers: number;
  seed: number | string;
}

function makeOrder(rnd: SeededRandom, o: OrderSeed): SimOrder {
  const places = rnd.pick(REGIONS);
  const where = rnd.pick(places);
  const domestic = where.country === 'GB';
  let channel = rnd.pick(CHANNELS);
  // The Manchester store only serves British customers.
  if (channel.id === 'store' && !domestic) channel = { id: 'webshop', prefix: 'WEB' };
  let serviceLevel = rnd.pick(SERVICE_LEVELS);
  if (serviceLevel === 'next_day' && !domestic) serviceLevel = 'express';
  // Skewed towards low numbers, so some customers come back many times.
  const customer = Math.floor(o.customers * rnd.next() ** 2);
  return {
    externalId: `${channel.prefix}-${o.seed}-${String(o.n).padStart(7, '0')}`,
    channelId: channel.id,
    placedAt: new Date(o.at).toISOString(),
    serviceLevel,
    shipTo: { name: `Customer ${customer}`, line1: `${1 + (customer % 200)} High Street`, ...where },
    lines: basket(rnd, o.products),
    customer: { id: `C${customer}` },
  };
}

function basket(rnd: SeededRandom, products: OrderSeed['products']): OrderLine[] {
  const wanted = rnd.pick(LINES_PER_ORDER);
  const lines: OrderLine[] = [];
  for (let tries = 0; lines.length < wanted && tries < wanted * 4; tries++) {
    const p = rnd.pick(products);
    if (lines.some((l) => l.sku === p.sku)) continue;
    const quantity = p.shippingClass === 'pallet' ? 1 : rnd.pick(UNITS_PER_LINE);
    lines.push({ sku: p.sku, quantity, unitPrice: PRICES[p.sku] ?? 1000 });
  }
  return lines;
}
