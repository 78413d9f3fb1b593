// What an order can draw from stock, and when two stock views route it the same. Intake decides on
// one read of stock and commits on another; these say whether the decision still stands.
import { kitComponents } from './kits.ts';
import type { StockView } from './routing-types.ts';
import type { Product, SkuQuantity } from './types.ts';

/**
 * The most units of each stock SKU an order could draw: each line's own SKU, and for a kit its
 * components times the kits ordered (whichever way routing ends up placing them).
 */
export function stockNeeds(lines: SkuQuantity[], products: ReadonlyMap<string, Product>): Map<string, number> {
  const needs = new Map<string, number>();
  const add = (sku: string, n: number) => needs.set(sku, (needs.get(sku) ?? 0) + n);
  for (const line of lines) {
    add(line.sku, line.quantity);
    for (const c of kitComponents(products.get(line.sku)) ?? []) add(c.sku, line.quantity * c.quantity);
  }
  return needs;
}

/**
 * Whether routing sees the same in two stock views. Without look-ahead, routing uses a location's
 * count only as min(count, units wanted): two counts that both cover everything the order could
 * draw are alike. Look-ahead keeps a reserve out of the count, so then only equal counts are.
 */
export function routesAlike(a: StockView, b: StockView, opts: { needs: ReadonlyMap<string, number>; exact: boolean }): boolean {
  for (const warehouse of new Set([...a.keys(), ...b.keys()])) {
    for (const [sku, need] of opts.needs) {
      const x = a.get(warehouse)?.get(sku) ?? 0;
      const y = b.get(warehouse)?.get(sku) ?? 0;
      if (x !== y && (opts.exact || x < need || y < need)) return false;
    }
  }
  return true;
}
