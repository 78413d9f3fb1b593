import { describe, expect, it } from 'vitest';
import { DemandWindow, reservesFacing } from './demand.ts';

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

describe('reservesFacing', () => {
  const rates = { MAN: { CD: 3 }, BER: { CD: 1 }, NJ: { CD: 2 } };
  const warehouses = [
    { id: 'MAN', country: 'GB' },
    { id: 'BER', country: 'DE' },
    { id: 'NJ', country: 'US' },
  ];

  it("drops the reserves of warehouses in the order's own customs territory", () => {
    expect(reservesFacing(rates, 'GB', warehouses)).toEqual({ BER: { CD: 1 }, NJ: { CD: 2 } });
    expect(reservesFacing(rates, 'FR', warehouses)).toEqual({ MAN: { CD: 3 }, NJ: { CD: 2 } }); // BER is EU, as France
    expect(reservesFacing(rates, 'AU', warehouses)).toBe(rates);
    expect(reservesFacing(undefined, 'GB', warehouses)).toBeUndefined();
    expect(rates.MAN).toEqual({ CD: 3 }); // the shared rates are left as they were
  });
});
