// Routing speed and quality for the project benchmark (test/bench): orders per second on typical,
// exact-range and large orders, the cost gap to the HiGHS optimum past the exact range, and for
// 1, 5 and 10-line orders over 10 warehouses: decisions per second, p99, and the cost of the plans
// against the greedy baseline (routing-greedy.ts) and the HiGHS optimum. A development tool: it
// borrows the seeded case generator and the MILP oracle from test/routing.
import { EXACT_RANGE, generateCase, HEURISTIC_RANGE, TYPICAL, type CaseSize } from '../../test/routing/generate.ts';
import type { Highs } from 'highs';
import { loadHighs, solveByMilp } from '../../test/routing/oracle.ts';
import { NO_CONSTRAINTS, routeOrder } from './routing.ts';
import { routeGreedy } from './routing-greedy.ts';
import type { RoutingPlan, RoutingRequest } from './routing-types.ts';
import type { RoutingObjective } from './types.ts';

export interface RoutingBenchOptions {
  /** Measuring time per order mix, after a warm-up. */
  durationMs?: number;
  /** Large orders solved by HiGHS for the gap (each takes HiGHS up to a few seconds). */
  gapCases?: number;
  /** Generated orders of each size (1, 5 and 10 lines) over 10 warehouses. */
  ordersPerSize?: number;
  /** Of those, how many per size HiGHS solves for the gap to the optimum (the first ones). */
  optimumCases?: number;
  /** Where the readable table of the 10-warehouse figures goes; default stdout. */
  print?: (text: string) => void;
}

/**
 * Keys: `routing.typicalOrdersPerSec`, `routing.typicalMeanUs`, `routing.typicalP99Us` (1-4 lines
 * over 3-20 warehouses), `routing.exactOrdersPerSec` and `routing.exactProvenPct` (up to 10 lines
 * and 20 warehouses, sparse stock), `routing.heuristicOrdersPerSec` (11-16 lines over 20-30
 * warehouses), `routing.gapToOptimumPct` and `routing.worstGapPct` (those large orders, as routed,
 * against HiGHS) and `routing.pureHeuristicGapPct` (the same with the exact search switched off);
 * and the 10-warehouse figures of `benchTenWarehouses`.
 */
export async function benchRouting(options: RoutingBenchOptions = {}): Promise<Record<string, number>> {
  const { durationMs = 1000, gapCases = 12 } = options;
  const typical = measure(cases(TYPICAL, 1, 400), durationMs);
  const exact = measure(cases(EXACT_RANGE, 1, 400), durationMs);
  const large = measure(cases(HEURISTIC_RANGE, 1000, 40), durationMs);
  const gaps = await gapsToOptimum(gapCases);
  return {
    'routing.typicalOrdersPerSec': Math.round(typical.perSec),
    'routing.typicalMeanUs': Math.round(1e6 / typical.perSec),
    'routing.typicalP99Us': Math.round(typical.p99Us),
    'routing.exactOrdersPerSec': Math.round(exact.perSec),
    'routing.exactProvenPct': round2(exact.provenPct),
    'routing.heuristicOrdersPerSec': round2(large.perSec),
    'routing.gapToOptimumPct': round2(mean(gaps.routed)),
    'routing.worstGapPct': round2(Math.max(0, ...gaps.routed)),
    'routing.pureHeuristicGapPct': round2(mean(gaps.pure)),
    ...(await benchTenWarehouses(options)),
  };
}

const LINE_COUNTS = [1, 5, 10] as const;

/** Plain orders of exactly `lines` lines over 10 warehouses with a quarter of stock slots empty. */
function tenWarehouseOrders(lines: number, count: number): RoutingRequest[] {
  const size: CaseSize = { lines: [[lines, lines, 1]], warehouses: [[10, 10, 1]], maxQuantity: 3, emptyStock: 0.25 };
  // No policy constraints, look-ahead or random options: the default cost model a merchant starts with.
  return cases(size, 50_000 + lines * 1_000, count).map((req) => ({ ...req, constraints: NO_CONSTRAINTS, demand: undefined, options: {} }));
}

interface SizeFigures {
  lines: number;
  perSec: number;
  p99Us: number;
  provenPct: number;
  splitPct: number;
  /** Per order compared with greedy (same units shipped): % the optimiser's routing cost is below greedy's. */
  savings: number[];
  optimiserTotal: number;
  greedyTotal: number;
  /** Orders whose plan ranks after greedy's: more units backordered, or the same and a higher cost. */
  worseThanGreedy: number;
  /** Per order HiGHS solved: % above the optimum, of the optimiser's plan and of greedy's. */
  gaps: number[];
  greedyGaps: number[];
}

