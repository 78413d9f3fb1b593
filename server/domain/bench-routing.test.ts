import { describe, expect, it } from 'vitest';
import { benchRouting, benchTenWarehouses } from './bench-routing.ts';

const quiet = () => {};

describe('benchRouting', () => {
  it('reports orders per second for each order mix and the gap to the HiGHS optimum', async () => {
    const results = await benchRouting({ durationMs: 50, gapCases: 2, ordersPerSize: 6, optimumCases: 2, print: quiet });
    expect(Object.keys(results)).toEqual(
      expect.arrayContaining(['routing.exactOrdersPerSec', 'routing.heuristicOrdersPerSec', 'routing.gapToOptimumPct']),
    );
    for (const key of ['routing.typicalOrdersPerSec', 'routing.exactOrdersPerSec', 'routing.heuristicOrdersPerSec'])
      expect(results[key]).toBeGreaterThan(0);
    expect(results['routing.gapToOptimumPct']).toBeGreaterThanOrEqual(0);
    expect(results['routing.exactProvenPct']).toBeGreaterThan(90);
    expect(results['routing.lines10.decisionsPerSec']).toBeGreaterThan(0);
  }, 120_000);

  it('reports 1, 5 and 10-line orders over 10 warehouses against greedy and the optimum, never costing more than greedy', async () => {
    let table = '';
    const results = await benchTenWarehouses({ durationMs: 20, ordersPerSize: 40, optimumCases: 4, print: (t) => (table += t) });
    for (const lines of [1, 5, 10]) {
      expect(results[`routing.lines${lines}.decisionsPerSec`]).toBeGreaterThan(0);
      expect(results[`routing.lines${lines}.p99Us`]).toBeGreaterThan(0);
      expect(results[`routing.lines${lines}.savingVsGreedyPct`]).toBeGreaterThanOrEqual(0);
    }
    expect(results['routing.lines10.splitPct']).toBeGreaterThan(0);
    expect(results['routing.worseThanGreedyOrders']).toBe(0);
    expect(results['routing.savingVsGreedyPct']).toBeGreaterThan(0);
    expect(results['routing.savingVsGreedyTotalPct']).toBeGreaterThan(0);
    expect(results['routing.tenWarehouse.optimumCases']).toBe(12);
    expect(results['routing.tenWarehouse.gapToOptimumPct']).toBeLessThanOrEqual(0.5);
    expect(results['routing.tenWarehouse.greedyGapToOptimumPct']).toBeGreaterThanOrEqual(0);
    expect(table).toContain('saving vs greedy');
  }, 120_000);
});
