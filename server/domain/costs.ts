// What shipping a set of packages from a warehouse costs, by which service, and when it arrives.
import type { CostBreakdown, Package, Rate, ServiceLevel, Warehouse } from './types.ts';
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
export function quotePackage(
  warehouse: Warehouse,
  pkg: Package,
  country: string,
  serviceLevel: ServiceLevel,
): PackageQuote | undefined {
  let best: PackageQuote | undefined;
  for (const rate of warehouse.rates) {
    if (rate.shippingClass !== pkg.shippingClass || !rateServes(rate, country, serviceLevel)) continue;
    const price = packagePrice(rate, pkg.weightKg);
    if (!best || price < best.price || (price === best.price && rate.transitDays < best.rate.transitDays)) {
      best = { rate, price };
    }
  }
  return best;
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

/** Prices a whole shipment: every package on its cheapest rate, plus the warehouse's handling. */
export function quoteShipment(opts: {
  warehouse: Warehouse;
  packages: Package[];
  country: string;
  serviceLevel: ServiceLevel;
  placedAt: string;
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
  return {
    ok: true,
    quote: {
      cost: { shipping, handling, duties: 0, total: shipping + handling },
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
  const placed = new Date(placedAt);
  const hour = placed.getUTCHours() + placed.getUTCMinutes() / 60;
  const shipDay = Date.UTC(placed.getUTCFullYear(), placed.getUTCMonth(), placed.getUTCDate()) + (hour >= cutoffHour ? 1 : 0) * DAY_MS;
  return new Date(shipDay + transitDays * DAY_MS).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;