/**
 * For 1, 5 and 10-line orders over 10 warehouses (`ordersPerSize` each, HiGHS on the first
 * `optimumCases`): `routing.linesN.decisionsPerSec`, `.p99Us`, `.provenPct`, `.splitPct`, `.savingVsGreedyPct`,
 * `.gapToOptimumPct`, `.greedyGapToOptimumPct`; over all sizes `routing.savingVsGreedyPct` (mean
 * per order), `routing.savingVsGreedyTotalPct` (on the summed cost), `routing.worseThanGreedyOrders`
 * (0 expected), and `routing.tenWarehouse.gapToOptimumPct`, `.worstGapPct`,
 * `.greedyGapToOptimumPct`, `.optimumCases`. Costs are routing costs (the trace's objective total).
 */
export async function benchTenWarehouses(options: RoutingBenchOptions = {}): Promise<Record<string, number>> {
  const { ordersPerSize = 300, optimumCases = 100, print = (t: string) => process.stdout.write(t) } = options;
  const highs = await loadHighs();
  const sizes = LINE_COUNTS.map((lines) => figuresFor(lines, { ...options, ordersPerSize, optimumCases }, highs));
  print(formatTable(sizes, ordersPerSize, optimumCases));
  return keysOf(sizes);
}

function figuresFor(
  lines: number,
  options: RoutingBenchOptions & { ordersPerSize: number; optimumCases: number },
  highs: Highs,
): SizeFigures {
  const orders = tenWarehouseOrders(lines, options.ordersPerSize);
  const { plans, ...speed } = measure(orders, options.durationMs ?? 1000);
  const figures: SizeFigures = {
    lines,
    ...speed,
    splitPct: 0,
    savings: [],
    optimiserTotal: 0,
    greedyTotal: 0,
    worseThanGreedy: 0,
    gaps: [],
    greedyGaps: [],
  };
  let splits = 0;
  orders.forEach((req, i) => {
    const plan = plans[i] as RoutingPlan;
    const routed = plan.trace.objective as RoutingObjective;
    const greedy = routeGreedy(req).objective;
    if (plan.shipments.length > 1) splits++;
    compareWithGreedy(figures, routed, greedy);
    if (i >= options.optimumCases) return;
    // HiGHS's optimum ships the most units; greedy's cost compares with it only when greedy does too.
    const optimum = solveByMilp(highs, req).cost;
    figures.gaps.push(pctAbove(routed.total, optimum));
    if (greedy.backorderedUnits === routed.backorderedUnits) figures.greedyGaps.push(pctAbove(greedy.total, optimum));
  });
  figures.splitPct = (100 * splits) / orders.length;
  return figures;
}

function compareWithGreedy(figures: SizeFigures, routed: RoutingObjective, greedy: RoutingObjective): void {
  if (routed.backorderedUnits !== greedy.backorderedUnits) {
    if (routed.backorderedUnits > greedy.backorderedUnits) figures.worseThanGreedy++;
    return;
  }
  if (routed.total > greedy.total + EPS) figures.worseThanGreedy++;
  figures.savings.push(greedy.total > 0 ? (100 * (greedy.total - routed.total)) / greedy.total : 0);
  figures.optimiserTotal += routed.total;
  figures.greedyTotal += greedy.total;
}

function keysOf(sizes: SizeFigures[]): Record<string, number> {
  const keys: Record<string, number> = {};
  for (const s of sizes) {
    const k = `routing.lines${s.lines}`;
    keys[`${k}.decisionsPerSec`] = Math.round(s.perSec);
    keys[`${k}.p99Us`] = Math.round(s.p99Us);
    keys[`${k}.provenPct`] = round2(s.provenPct);
    keys[`${k}.splitPct`] = round2(s.splitPct);
    keys[`${k}.savingVsGreedyPct`] = round2(mean(s.savings));
    keys[`${k}.gapToOptimumPct`] = round2(mean(s.gaps));
    keys[`${k}.greedyGapToOptimumPct`] = round2(mean(s.greedyGaps));
  }
  const all = (f: (s: SizeFigures) => number[]) => sizes.flatMap(f);
  const sum = (f: (s: SizeFigures) => number) => sizes.reduce((n, s) => n + f(s), 0);
  const greedyTotal = sum((s) => s.greedyTotal);
  keys['routing.savingVsGreedyPct'] = round2(mean(all((s) => s.savings)));
  keys['routing.savingVsGreedyTotalPct'] = round2(greedyTotal > 0 ? (100 * (greedyTotal - sum((s) => s.optimiserTotal))) / greedyTotal : 0);
  keys['routing.worseThanGreedyOrders'] = sum((s) => s.worseThanGreedy);
  keys['routing.tenWarehouse.gapToOptimumPct'] = round2(mean(all((s) => s.gaps)));
  keys['routing.tenWarehouse.worstGapPct'] = round2(Math.max(0, ...all((s) => s.gaps)));
  keys['routing.tenWarehouse.greedyGapToOptimumPct'] = round2(mean(all((s) => s.greedyGaps)));
  keys['routing.tenWarehouse.optimumCases'] = all((s) => s.gaps).length;
  return keys;
}

