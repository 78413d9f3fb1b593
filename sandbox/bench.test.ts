import { describe, expect, it } from 'vitest';
import { benchMacro } from './bench.ts';

describe('benchMacro', () => {
  it('reports the mean and p99 of a split-liquids pack call in microseconds', async () => {
    const results = await benchMacro({ calls: 100, spacedCalls: 5 });
    expect(Object.keys(results)).toEqual(expect.arrayContaining(['macro.callUs', 'macro.p99Us']));
    for (const value of Object.values(results)) expect(value).toBeGreaterThan(0);
    expect(results['macro.p99Us']).toBeGreaterThanOrEqual(results['macro.p50Us'] ?? 0);
  });
});
