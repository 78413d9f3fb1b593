// uPlot options for the editor's charts: one builder for values over categories (variants, days,
// delivery days) drawn as grouped bars, stacked bars or lines, with readable axes and legend values.
import uPlot from 'uplot';

/** uPlot's options without the size, which follows the container. */
export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

/** Distinct colours that stay apart for the common colour-vision deficiencies. */
export const PALETTE = ['#1f5fbf', '#d97706', '#0e7490', '#be185d', '#5b8c00', '#7c3aed', '#8a5a00', '#5d6778'];

export interface ChartSeries {
  label: string;
  colour: string;
  values: (number | null)[];
  /** Lines only: a dash pattern, e.g. `[6, 4]`. */
  dash?: number[];
}

export interface CategoryChart {
  /** One label per x position. */
  categories: string[];
  series: ChartSeries[];
  kind: 'bars' | 'stacked' | 'lines';
  /** Formats y values on the axis and in the legend. */
  format: (v: number) => string;
  /** The x axis's name in the legend. */
  xLabel: string;
  /** Steps the y axis may use (whole counts: `COUNT_STEPS`); uPlot picks when omitted. */
  ySteps?: number[];
}

/** Whole-number steps for counts: no axis at 0.5 orders. */
export const COUNT_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000, 100_000];

// uPlot's facet unit 1 (scale values); its const enum cannot be read under isolatedModules.
const SCALE_VALUE = 1 as uPlot.Series.BarsPathBuilderFacetUnit;

/** Options and data for uPlot: x is the category index, labels thinned to about a dozen. */
export function categoryChart(c: CategoryChart): { options: ChartOptions; data: uPlot.AlignedData } {
  const xs = c.categories.map((_, i) => i);
  const stacks = c.kind === 'stacked' ? stackedBounds(c.series) : null;
  const top = stacks ? Math.max(0, ...(stacks.at(-1)?.upper ?? [])) : null;
  // At least four slots wide, so one or two categories do not become slabs.
  const pad = 0.6 + Math.max(0, (4 - c.categories.length) / 2);
  const options: ChartOptions = {
    legend: { live: true },
    cursor: { points: { show: c.kind === 'lines' } },
    scales: {
      x: { time: false, range: [-pad, Math.max(0, c.categories.length - 1) + pad] },
      y: top === null ? { range: (_u, min, max) => [Math.min(0, min), niceTop(max)] } : { range: [0, niceTop(top)] },
    },
    axes: [
      {
        // About one label per 70 CSS pixels, so dates never run into each other.
        splits: (u) => {
          const room = Math.max(6, Math.floor(u.bbox.width / uPlot.pxRatio / 70));
          const every = Math.max(1, Math.ceil(c.categories.length / room));
          return xs.filter((i) => i % every === 0);
        },
        values: (_u, splits) => splits.map((i) => c.categories[i] ?? ''),
        grid: { show: false },
      },
      { values: (_u, splits) => splits.map((v) => c.format(v)), size: 60, ...(c.ySteps ? { incrs: c.ySteps } : {}) },
    ],
    series: [
      { label: c.xLabel, value: (_u, i) => (i === null ? '–' : (c.categories[i] ?? '')) },
      ...c.series.map((s, k) => seriesOf(c, s, k, stacks)),
    ],
  };
  return { options, data: [xs, ...c.series.map((s) => s.values)] as uPlot.AlignedData };
}

function seriesOf(c: CategoryChart, s: ChartSeries, k: number, stacks: Bounds[] | null): uPlot.Series {
  const value = (_u: uPlot, v: number | null) => (v === null || v === undefined ? '–' : c.format(v));
  if (c.kind === 'lines') return { label: s.label, stroke: s.colour, width: 2, dash: s.dash ?? [], value, points: { size: 4 } };
  const n = c.kind === 'stacked' ? 1 : c.series.length;
  const width = 0.8 / n;
  const x0 = () => c.categories.map((_, i) => i - 0.4 + (c.kind === 'stacked' ? 0 : k * width));
  const bounds = stacks?.[k];
  const bars = uPlot.paths.bars?.({
    gap: n > 1 ? 1 : 0,
    disp: {
      x0: { unit: SCALE_VALUE, values: x0 },
      size: { unit: SCALE_VALUE, values: () => [width] },
      ...(bounds ? { y0: { unit: SCALE_VALUE, values: () => bounds.lower }, y1: { unit: SCALE_VALUE, values: () => bounds.upper } } : {}),
    },
  });
  return { label: s.label, stroke: s.colour, fill: s.colour, width: 0, paths: bars, points: { show: false }, value };
}

interface Bounds {
  lower: number[];
  upper: number[];
}

/** Where each stacked series' bar starts and ends, bottom series first. */
export function stackedBounds(series: { values: (number | null)[] }[]): Bounds[] {
  const length = Math.max(0, ...series.map((s) => s.values.length));
  let below = new Array<number>(length).fill(0);
  return series.map((s) => {
    const lower = below;
    const upper = lower.map((b, i) => b + (s.values[i] ?? 0));
    below = upper;
    return { lower, upper };
  });
}

/** A round number at or above `max` (and above zero), so the top bar does not touch the frame. */
export function niceTop(max: number): number {
  if (!(max > 0)) return 1;
  const padded = max * 1.08;
  const step = 10 ** Math.floor(Math.log10(padded));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * step >= padded) return m * step;
  return 10 * step;
}

/** 0.1234 as `12.3%`. */
export const percent = (v: number): string => `${(v * 100).toFixed(Math.abs(v) < 0.1 && v !== 0 ? 1 : 0)}%`;