function formatTable(sizes: SizeFigures[], orders: number, optimumCases: number): string {
  const head = ['lines', 'decisions/s', 'p99 µs', 'split %', 'saving vs greedy', 'optimiser vs HiGHS', 'greedy vs HiGHS'];
  const rows = sizes.map((s) => [
    String(s.lines),
    Math.round(s.perSec).toLocaleString('en-GB'),
    Math.round(s.p99Us).toLocaleString('en-GB'),
    s.splitPct.toFixed(1),
    `${mean(s.savings).toFixed(2)} %`,
    signed(mean(s.gaps)),
    signed(mean(s.greedyGaps)),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ')}\n`;
  const title = `\nrouting over 10 warehouses: ${orders} generated orders per size, HiGHS optimum on the first ${Math.min(orders, optimumCases)} of each; costs are routing costs (landed + penalties)\n`;
  return title + line(head) + rows.map(line).join('');
}

/** "+1.25 %"; HiGHS's tolerance can leave an optimum a hair above the plan's cost, shown as +0.00. */
const signed = (pct: number): string => `+${Math.max(0, round2(pct)).toFixed(2)} %`;

const pctAbove = (cost: number, optimum: number): number => (optimum > 0 ? (100 * (cost - optimum)) / optimum : 0);

const cases = (size: CaseSize, first: number, count: number): RoutingRequest[] =>
  Array.from({ length: count }, (_, i) => generateCase(first + i, size));

/**
 * Routes the orders round-robin for `durationMs` (and each at least once); each order is timed
 * alone for the p99. `plans` holds each order's plan from its first round.
 */
function measure(orders: RoutingRequest[], durationMs: number): { perSec: number; p99Us: number; provenPct: number; plans: RoutingPlan[] } {
  for (const req of orders.slice(0, 50)) routeOrder(req); // warm-up
  const times: number[] = [];
  const plans: RoutingPlan[] = [];
  let proven = 0;
  const start = performance.now();
  for (let i = 0; performance.now() - start < durationMs || i < orders.length; i++) {
    const t = performance.now();
    const plan = routeOrder(orders[i % orders.length] as RoutingRequest);
    times.push(performance.now() - t);
    if (i < orders.length) plans.push(plan);
    if (plan.trace.search?.provenOptimal) proven++;
  }
  const total = times.reduce((a, b) => a + b, 0);
  times.sort((a, b) => a - b);
  return {
    perSec: (times.length * 1000) / total,
    p99Us: (times[Math.floor(times.length * 0.99)] ?? 0) * 1000,
    provenPct: (100 * proven) / times.length,
    plans,
  };
}

/** % above the HiGHS optimum per large order: as routed, and with the exact search off. */
async function gapsToOptimum(count: number): Promise<{ routed: number[]; pure: number[] }> {
  const highs = await loadHighs();
  const routed: number[] = [];
  const pure: number[] = [];
  for (const req of cases(HEURISTIC_RANGE, 1000, count)) {
    const optimum = solveByMilp(highs, req).cost;
    const gap = (r: RoutingRequest) => {
      const total = routeOrder(r).trace.objective?.total ?? 0;
      return optimum > 0 ? (100 * (total - optimum)) / optimum : 0;
    };
    routed.push(gap(req));
    pure.push(gap({ ...req, options: { ...req.options, search: { maxStates: 0, maxEvaluations: 0 } } }));
  }
  return { routed, pure };
}

const mean = (xs: number[]): number => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round2 = (n: number): number => Math.round(n * 100) / 100 + 0;
const EPS = 1e-6;
