// SKU velocity per warehouse as a heat map: units shipped per SKU (rows) and warehouse (columns)
// over the range, hottest SKUs first, for slotting fast movers near the dock.
import type { Sql } from '../store/client.ts';
import { type DateRange, round } from './analytics-range.ts';
import { shippedUnits } from './analytics-stock.ts';

export interface VelocityMatrix {
  range: DateRange;
  /** Column order. */
  warehouses: string[];
  /** Row order: most units shipped first, at most `limit`. */
  skus: string[];
  /** `units[row][column]`: units of `skus[row]` shipped from `warehouses[column]`. */
  units: number[][];
  /** The same per day of the range, rounded to 0.01. */
  unitsPerDay: number[][];
  totals: { bySku: number[]; byWarehouse: number[] };
  /** The largest cell, to scale the colours. */
  max: number;
  /** SKUs that shipped but fell below the limit. */
  omittedSkus: number;
}

export async function velocityReport(sql: Sql, range: DateRange, warehouseIds: string[], limit: number): Promise<VelocityMatrix> {
  const shipped = await shippedUnits(sql, range);
  const warehouses = [...new Set([...warehouseIds, ...shipped.map((s) => s.warehouseId)])].sort();
  const bySku = new Map<string, number>();
  for (const s of shipped) bySku.set(s.sku, (bySku.get(s.sku) ?? 0) + s.units);
  const ranked = [...bySku].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const skus = ranked.slice(0, limit).map(([sku]) => sku);
  const cell = new Map(shipped.map((s) => [`${s.sku}\u0000${s.warehouseId}`, s.units]));
  const units = skus.map((sku) => warehouses.map((w) => cell.get(`${sku}\u0000${w}`) ?? 0));
  return {
    range,
    warehouses,
    skus,
    units,
    unitsPerDay: units.map((row) => row.map((n) => round(n / range.days))),
    totals: {
      bySku: units.map((row) => row.reduce((a, b) => a + b, 0)),
      byWarehouse: warehouses.map((_, i) => units.reduce((n, row) => n + (row[i] ?? 0), 0)),
    },
    max: Math.max(0, ...units.flat()),
    omittedSkus: Math.max(0, ranked.length - skus.length),
  };
}
