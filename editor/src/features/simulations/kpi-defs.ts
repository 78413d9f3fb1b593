// The KPIs a simulation is judged by, which way is better for each, and a candidate's change
// against the baseline in words. Pure.
import type { VariantKpis } from '../../api/types.ts';

export type KpiFormat = 'money' | 'rate' | 'days' | 'count' | 'ratio';

export interface KpiDef {
  id: string;
  label: string;
  read: (k: VariantKpis) => number;
  format: KpiFormat;
  better: 'lower' | 'higher';
}

export const KPIS: KpiDef[] = [
  { id: 'landed', label: 'Landed cost per order', read: (k) => k.cost.landedPerOrder, format: 'money', better: 'lower' },
  { id: 'shipping', label: 'Shipping per order', read: (k) => k.cost.shippingPerOrder, format: 'money', better: 'lower' },
  { id: 'duties', label: 'Duties per order', read: (k) => k.cost.dutiesPerOrder, format: 'money', better: 'lower' },
  { id: 'split', label: 'Split rate', read: (k) => k.splitRate, format: 'rate', better: 'lower' },
  { id: 'packages', label: 'Packages per order', read: (k) => k.packagesPerOrder, format: 'ratio', better: 'lower' },
  { id: 'mean-days', label: 'Mean delivery days', read: (k) => k.deliveryDays.mean, format: 'days', better: 'lower' },
  { id: 'p95-days', label: 'p95 delivery days', read: (k) => k.deliveryDays.p95, format: 'days', better: 'lower' },
  { id: 'on-time', label: 'On-time rate', read: (k) => k.onTimeRate, format: 'rate', better: 'higher' },
  { id: 'cross-border', label: 'Cross-border share', read: (k) => k.crossBorderShare, format: 'rate', better: 'lower' },
  { id: 'holds', label: 'Orders on hold', read: (k) => k.onHold, format: 'count', better: 'lower' },
  { id: 'backorders', label: 'Orders backordered', read: (k) => k.backordered, format: 'count', better: 'lower' },
  { id: 'macro-failures', label: 'Macro failures', read: (k) => k.macroFailures.total, format: 'count', better: 'lower' },
];

/** A KPI value as shown: money in major units, rates as percentages. */
export function formatKpi(v: number, format: KpiFormat): string {
  switch (format) {
    case 'money':
      return (v / 100).toFixed(2);
    case 'rate':
      return `${(v * 100).toFixed(1)}%`;
    case 'days':
      return `${v.toFixed(1)} d`;
    case 'ratio':
      return v.toFixed(2);
    case 'count':
      return String(Math.round(v));
  }
}

export interface KpiChange {
  /** The difference as shown, signed: `+1.20`, `−3.5 pts`, `+2`. */
  text: string;
  /** For money and counts, the relative change: `(+8.1%)`. */
  relative: string | null;
  direction: 'up' | 'down' | 'same';
  verdict: 'better' | 'worse' | 'same';
}

const MINUS = '\u2212';

/** How `value` differs from `base`, rounded as shown; `same` when the shown figures agree. */
export function kpiChange(def: KpiDef, base: number, value: number): KpiChange {
  const delta = value - base;
  const shown = deltaText(Math.abs(delta), def.format);
  if (Number(shown.replace(/[^0-9.]/g, '')) === 0) return { text: 'no change', relative: null, direction: 'same', verdict: 'same' };
  const direction = delta > 0 ? 'up' : 'down';
  const better = (direction === 'down') === (def.better === 'lower');
  const relative =
    (def.format === 'money' || def.format === 'count') && base !== 0
      ? `(${delta > 0 ? '+' : MINUS}${Math.abs((delta / base) * 100).toFixed(1)}%)`
      : null;
  return { text: `${delta > 0 ? '+' : MINUS}${shown}`, relative, direction, verdict: better ? 'better' : 'worse' };
}

function deltaText(d: number, format: KpiFormat): string {
  if (format === 'rate') return `${(d * 100).toFixed(1)} pts`;
  return formatKpi(d, format);
}
