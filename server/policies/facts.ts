// The facts a policy rule can test, computed once per order from the order and the network.
// Pure: the caller loads products, warehouses and the customer's order count.

import type { OrderInput, Product, ServiceLevel, ShippingClass, Warehouse } from '../domain/types.ts';
import { SHIPPING_CLASSES } from '../domain/types.ts';
import { customsUnionOf, regionOf, type Region } from './regions.ts';

export { FACT_CATALOGUE, type FactDefinition, type FactName, type FactType } from './fact-catalogue.ts';

/** Everything computeFacts needs; `customerOrderCount` counts the customer's earlier orders. */
export interface FactInput {
  order: OrderInput & { channelId: string };
  products: ReadonlyMap<string, Product>;
  warehouses: readonly Warehouse[];
  customerOrderCount: number;
}

/** The fact values of one order. A type alias (not an interface) so it is a plain record. */
export type OrderFacts = {
  channel: string;
  destinationCountry: string;
  destinationRegion: Region;
  destinationPostalCode: string;
  domesticWarehouses: string[];
  sameCustomsUnionWarehouses: string[];
  hasDomesticWarehouse: boolean;
  hasSameCustomsUnionWarehouse: boolean;
  serviceLevel: ServiceLevel;
  orderValue: number;
  lineCount: number;
  unitCount: number;
  totalWeightKg: number;
  totalLitres: number;
  liquidLitres: number;
  hasLiquids: boolean;
  hasHazardous: boolean;
  shippingClasses: ShippingClass[];
  skus: string[];
  customerOrderCount: number;
  isFirstOrder: boolean;
  placedAtHour: number;
  placedAtWeekday: number;
};

/**
 * Computes the fact values of an order. Lines whose SKU is not in `products` still count
 * towards value, units and skus but add no weight, volume or goods flags (the HTTP edge
 * rejects unknown SKUs before this runs). Throws a RangeError on an unparseable `placedAt`.
 */
export function computeFacts(input: FactInput): OrderFacts {
  const { order } = input;
  const country = order.shipTo.country.toUpperCase();
  const placedAt = new Date(order.placedAt);
  if (Number.isNaN(placedAt.getTime())) throw new RangeError(`placedAt is not a date: ${order.placedAt}`);
  const domestic = input.warehouses.filter((w) => w.country.toUpperCase() === country).map((w) => w.id);
  const union = customsUnionOf(country);
  const sameUnion = input.warehouses.filter((w) => customsUnionOf(w.country) === union).map((w) => w.id);
  return {
    channel: order.channelId,
    destinationCountry: country,
    destinationRegion: regionOf(country),
    destinationPostalCode: order.shipTo.postalCode.trim().toUpperCase(),
    domesticWarehouses: domestic,
    sameCustomsUnionWarehouses: sameUnion,
    hasDomesticWarehouse: domestic.length > 0,
    hasSameCustomsUnionWarehouse: sameUnion.length > 0,
    serviceLevel: order.serviceLevel,
    ...summariseLines(order.lines, input.products),
    customerOrderCount: input.customerOrderCount,
    isFirstOrder: input.customerOrderCount === 0,
    placedAtHour: placedAt.getUTCHours(),
    placedAtWeekday: placedAt.getUTCDay(),
  };
}

type LineFacts = Pick<
  OrderFacts,
  | 'orderValue'
  | 'lineCount'
  | 'unitCount'
  | 'totalWeightKg'
  | 'totalLitres'
  | 'liquidLitres'
  | 'hasLiquids'
  | 'hasHazardous'
  | 'shippingClasses'
  | 'skus'
>;

function summariseLines(lines: OrderInput['lines'], products: ReadonlyMap<string, Product>): LineFacts {
  let orderValue = 0,
    unitCount = 0,
    weight = 0,
    litres = 0,
    liquidLitres = 0;
  let hasLiquids = false,
    hasHazardous = false;
  const classes = new Set<ShippingClass>();
  const skus = new Set<string>();
  for (const line of lines) {
    orderValue += line.quantity * line.unitPrice;
    unitCount += line.quantity;
    skus.add(line.sku);
    const product = products.get(line.sku);
    if (!product) continue;
    weight += product.weightKg * line.quantity;
    litres += product.volumeLitres * line.quantity;
    if (product.liquid) liquidLitres += product.volumeLitres * line.quantity;
    hasLiquids ||= product.liquid;
    hasHazardous ||= product.hazardous;
    classes.add(product.shippingClass);
  }
  return {
    orderValue,
    lineCount: lines.length,
    unitCount,
    totalWeightKg: round3(weight),
    totalLitres: round3(litres),
    liquidLitres: round3(liquidLitres),
    hasLiquids,
    hasHazardous,
    // Catalogue order (packet, parcel, pallet) so the fact does not depend on line order.
    shippingClasses: SHIPPING_CLASSES.filter((c) => classes.has(c)),
    skus: [...skus],
  };
}

// Sums of float weights drift (0.1 + 0.2); three decimals is grams and millilitres.
function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
