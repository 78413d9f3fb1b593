// The simulations page's pure parts: KPI changes in words, the request the form builds, NDJSON
// chunks for uploads, chart data and the chart kit's stacking and scale.
import { describe, expect, it } from 'vitest';
import type { DecisionSummary, VariantKpis, VariantResult } from '../../editor/src/api/types.ts';
import { categoryChart, niceTop, stackedBounds } from '../../editor/src/components/chart-kit.ts';
import { costParts, deliveryHistogram, warehouseLoad } from '../../editor/src/features/simulations/chart-data.ts';
import { decisionDifferences } from '../../editor/src/features/simulations/decision-diff.ts';
import { throughput } from '../../editor/src/features/simulations/speed.ts';
import { formatKpi, KPIS, kpiChange } from '../../editor/src/features/simulations/kpi-defs.ts';
import { buildRequest, EMPTY_FORM, newCandidate } from '../../editor/src/features/simulations/request.ts';
import { chunkNdjson, inFileLines } from '../../editor/src/features/simulations/ndjson-chunks.ts';

const def = (id: string) => KPIS.find((k) => k.id === id) ?? (KPIS[0] as (typeof KPIS)[number]);

describe('KPI changes', () => {
  it('calls a cheaper candidate better and a lower on-time rate worse, with arrows and relative money', () => {
    expect(kpiChange(def('landed'), 1295, 1483)).toEqual({ text: '+1.88', relative: '(+14.5%)', direction: 'up', verdict: 'worse' });
    expect(kpiChange(def('landed'), 1483, 1295)).toMatchObject({ text: '\u22121.88', direction: 'down', verdict: 'better' });
    expect(kpiChange(def('on-time'), 0.973, 0.969)).toEqual({ text: '\u22120.4 pts', relative: null, direction: 'down', verdict: 'worse' });
    expect(kpiChange(def('holds'), 39, 0)).toMatchObject({ text: '\u221239', relative: '(\u2212100.0%)', verdict: 'better' });
  });

  it('says no change when the figures agree as shown, and formats each kind', () => {
    expect(kpiChange(def('split'), 0.0221, 0.0223).verdict).toBe('same');
    expect(kpiChange(def('macro-failures'), 0, 0).text).toBe('no change');
    expect([formatKpi(1295, 'money'), formatKpi(0.057, 'rate'), formatKpi(2.66, 'days'), formatKpi(1.104, 'ratio')]).toEqual([
      '12.95',
      '5.7%',
      '2.7 d',
      '1.10',
    ]);
  });
});

describe('buildRequest', () => {
  it('builds a generated replay of the draft against the published policy with what-ifs', () => {
    const form = {
      ...EMPTY_FORM,
      name: ' sla ',
      count: '300',
      seed: '7',
      candidates: [{ ...newCandidate(0), stockMultiplier: '0.5', disabledWarehouses: ['US-NJ', 'DE-BER'] }],
    };
    expect(buildRequest(form)).toEqual({
      ok: true,
      request: {
        name: 'sla',
        orders: { source: 'generate', count: 300, seed: 7 },
        baseline: 'published',
        candidates: [{ name: 'draft', policy: 'draft', stockMultiplier: 0.5, disabledWarehouses: ['DE-BER', 'US-NJ'] }],
      },
    });
    const versioned = buildRequest({ ...form, baseline: '3', mode: 'stored', historyId: 'hist_1' });
    expect(versioned.ok && versioned.request).toMatchObject({ baseline: 3, orders: { source: 'stored', historyId: 'hist_1' } });
  });

  it('names each field it cannot send', () => {
    const bad = buildRequest({
      ...EMPTY_FORM,
      count: '1.5',
      days: '0',
      candidates: [{ ...newCandidate(0), name: ' ', rateMultiplier: 'fast' }],
    });
    expect(bad.ok ? [] : bad.details.map((d) => d.path)).toEqual([
      'orders.count',
      'orders.days',
      'candidates.0.rateMultiplier',
      'candidates.0.name',
    ]);
    const stored = buildRequest({ ...EMPTY_FORM, mode: 'stored' });
    expect(stored.ok ? [] : stored.details.map((d) => d.path)).toEqual(['orders.historyId']);
  });
});

describe('NDJSON uploads', () => {
  const lines = Array.from({ length: 10 }, (_, i) => JSON.stringify({ externalId: `H-${i}`, pad: 'x'.repeat(80) }));

  it('cuts whole lines into chunks under the byte limit and keeps the file line numbers', () => {
    const text = `${lines.slice(0, 5).join('\n')}\n\n${lines.slice(5).join('\r\n')}\n\n`;
    const chunks = chunkNdjson(text, 400);
    expect(chunks.every((c) => new TextEncoder().encode(c.text).length <= 400)).toBe(true);
    expect(chunks.reduce((n, c) => n + c.orders, 0)).toBe(10);
    expect(chunks.map((c) => c.text).join('\n')).toBe(text.replace(/\r/g, '').trimEnd());
    expect(chunks[1]?.firstLine).toBe(chunks[0] ? chunks[0].text.split('\n').length + 1 : 0);
    expect(chunkNdjson(`${'y'.repeat(1000)}\nz`, 400).map((c) => c.orders)).toEqual([1, 1]);
  });

  it('names a refused line by its line in the whole file', () => {
    const details = [{ path: 'line 3.lines.0.sku', message: 'unknown' }];
    expect(inFileLines(details, { text: '', firstLine: 201, orders: 0 })).toEqual([{ path: 'line 203.lines.0.sku', message: 'unknown' }]);
  });
});

