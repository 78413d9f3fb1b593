// A simulation result reshaped for its charts: cost parts and split rate per variant, the
// delivery-days histogram and per-warehouse load over time (weeks when the history is long). Pure.
import type { VariantResult } from '../../api/types.ts';

export interface Series {
  label: string;
  values: number[];
}

export interface Shaped {
  categories: string[];
  series: Series[];
}

/** Landed cost per order by variant, split into shipping, handling and duties (minor units). */
export function costParts(variants: VariantResult[]): Shaped {
  const c = variants.map((v) => v.kpis.cost);
  return {
    categories: variants.map((v) => v.name),
    series: [
      { label: 'Shipping', values: c.map((x) => x.shippingPerOrder) },
      { label: 'Handling', values: c.map((x) => Math.max(0, round2(x.landedPerOrder - x.shippingPerOrder - x.dutiesPerOrder))) },
      { label: 'Duties', values: c.map((x) => x.dutiesPerOrder) },
    ],
  };
}

/** Split rate and cross-border share by variant (0..1). */
export function splitRates(variants: VariantResult[]): Shaped {
  return {
    categories: variants.map((v) => v.name),
    series: [
      { label: 'Split rate', values: variants.map((v) => v.kpis.splitRate) },
      { label: 'Cross-border share', values: variants.map((v) => v.kpis.crossBorderShare) },
    ],
  };
}

/** Orders per whole number of delivery days, one series per variant, every day from 0 to the longest. */
export function deliveryHistogram(variants: VariantResult[]): Shaped {
  const days = variants.flatMap((v) => Object.keys(v.kpis.deliveryDays.histogram).map(Number));
  const last = Math.max(0, ...days);
  const categories = Array.from({ length: last + 1 }, (_, d) => String(d));
  return {
    categories,
    series: variants.map((v) => ({ label: v.name, values: categories.map((d) => v.kpis.deliveryDays.histogram[d] ?? 0) })),
  };
}

/** Past this many days, load is summed per week (starting on the first day). */
export const WEEKLY_AFTER_DAYS = 70;

/** Units shipped per warehouse over time, one series per variant and warehouse. */
export function warehouseLoad(variants: VariantResult[]): Shaped & { unit: 'day' | 'week'; warehouses: string[] } {
  const days = [...new Set(variants.flatMap((v) => v.timeline.days))].sort();
  const weekly = days.length > WEEKLY_AFTER_DAYS;
  const bucketOf = (i: number) => (weekly ? Math.floor(i / 7) : i);
  const buckets = weekly ? Math.ceil(days.length / 7) : days.length;
  const categories = Array.from({ length: buckets }, (_, b) => days[weekly ? b * 7 : b] ?? '');
  const warehouses = [...new Set(variants.flatMap((v) => Object.keys(v.timeline.warehouses)))].sort();
  const series: Series[] = [];
  for (const v of variants) {
    const position = new Map(v.timeline.days.map((d, i) => [d, i]));
    for (const w of warehouses) {
      const units = v.timeline.warehouses[w]?.units ?? [];
      const values = new Array<number>(buckets).fill(0);
      days.forEach((d, i) => {
        const at = position.get(d);
        if (at !== undefined) values[bucketOf(i)] = (values[bucketOf(i)] ?? 0) + (units[at] ?? 0);
      });
      series.push({ label: `${w} · ${v.name}`, values });
    }
  }
  return { categories, series, unit: weekly ? 'week' : 'day', warehouses };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
