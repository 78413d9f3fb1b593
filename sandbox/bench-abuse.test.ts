import { describe, expect, it } from 'vitest';
import { benchMacroAbuse } from './bench-abuse.ts';

describe('benchMacroAbuse', () => {
  it('reports normal-call latency with and without looping calls, in microseconds', async () => {
    const results = await benchMacroAbuse({ calls: 200, perSecond: 1000, loopEvery: 50 });
    expect(Object.keys(results)).toEqual(
      expect.arrayContaining(['macro.abuseP99Us', 'macro.cleanP99Us', 'macro.abuseP50Us', 'macro.cleanP50Us']),
    );
    expect(results['macro.abuseP99Us']).toBeGreaterThanOrEqual(results['macro.abuseP50Us'] ?? 0);
    expect(results['macro.cleanP99Us']).toBeGreaterThanOrEqual(results['macro.cleanP50Us'] ?? 0);
    expect(results['macro.cleanP50Us']).toBeGreaterThan(0);
  });
});
