// The comparison across variants: how many orders each candidate changed (and how), and the
// cost against delivery and splits of every variant, as points for a trade-off chart.
import { byCode } from './histogram.ts';
import type { VariantResult } from './variant-run.ts';

export interface DiffStats {
  candidate: string;
  /** Index of the variant (0 is the baseline), as the diff pages name it. */
  index: number;
  changed: number;
  /** Changed orders per kind of change (an order may count under several). */
  byChange: Record<string, number>;
}

export interface TradeOffPoint {
  variant: string;
  landedPerOrder: number;
  meanDeliveryDays: number;
  p95DeliveryDays: number;
  splitRate: number;
  onTimeRate: number;
  backordered: number;
  onHold: number;
}

export function summariseDiffs(variants: VariantResult[], counts: ReadonlyMap<number, ReadonlyMap<string, number>>): DiffStats[] {
  return variants.slice(1).map((v, k) => {
    const index = k + 1;
    const c = counts.get(index) ?? new Map<string, number>();
    const byChange = Object.fromEntries([...c].filter(([kind]) => kind !== 'any').sort(([a], [b]) => byCode(a, b)));
    return { candidate: v.name, index, changed: c.get('any') ?? 0, byChange };
  });
}

export function tradeOffOf(variants: VariantResult[]): TradeOffPoint[] {
  return variants.map(({ name, kpis }) => ({
    variant: name,
    landedPerOrder: kpis.cost.landedPerOrder,
    meanDeliveryDays: kpis.deliveryDays.mean,
    p95DeliveryDays: kpis.deliveryDays.p95,
    splitRate: kpis.splitRate,
    onTimeRate: kpis.onTimeRate,
    backordered: kpis.backordered,
    onHold: kpis.onHold,
  }));
}
