// The simulation's charts: cost per order (by part) and split rate per variant, the delivery-days
// histogram, and units shipped per warehouse over time (solid baseline, dashed candidates).
import { useMemo } from 'preact/hooks';
import type { VariantResult } from '../../api/types.ts';
import { Chart } from '../../components/chart.tsx';
import { COUNT_STEPS, categoryChart, PALETTE, percent } from '../../components/chart-kit.ts';
import { shortDay } from '../../components/format.ts';
import { costParts, deliveryHistogram, splitRates, warehouseLoad } from './chart-data.ts';

const money = (v: number) => (v / 100).toFixed(2);
const count = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
const PARTS = ['#1f5fbf', '#7fa6e0', '#d97706'];

export function SimulationCharts({ variants }: { variants: VariantResult[] }) {
  // Each poll brings a fresh copy of the result; the charts are rebuilt only when its content
  // changes (interim KPIs every few seconds, then the final ones), so a running job does not flicker.
  const signature = JSON.stringify(variants);
  const charts = useMemo(() => buildCharts(variants), [signature]);
  return (
    <section aria-labelledby="charts-title" class="sim-charts">
      <h2 id="charts-title">Charts</h2>
      <div class="chart-grid">
        <Chart title="Landed cost per order" note="(major units; lower is better)" summary={charts.costSummary} {...charts.cost} />
        <Chart title="Split rate and cross-border share" note="(lower is better)" summary={charts.splitSummary} {...charts.split} />
        <Chart
          title="Delivery days"
          note="(orders by whole days to the door; further left is faster)"
          summary={charts.daysSummary}
          {...charts.days}
        />
        <Chart title={`Units shipped per warehouse, per ${charts.loadUnit}`} summary={charts.loadSummary} {...charts.load} />
      </div>
    </section>
  );
}

function buildCharts(variants: VariantResult[]) {
  const cost = costParts(variants);
  const split = splitRates(variants);
  const days = deliveryHistogram(variants);
  const load = warehouseLoad(variants);
  const colourOf = (w: string) => PALETTE[load.warehouses.indexOf(w) % PALETTE.length] ?? '#333';
  return {
    cost: categoryChart({
      categories: cost.categories,
      series: cost.series.map((s, i) => ({ ...s, colour: PARTS[i] ?? '#333' })),
      kind: 'stacked',
      format: money,
      xLabel: 'Variant',
    }),
    costSummary: variants.map((v) => `${v.name} ${money(v.kpis.cost.landedPerOrder)}`).join(', '),
    split: categoryChart({
      categories: split.categories,
      series: split.series.map((s, i) => ({ ...s, colour: PALETTE[i] ?? '#333' })),
      kind: 'bars',
      format: percent,
      xLabel: 'Variant',
    }),
    splitSummary: variants.map((v) => `${v.name} split rate ${percent(v.kpis.splitRate)}`).join(', '),
    days: categoryChart({
      categories: days.categories,
      series: days.series.map((s, i) => ({ ...s, colour: PALETTE[i] ?? '#333' })),
      kind: 'bars',
      format: count,
      xLabel: 'Days',
      ySteps: COUNT_STEPS,
    }),
    daysSummary: variants.map((v) => `${v.name} mean ${v.kpis.deliveryDays.mean} days, p95 ${v.kpis.deliveryDays.p95}`).join('; '),
    load: categoryChart({
      categories: load.categories.map((d) => shortDay(d)),
      series: load.series.map((s) => {
        const [w = '', variant] = s.label.split(' · ');
        return { ...s, colour: colourOf(w), ...(variant === variants[0]?.name ? {} : { dash: [6, 4] }) };
      }),
      kind: 'lines',
      format: count,
      ySteps: COUNT_STEPS,
      xLabel: load.unit === 'week' ? 'Week of' : 'Day',
    }),
    loadUnit: load.unit,
    loadSummary: variants
      .map(
        (v) =>
          `${v.name}: ${Object.entries(v.kpis.warehouses)
            .map(([w, l]) => `${w} ${l.units} units`)
            .join(', ')}`,
      )
      .join('; '),
  };
}
