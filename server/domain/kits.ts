// Kits and bundles: a kit SKU is sold and shipped as one unit but stocked as its components.
// These helpers turn order lines into what routing places and what the store must reserve.
import type { Money, Product, SkuQuantity } from './types.ts';

/** One thing routing places: an order line's SKU, a built kit, or a component of an unbuilt kit. */
export interface RoutingItem {
  /** The SKU a shipment lists for this item. */
  sku: string;
  quantity: number;
  product: Product | undefined;
  /** Stock units one unit of this item consumes: itself, or a kit's components. */
  uses: SkuQuantity[];
  /** Goods value of one unit, for duties. */
  unitValue: Money;
  /** The kit this item is a component of, when the kit ships unbuilt. */
  kitSku?: string | undefined;
}

/** A kit's components with repeated SKUs merged, or undefined when the product is not a kit. */
export function kitComponents(product: Product | undefined): SkuQuantity[] | undefined {
  const components = product?.kit?.components;
  if (!components || components.length === 0) return undefined;
  const merged = new Map<string, number>();
  for (const c of components) merged.set(c.sku, (merged.get(c.sku) ?? 0) + c.quantity);
  return [...merged].map(([sku, quantity]) => ({ sku, quantity }));
}

/**
 * Turns order lines (one per SKU) into routing items. A kit is one item consuming its components
 * (built at one warehouse); with `allowKitSplit` it becomes one item per component instead, each
 * free to come from anywhere, and each component unit carries an equal share of the kit's price
 * unless `unitPrices` names the component's own price.
 */
export function expandKits(
  lines: SkuQuantity[],
  products: ReadonlyMap<string, Product>,
  opts: { allowKitSplit?: boolean | undefined; unitPrices?: Readonly<Record<string, Money>> | undefined } = {},
): RoutingItem[] {
  const price = (sku: string): Money => opts.unitPrices?.[sku] ?? 0;
  const items = lines.flatMap((line): RoutingItem[] => {
    const product = products.get(line.sku);
    const components = kitComponents(product);
    if (!components)
      return [{ sku: line.sku, quantity: line.quantity, product, uses: [{ sku: line.sku, quantity: 1 }], unitValue: price(line.sku) }];
    if (!opts.allowKitSplit) return [{ sku: line.sku, quantity: line.quantity, product, uses: components, unitValue: price(line.sku) }];
    const share = Math.floor(price(line.sku) / components.reduce((n, c) => n + c.quantity, 0));
    return components.map((c) => ({
      sku: c.sku,
      quantity: c.quantity * line.quantity,
      product: products.get(c.sku),
      uses: [{ sku: c.sku, quantity: 1 }],
      unitValue: opts.unitPrices?.[c.sku] ?? share,
      kitSku: line.sku,
    }));
  });
  return items.some((i) => i.kitSku !== undefined) ? mergeSameUnits(items) : items;
}

/** One item for units of the same SKU and value (a component also ordered on its own line). */
function mergeSameUnits(items: RoutingItem[]): RoutingItem[] {
  const plain = (i: RoutingItem) => i.uses.length === 1 && i.uses[0]?.sku === i.sku && i.uses[0]?.quantity === 1;
  const out: RoutingItem[] = [];
  for (const item of items) {
    const same = plain(item) ? out.findIndex((o) => plain(o) && o.sku === item.sku && o.unitValue === item.unitValue) : -1;
    const into = out[same];
    if (!into) out.push(item);
    else out[same] = { ...into, quantity: into.quantity + item.quantity, kitSku: into.kitSku === item.kitSku ? into.kitSku : undefined };
  }
  return out;
}

/** Kits buildable from a warehouse's stock: the least, over components, of available / per-kit quantity. */
export function kitAvailability(kit: Product, stockAt: ReadonlyMap<string, number> | undefined): number {
  const components = kitComponents(kit);
  if (!components) return Math.max(0, stockAt?.get(kit.sku) ?? 0);
  let n = Number.POSITIVE_INFINITY;
  for (const c of components) n = Math.min(n, Math.floor(Math.max(0, stockAt?.get(c.sku) ?? 0) / c.quantity));
  return n;
}

/**
 * The stock units to reserve for shipment lines: every kit replaced by its components times the
 * kit quantity, other SKUs as they are; merged per SKU in first-seen order.
 */
export function reservationsFor(lines: SkuQuantity[], products: ReadonlyMap<string, Product>): SkuQuantity[] {
  const totals = new Map<string, number>();
  for (const line of lines) {
    const uses = kitComponents(products.get(line.sku)) ?? [{ sku: line.sku, quantity: 1 }];
    for (const u of uses) totals.set(u.sku, (totals.get(u.sku) ?? 0) + u.quantity * line.quantity);
  }
  return [...totals].map(([sku, quantity]) => ({ sku, quantity }));
}

/** Every SKU whose availability routing needs for these ordered SKUs: themselves and kits' components. */
export function stockSkusFor(skus: string[], products: ReadonlyMap<string, Product>): string[] {
  const out = new Set<string>();
  for (const sku of skus) {
    out.add(sku);
    for (const c of kitComponents(products.get(sku)) ?? []) out.add(c.sku);
  }
  return [...out];
}
