// Runs the optimiser and the HiGHS oracle on a band of generated cases and collects the outcome.
import { routeOrder } from '../../server/domain/routing.ts';
import type { RoutingPlan } from '../../server/domain/routing-types.ts';
import { generateCase, type CaseSize } from './generate.ts';
import { loadHighs, solveByMilp, type OracleResult } from './oracle.ts';

export interface CaseOutcome {
  seed: number;
  solver: 'exact' | 'heuristic';
  /** Same backorder and preference rank as the optimum (cost is compared only then). */
  sameRank: boolean;
  cost: number;
  optimum: number;
  /** (cost - optimum) / optimum in %, 0 when the optimum is 0. */
  gapPct: number;
}

/** Routes and solves `count` cases from `firstSeed` on. */
export async function runOracle(
  firstSeed: number,
  count: number,
  size?: CaseSize,
  options?: Parameters<typeof routeOrder>[0]['options'],
): Promise<CaseOutcome[]> {
  const highs = await loadHighs();
  const out: CaseOutcome[] = [];
  for (let seed = firstSeed; seed < firstSeed + count; seed++) {
    const req = generateCase(seed, size);
    const plan = routeOrder(options ? { ...req, options: { ...req.options, ...options } } : req);
    out.push(compare(seed, plan, solveByMilp(highs, req)));
  }
  return out;
}

function compare(seed: number, plan: RoutingPlan, optimum: OracleResult): CaseOutcome {
  const o = plan.trace.objective;
  if (!o) throw new Error(`case ${seed}: no objective in the trace`);
  const sameRank = o.backorderedUnits === optimum.backordered && (o.nonPreferredShipments > 0 ? 1 : 0) === optimum.nonPreferred;
  const cost = Math.round(optimum.cost);
  return {
    seed,
    solver: plan.trace.solver ?? 'exact',
    sameRank,
    cost: o.total,
    optimum: cost,
    gapPct: cost > 0 ? (100 * (o.total - cost)) / cost : o.total === 0 ? 0 : Infinity,
  };
}

/** One line for the test log: cases, how many proven, mismatches, mean and worst gap. */
export function summarise(label: string, outcomes: CaseOutcome[]): string {
  const exact = outcomes.filter((o) => o.solver === 'exact');
  const heuristic = outcomes.filter((o) => o.solver === 'heuristic');
  const gaps = heuristic.map((o) => (o.sameRank ? o.gapPct : Infinity));
  const mean = gaps.length > 0 ? gaps.reduce((a, b) => a + b, 0) / gaps.length : 0;
  return `${label}: ${outcomes.length} cases, ${exact.length} proven exact, ${heuristic.length} heuristic (mean gap ${mean.toFixed(2)}%, worst ${Math.max(0, ...gaps).toFixed(2)}%)`;
}
