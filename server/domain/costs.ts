// What shipping a set of packages from a warehouse costs, by which service, when it arrives, and
// how late that is against the service level's promise.
import type { CostBreakdown, DutyDetail, Money, Package, Rate, ServiceLevel, Warehouse } from './types.ts';
import { SERVICE_LEVELS } from './types.ts';

const serviceRank = (s: ServiceLevel): number => SERVICE_LEVELS.indexOf(s);

/** Whether a rate reaches a country at (or faster than) a service level. */
export function rateServes(rate: Rate, country: string, serviceLevel: ServiceLevel): boolean {
  return (rate.to.includes('*') || rate.to.includes(country)) && serviceRank(rate.service) >= serviceRank(serviceLevel);
}

/** The carrier price of one package on one rate: base plus weight, rounded to the minor unit. */
export const packagePrice = (rate: Rate, weightKg: number): number => Math.round(rate.baseCost + rate.perKg * weightKg);

export interface PackageQuote {
  rate: Rate;
  price: number;
}

/** The cheapest rate for a package, or undefined when nothing serves it. */
export function quotePackage(warehouse: Warehouse, pkg: Package, country: string, serviceLevel: ServiceLevel): PackageQuote | undefined {
  const serving = warehouse.rates.filter((r) => r.shippingClass === pkg.shippingClass && rateServes(r, country, serviceLevel));
  return cheapestRate(serving, pkg.weightKg);
}

/** The cheapest of rates already known to serve a package (ties go to the faster, then the first). */
export function cheapestRate(rates: readonly Rate[], weightKg: number): PackageQuote | undefined {
  let best: Rate | undefined;
  let bestPrice = 0;
  for (const rate of rates) {
    const price = packagePrice(rate, weightKg);
    if (!best || price < bestPrice || (price === bestPrice && rate.transitDays < best.transitDays)) {
      best = rate;
      bestPrice = price;
    }
  }
  return best ? { rate: best, price: bestPrice } : undefined;
}

export interface ShipmentQuote {
  cost: CostBreakdown;
  carrier: string;
  service: ServiceLevel;
  transitDays: number;
  eta: string;
  packages: Package[];
}

export type QuoteResult = { ok: true; quote: ShipmentQuote } | { ok: false; reason: string };

/**
 * Prices a whole shipment: every package on its cheapest rate, plus the warehouse's handling,
 * plus the duties quoted for it (routing's `PlannedShipment.duties`; they do not depend on packing).
 */
export function quoteShipment(opts: {
  warehouse: Warehouse;
  packages: Package[];
  country: string;
  serviceLevel: ServiceLevel;
  placedAt: string;
  duties?: DutyDetail | undefined;
}): QuoteResult {
  const { warehouse, packages, country, serviceLevel } = opts;
  let shipping = 0;
  let transitDays = 0;
  let main: PackageQuote | undefined;
  for (const pkg of packages) {
    const q = quotePackage(warehouse, pkg, country, serviceLevel);
    if (!q) return { ok: false, reason: `no ${serviceLevel} rate for a ${pkg.shippingClass} to ${country}` };
    shipping += q.price;
    transitDays = Math.max(transitDays, q.rate.transitDays);
    if (!main || q.price > main.price) main = q;
  }
  if (!main) return { ok: false, reason: 'nothing to ship' };
  const handling = warehouse.handlingCost;
  const duties = opts.duties ? opts.duties.duty + opts.duties.vat : 0;
  return {
    ok: true,
    quote: {
      cost: { shipping, handling, duties, total: shipping + handling + duties },
      carrier: main.rate.carrier,
      service: main.rate.service,
      transitDays,
      eta: estimateDelivery(opts.placedAt, warehouse.cutoffHour, transitDays),
      packages,
    },
  };
}

/** Delivery date (YYYY-MM-DD): ships the day it is placed unless past the warehouse's cut-off. */
export function estimateDelivery(placedAt: string, cutoffHour: number, transitDays: number): string {
  return new Date(shipDayMs(placedAt, cutoffHour) + transitDays * DAY_MS).toISOString().slice(0, 10);
}

/** Midnight (UTC, epoch ms) of the day a warehouse ships an order placed at `placedAt`. */
export function shipDayMs(placedAt: string, cutoffHour: number): number {
  const placed = new Date(placedAt);
  const hour = placed.getUTCHours() + placed.getUTCMinutes() / 60;
  return orderDayMs(placedAt) + (hour >= cutoffHour ? DAY_MS : 0);
}

/** Midnight (UTC, epoch ms) of the day an order was placed. */
export function orderDayMs(placedAt: string): number {
  const placed = new Date(placedAt);
  return Date.UTC(placed.getUTCFullYear(), placed.getUTCMonth(), placed.getUTCDate());
}

/**
 * Calendar days from the order's date to delivery that each service level promises. Days, not
 * working days, like the ETA itself. Standard's 4 covers domestic 2-day and near cross-border rates.
 */
export const DEFAULT_PROMISED_DAYS: Readonly<Record<ServiceLevel, number>> = { economy: 10, standard: 4, express: 2, next_day: 1 };

/** What a day of delivery past the promise costs, per shipment (customer experience, refunds). */
export const DEFAULT_COST_PER_DAY_LATE: Readonly<Record<ServiceLevel, Money>> = {
  economy: 100,
  standard: 200,
  express: 500,
  next_day: 1000,
};

/** Whole days a delivery on `deliveryDayMs` (UTC midnight) is past the promise; 0 when on time. */
export function daysLate(placedAt: string, deliveryDayMs: number, promisedDays: number): number {
  return Math.max(0, Math.round((deliveryDayMs - orderDayMs(placedAt)) / DAY_MS) - promisedDays);
}

export const DAY_MS = 86_400_000;
