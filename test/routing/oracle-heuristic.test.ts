// Past the exact range (11-16 lines, 20-30 warehouses, up to 5 units a line) against HiGHS: the
// plans keep the optimum's rank (units shipped, preference) and their cost stays close to it.
import { describe, expect, it } from 'vitest';
import { HEURISTIC_RANGE } from './generate.ts';
import { runOracle, summarise } from './oracle-run.ts';

const CASES = Number(process.env.ROUTING_ORACLE_HEURISTIC_CASES ?? 16);

describe('routing past the exact range against the HiGHS optimum', () => {
  it('ranks as the optimum does and costs within 2 % of it on average, 15 % at worst', async () => {
    const outcomes = await runOracle(1000, CASES, HEURISTIC_RANGE);
    console.info(summarise('heuristic range', outcomes));
    for (const o of outcomes) expect({ seed: o.seed, sameRank: o.sameRank }).toEqual({ seed: o.seed, sameRank: true });
    for (const o of outcomes.filter((x) => x.solver === 'exact'))
      expect({ seed: o.seed, cost: o.cost }).toEqual({ seed: o.seed, cost: o.optimum });
    const gaps = outcomes.map((o) => o.gapPct);
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeLessThanOrEqual(2);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(15);
  }, 600_000);

  it('stays within 3 % on average and 15 % at worst with the exact search switched off (greedy and local search only)', async () => {
    const outcomes = await runOracle(1000, CASES, HEURISTIC_RANGE, { search: { maxStates: 0, maxEvaluations: 0 } });
    console.info(summarise('pure heuristic', outcomes));
    const gaps = outcomes.map((o) => (o.sameRank ? o.gapPct : Infinity));
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeLessThanOrEqual(3);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(15);
  }, 600_000);
});
