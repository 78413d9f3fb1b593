import { describe, expect, it } from 'vitest';
import { DemandWindow } from './demand.ts';

describe('DemandWindow', () => {
  it('gives units per day per warehouse and SKU over the window, forgetting older reservations', () => {
    const w = new DemandWindow(7);
    w.record('2026-11-01T10:00:00Z', 'MAN', 'CD', 7);
    w.record('2026-11-05T10:00:00Z', 'MAN', 'CD', 14);
    w.record('2026-11-05T11:00:00Z', 'BER', 'CD', 7);
    expect(w.rates('2026-11-06T00:00:00Z')).toEqual({ MAN: { CD: 3 }, BER: { CD: 1 } });
    expect(w.rates('2026-11-10T00:00:00Z')).toEqual({ MAN: { CD: 2 }, BER: { CD: 1 } });
    expect(w.rates('2026-11-20T00:00:00Z')).toEqual({});
  });
});
