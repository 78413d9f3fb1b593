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
  const reach = reachOf(input.warehouses, country);
  const lines = summariseLines(order.lines, input.products);
  // One literal in the catalogue's key order (traces show facts as JSON), so every order's facts share a shape.
  return {
    channel: order.channelId,
    destinationCountry: country,
    destinationRegion: regionOf(country),
    destinationPostalCode: order.shipTo.postalCode.trim().toUpperCase(),
    domesticWarehouses: reach.domestic.slice(),
    sameCustomsUnionWarehouses: reach.sameUnion.slice(),
    hasDomesticWarehouse: reach.domestic.length > 0,
    hasSameCustomsUnionWarehouse: reach.sameUnion.length > 0,
    serviceLevel: order.serviceLevel,
    orderValue: lines.orderValue,
    lineCount: lines.lineCount,
    unitCount: lines.unitCount,
    totalWeightKg: lines.totalWeightKg,
    totalLitres: lines.totalLitres,
    liquidLitres: lines.liquidLitres,
    hasLiquids: lines.hasLiquids,
    hasHazardous: lines.hasHazardous,
    shippingClasses: lines.shippingClasses,
    skus: lines.skus,
    customerOrderCount: input.customerOrderCount,
    isFirstOrder: input.customerOrderCount === 0,
    placedAtHour: placedAt.getUTCHours(),
    placedAtWeekday: placedAt.getUTCDay(),
  };
}

/** The ids of a destination's domestic and same-customs-union warehouses, in list order. */
interface Reach {
  domestic: readonly string[];
  sameUnion: readonly string[];
}

/** A warehouse list's reach by destination country, with the warehouses and countries it was worked out from. */
interface ReachMemo {
  warehouses: readonly Warehouse[];
  ids: readonly string[];
  countries: readonly string[];
  byCountry: Map<string, Reach>;
}

// Networks hand the same warehouse list to order after order: its reach per destination is worked out once.
// The memo holds the list's members, ids and countries as they were, and is dropped if any has changed.
const reachMemos = new WeakMap<readonly Warehouse[], ReachMemo>();
const MAX_MEMO_COUNTRIES = 512;

function reachOf(warehouses: readonly Warehouse[], country: string): Reach {
  let memo = reachMemos.get(warehouses);
  if (memo === undefined || !sameMembers(memo, warehouses)) {
    memo = {
      warehouses: warehouses.slice(),
      ids: warehouses.map((w) => w.id),
      countries: warehouses.map((w) => w.country),
      byCountry: new Map(),
    };
    reachMemos.set(warehouses, memo);
  }
  let reach = memo.byCountry.get(country);
  if (reach === undefined) {
    const union = customsUnionOf(country);
    reach = {
      domestic: warehouses.filter((w) => w.country.toUpperCase() === country).map((w) => w.id),
      sameUnion: warehouses.filter((w) => customsUnionOf(w.country) === union).map((w) => w.id),
    };
    if (memo.byCountry.size < MAX_MEMO_COUNTRIES) memo.byCountry.set(country, reach);
  }
  return reach;
}

function sameMembers(memo: ReachMemo, warehouses: readonly Warehouse[]): boolean {
  if (memo.warehouses.length !== warehouses.length) return false;
  for (let i = 0; i < warehouses.length; i++) {
    const w = warehouses[i] as Warehouse;
    if (memo.warehouses[i] !== w || memo.ids[i] !== w.id || memo.countries[i] !== w.country) return false;
  }
  return true;
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

const CLASS_BIT = Object.fromEntries(SHIPPING_CLASSES.map((c, i) => [c, 1 << i])) as Record<ShippingClass, number>;

function summariseLines(lines: OrderInput['lines'], products: ReadonlyMap<string, Product>): LineFacts {
  let orderValue = 0,
    unitCount = 0,
    weight = 0,
    litres = 0,
    liquidLitres = 0;
  let hasLiquids = false,
    hasHazardous = false;
  let classes = 0;
  // In order of first appearance, each once (baskets are a handful of lines: a list beats a set).
  const skus: string[] = [];
  for (const line of lines) {
    orderValue += line.quantity * line.unitPrice;
    unitCount += line.quantity;
    if (!skus.includes(line.sku)) skus.push(line.sku);
    const product = products.get(line.sku);
    if (!product) continue;
    weight += product.weightKg * line.quantity;
    litres += product.volumeLitres * line.quantity;
    if (product.liquid) liquidLitres += product.volumeLitres * line.quantity;
    hasLiquids ||= product.liquid;
    hasHazardous ||= product.hazardous;
    classes |= CLASS_BIT[product.shippingClass];
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
    shippingClasses: SHIPPING_CLASSES.filter((c) => (classes & CLASS_BIT[c]) !== 0),
    skus,
  };
}

// Sums of float weights drift (0.1 + 0.2); three decimals is grams and millilitres.
function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
