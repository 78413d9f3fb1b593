import { describe, expect, it } from 'vitest';
import { analyzePolicy } from './analysis.ts';
import { benchPolicy } from './bench.ts';
import { BENCH_FACTS, BENCH_POLICY } from './bench-policy.ts';
import { DEMO_MACROS, DEMO_WAREHOUSE_IDS } from './demo-fixtures.ts';
import { compilePolicy } from './fast-engine.ts';
import { validatePolicy } from './validate.ts';

describe('bench policy', () => {
  it('is a valid 20-rule policy without analysis warnings', () => {
    expect(BENCH_POLICY.rules).toHaveLength(20);
    expect(validatePolicy(BENCH_POLICY, { warehouseIds: DEMO_WAREHOUSE_IDS, macroNames: DEMO_MACROS }).ok).toBe(true);
    expect(analyzePolicy(BENCH_POLICY).warnings).toEqual([]);
  });

  it('fires a different, non-empty set of rules for each bench order', () => {
    const fired = BENCH_FACTS.map((f) =>
      compilePolicy(BENCH_POLICY)
        .fire(f)
        .map((e) => e.rule)
        .join(),
    );
    expect(new Set(fired).size).toBe(BENCH_FACTS.length);
    expect(fired.every((f) => f.length > 0)).toBe(true);
  });
});

describe('benchPolicy', () => {
  it("reports both engines' rates and the fast engine is at least ten times faster", async () => {
    const result = await benchPolicy({ durationMs: 300 });
    expect(Object.keys(result).sort()).toEqual([
      'policy.fastFireRunsPerSec',
      'policy.fastRunsPerSec',
      'policy.referenceRunsPerSec',
      'policy.speedup',
    ]);
    expect(result['policy.speedup']).toBeGreaterThanOrEqual(10);
  });
});
