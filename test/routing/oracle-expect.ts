// Shared expectations of the exact-range oracle suites.
import type { ExpectStatic } from 'vitest';
import { EXACT_RANGE } from './generate.ts';
import { runOracle, summarise } from './oracle-run.ts';

/** Cases per exact-range suite (four suites). */
export const ORACLE_CASES = Number(process.env.ROUTING_ORACLE_CASES ?? 600);

/**
 * Every case the optimiser calls exact has the MILP's rank and cost; cases that hit the search
 * limits (marked heuristic) keep the rank and come within 5 %, and are at most 2 % of cases.
 */
export async function expectExactRange(firstSeed: number, count: number, expect: ExpectStatic): Promise<void> {
  const outcomes = await runOracle(firstSeed, count, EXACT_RANGE);
  console.info(summarise(`seeds ${firstSeed}..${firstSeed + count - 1}`, outcomes));
  for (const o of outcomes.filter((x) => x.solver === 'exact')) {
    expect({ seed: o.seed, sameRank: o.sameRank, cost: o.cost }).toEqual({ seed: o.seed, sameRank: true, cost: o.optimum });
  }
  const heuristic = outcomes.filter((x) => x.solver === 'heuristic');
  for (const o of heuristic)
    expect({ seed: o.seed, sameRank: o.sameRank, withinTolerance: o.gapPct <= 5 }).toEqual({
      seed: o.seed,
      sameRank: true,
      withinTolerance: true,
    });
  expect(heuristic.length).toBeLessThanOrEqual(Math.ceil(count * 0.02));
}
