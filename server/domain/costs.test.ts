import { describe, expect, it } from 'vitest';
import { MAN } from '../../test/support/network.ts';
import { DAY_MS, daysLate, estimateDelivery, orderDayMs, quoteShipment, shipDayMs } from './costs.ts';

describe('estimateDelivery', () => {
  it('ships the same day before the cut-off and the next day after it', () => {
    expect(estimateDelivery('2026-11-24T10:00:00Z', 16, 2)).toBe('2026-11-26');
    expect(estimateDelivery('2026-11-24T16:30:00Z', 16, 2)).toBe('2026-11-27');
  });
});

describe('daysLate', () => {
  it('counts calendar days past the promise from the order date, with the cut-off moving the ship day', () => {
    const placed = '2026-11-24T10:00:00Z';
    expect(daysLate(placed, shipDayMs(placed, 16) + 4 * DAY_MS, 4)).toBe(0);
    expect(daysLate(placed, shipDayMs(placed, 9) + 4 * DAY_MS, 4)).toBe(1);
    expect(daysLate(placed, orderDayMs(placed) + 2 * DAY_MS, 4)).toBe(0);
  });
});

describe('quoteShipment', () => {
  it('adds the duties quoted for a shipment to its cost', () => {
    const packages = [{ lines: [{ sku: 'TONGS', quantity: 1 }], weightKg: 0.4, volumeLitres: 0, shippingClass: 'parcel' as const }];
    const duties = { incoterm: 'DDP' as const, from: 'GB', to: 'EU', goodsValue: 1000, duty: 0, vat: 200, rule: 'test' };
    const q = quoteShipment({
      warehouse: MAN,
      packages,
      country: 'DE',
      serviceLevel: 'standard',
      placedAt: '2026-11-24T10:00:00Z',
      duties,
    });
    expect(q.ok && q.quote.cost).toEqual({ shipping: 1200 + 32, handling: 100, duties: 200, total: 1532 });
  });
});