const kpis = (over: Partial<VariantKpis>): VariantKpis => ({
  orders: 3,
  units: 3,
  routed: 3,
  backordered: 0,
  backorderedUnits: 0,
  onHold: 0,
  holds: {},
  cost: { landed: 0, shipping: 0, handling: 0, duties: 0, landedPerOrder: 1000, shippingPerOrder: 800, dutiesPerOrder: 50 },
  shipments: 3,
  packages: 3,
  splitRate: 0,
  packagesPerOrder: 1,
  deliveryDays: { orders: 3, mean: 2, p95: 3, histogram: { '1': 1, '3': 2 } },
  onTimeRate: 1,
  crossBorderShare: 0,
  macroFailures: { total: 0, byMacro: {} },
  warehouses: {},
  ...over,
});
const variant = (name: string, over: Partial<VariantKpis>, timeline: VariantResult['timeline']): VariantResult => ({
  name,
  policy: { selector: 'published', version: 1, rules: 2 },
  changes: {},
  kpis: kpis(over),
  timeline,
});

describe('chart data', () => {
  const days = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));

  it('splits cost per order into its parts and fills the delivery histogram from day 0', () => {
    const v = [variant('baseline', {}, { days: [], orders: [], backorderedUnits: [], warehouses: {} })];
    expect(costParts(v).series.map((s) => s.values[0])).toEqual([800, 150, 50]);
    expect(deliveryHistogram(v)).toEqual({ categories: ['0', '1', '2', '3'], series: [{ label: 'baseline', values: [0, 1, 0, 2] }] });
  });

  it('sums warehouse load per week past ten weeks, one series per variant and warehouse', () => {
    const d = days(80);
    const timeline = {
      days: d,
      orders: d.map(() => 1),
      backorderedUnits: d.map(() => 0),
      warehouses: { 'UK-MAN': { units: d.map(() => 2), stockOuts: [] } },
    };
    const load = warehouseLoad([variant('baseline', {}, timeline), variant('draft', {}, timeline)]);
    expect(load.unit).toBe('week');
    expect(load.categories).toHaveLength(12);
    expect(load.categories[1]).toBe('2026-01-08');
    expect(load.series.map((s) => s.label)).toEqual(['UK-MAN · baseline', 'UK-MAN · draft']);
    expect(load.series[0]?.values.slice(0, 2)).toEqual([14, 14]);
    expect(load.series[0]?.values.at(-1)).toBe(6);
    expect(warehouseLoad([variant('b', {}, { ...timeline, days: d.slice(0, 5) })]).unit).toBe('day');
  });
});

describe('chart kit', () => {
  it('stacks series bottom up and rounds the scale top above the tallest stack', () => {
    expect(stackedBounds([{ values: [1, 2] }, { values: [3, null] }])).toEqual([
      { lower: [0, 0], upper: [1, 2] },
      { lower: [1, 2], upper: [4, 2] },
    ]);
    expect([niceTop(0), niceTop(9.3), niceTop(14.83), niceTop(0.3)]).toEqual([1, 12, 20, 0.4]);
  });

  it('builds uPlot options with one series per input and the categories as x', () => {
    const c = categoryChart({
      categories: ['a', 'b'],
      series: [{ label: 's', colour: '#000', values: [1, 2] }],
      kind: 'bars',
      format: String,
      xLabel: 'x',
    });
    expect(c.data).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(c.options.series.map((s) => s.label)).toEqual(['x', 's']);
  });
});

describe('throughput and decision differences', () => {
  it('measures orders per second over the samples', () => {
    expect(throughput([{ at: 0, processed: 0 }])).toBeNull();
    expect(
      throughput([
        { at: 1000, processed: 250 },
        { at: 3000, processed: 1250 },
      ]),
    ).toBe(500);
  });

  it('lists what differs between two decisions in words', () => {
    const base: DecisionSummary = {
      status: 'routed',
      serviceLevel: 'standard',
      policyVersion: 1,
      shipments: [],
      items: [],
      holds: [],
      tags: [],
      rules: ['prefer-uk'],
      macros: {},
      cost: 1066,
      deliveryDays: 3,
      notes: [],
    };
    expect(decisionDifferences(base, { ...base, cost: 645, rules: [], holds: [{ reason: 'fraud-check' }] })).toEqual([
      { aspect: 'Landed cost', baseline: '10.66', candidate: '6.45' },
      { aspect: 'Holds', baseline: 'none', candidate: 'fraud-check' },
      { aspect: 'Rules matched', baseline: 'prefer-uk', candidate: 'none' },
    ]);
  });
});
