// Routing speed and quality for the project benchmark (test/bench): orders per second on typical,
// exact-range and large orders, and the cost gap to the HiGHS optimum past the exact range. A
// development tool: it borrows the seeded case generator and the MILP oracle from test/routing.
import { EXACT_RANGE, generateCase, HEURISTIC_RANGE, TYPICAL, type CaseSize } from '../../test/routing/generate.ts';
import { loadHighs, solveByMilp } from '../../test/routing/oracle.ts';
import { routeOrder } from './routing.ts';
import type { RoutingRequest } from './routing-types.ts';

export interface RoutingBenchOptions {
  /** Measuring time per order mix, after a warm-up. */
  durationMs?: number;
  /** Large orders solved by HiGHS for the gap (each takes HiGHS up to a few seconds). */
  gapCases?: number;
}

/**
 * Keys: `routing.typicalOrdersPerSec`, `routing.typicalMeanUs`, `routing.typicalP99Us` (1-4 lines
 * over 3-20 warehouses), `routing.exactOrdersPerSec` and `routing.exactProvenPct` (up to 10 lines
 * and 20 warehouses, sparse stock), `routing.heuristicOrdersPerSec` (11-16 lines over 20-30
 * warehouses), `routing.gapToOptimumPct` and `routing.worstGapPct` (those large orders, as routed,
 * against HiGHS) and `routing.pureHeuristicGapPct` (the same with the exact search switched off).
 */
export async function benchRouting({ durationMs = 1000, gapCases = 12 }: RoutingBenchOptions = {}): Promise<Record<string, number>> {
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
  };
}

const cases = (size: CaseSize, first: number, count: number): RoutingRequest[] =>
  Array.from({ length: count }, (_, i) => generateCase(first + i, size));

/** Routes the orders round-robin for `durationMs`; each order is timed alone for the p99. */
function measure(orders: RoutingRequest[], durationMs: number): { perSec: number; p99Us: number; provenPct: number } {
  for (const req of orders.slice(0, 50)) routeOrder(req); // warm-up
  const times: number[] = [];
  let proven = 0;
  const start = performance.now();
  for (let i = 0; performance.now() - start < durationMs || i < orders.length; i++) {
    const t = performance.now();
    const plan = routeOrder(orders[i % orders.length] as RoutingRequest);
    times.push(performance.now() - t);
    if (plan.trace.search?.provenOptimal) proven++;
  }
  const total = times.reduce((a, b) => a + b, 0);
  times.sort((a, b) => a - b);
  return {
    perSec: (times.length * 1000) / total,
    p99Us: (times[Math.floor(times.length * 0.99)] ?? 0) * 1000,
    provenPct: (100 * proven) / times.length,
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
const round2 = (n: number): number => Math.round(n * 100) / 100;
