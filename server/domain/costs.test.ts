import { describe, expect, it } from 'vitest';
import { estimateDelivery } from './costs.ts';

describe('estimateDelivery', () => {
  it('ships the same day before the cut-off and the next day after it', () => {
    expect(estimateDelivery('2026-11-24T10:00:00Z', 16, 2)).toBe('2026-11-26');
    expect(estimateDelivery('2026-11-24T16:30:00Z', 16, 2)).toBe('2026-11-27');
  });
});
