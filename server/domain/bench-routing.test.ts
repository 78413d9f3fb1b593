import { describe, expect, it } from 'vitest';
import { benchRouting } from './bench-routing.ts';

describe('benchRouting', () => {
  it('reports orders per second for each order mix and the gap to the HiGHS optimum', async () => {
    const results = await benchRouting({ durationMs: 50, gapCases: 2 });
    expect(Object.keys(results)).toEqual(
      expect.arrayContaining(['routing.exactOrdersPerSec', 'routing.heuristicOrdersPerSec', 'routing.gapToOptimumPct']),
    );
    for (const key of ['routing.typicalOrdersPerSec', 'routing.exactOrdersPerSec', 'routing.heuristicOrdersPerSec'])
      expect(results[key]).toBeGreaterThan(0);
    expect(results['routing.gapToOptimumPct']).toBeGreaterThanOrEqual(0);
    expect(results['routing.exactProvenPct']).toBeGreaterThan(90);
  }, 120_000);
});
