// The CLI's KPI table: one column per variant (baseline first), one row per KPI, and the real
// outcomes beside them when the history carries them (Olist).
import type { SimulationResult } from './engine.ts';
import type { VariantKpis } from './kpis.ts';

type Cell = string;
interface RowSpec {
  label: string;
  value: (k: VariantKpis, i: number) => Cell;
  actual?: (a: NonNullable<SimulationResult['history']['actual']>) => Cell;
}

const int = (n: number) => Math.round(n).toLocaleString('en-GB');
const money = (minor: number) => (minor / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const num = (n: number, digits = 2) => n.toFixed(digits);

/** Renders the table; `currency` labels money (the deployment currency, or BRL for Olist). */
export function kpiTable(result: SimulationResult, currency: string): string {
  const changed = new Map(result.diff.map((d) => [d.index, d.changed]));
  const rows: RowSpec[] = [
    { label: 'orders', value: (k) => int(k.orders) },
    { label: 'routed', value: (k) => int(k.routed) },
    { label: 'backordered', value: (k) => int(k.backordered) },
    { label: 'on hold', value: (k) => int(k.onHold) },
    { label: `landed cost (${currency})`, value: (k) => money(k.cost.landed) },
    { label: `landed / order (${currency})`, value: (k) => money(k.cost.landedPerOrder) },
    { label: `shipping (${currency})`, value: (k) => money(k.cost.shipping) },
    { label: `duties (${currency})`, value: (k) => money(k.cost.duties) },
    { label: 'split rate', value: (k) => pct(k.splitRate), actual: (a) => pct(a.splitRate) },
    { label: 'packages / order', value: (k) => num(k.packagesPerOrder) },
    { label: 'delivery days (mean)', value: (k) => num(k.deliveryDays.mean), actual: (a) => num(a.deliveryDays.mean) },
    { label: 'delivery days (p95)', value: (k) => int(k.deliveryDays.p95), actual: (a) => int(a.deliveryDays.p95) },
    { label: 'on time', value: (k) => pct(k.onTimeRate), actual: (a) => pct(a.onTimeRate) },
    { label: 'cross-border', value: (k) => pct(k.crossBorderShare) },
    { label: 'macro failures', value: (k) => int(k.macroFailures.total) },
    { label: 'stock-outs', value: (k) => int(Object.values(k.warehouses).reduce((n, w) => n + w.stockOuts, 0)) },
    { label: 'filled by replenishment', value: (k) => int(k.backorderFills.orders) },
    { label: 'changed vs baseline', value: (_k, i) => (i === 0 ? '-' : int(changed.get(i) ?? 0)) },
  ];
  const actual = result.history.actual;
  const header = [
    '',
    ...result.variants.map((v) =>
      v.policy.version !== null && v.name !== String(v.policy.version) ? `${v.name} (v${v.policy.version})` : v.name,
    ),
    ...(actual ? ['actual'] : []),
  ];
  const body = rows.map((r) => [
    r.label,
    ...result.variants.map((v, i) => r.value(v.kpis, i)),
    ...(actual ? [r.actual ? r.actual(actual) : ''] : []),
  ]);
  const widths = header.map((_, c) => Math.max(...[header, ...body].map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
