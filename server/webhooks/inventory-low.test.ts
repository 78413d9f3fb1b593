import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../store/event-repo.ts';
import { stockEffects } from './inventory-low.ts';
import { retryDelayMs } from './options.ts';

const event = (type: string, data: Record<string, unknown>, sku?: string): StoredEvent => ({
  seq: 1,
  type,
  at: '2026-01-01T00:00:00.000Z',
  sku,
  data,
});

describe('stock effects of events', () => {
  it('reads reservations and releases from their moves', () => {
    const moves = [{ sku: 'CD', warehouseId: 'MAN', quantity: 2 }];
    expect(stockEffects(event('inventory.reserved', { moves })).reduced).toEqual([{ sku: 'CD', warehouseId: 'MAN' }]);
    expect(stockEffects(event('inventory.released', { moves })).increased).toEqual([{ sku: 'CD', warehouseId: 'MAN' }]);
  });

  it('reads an adjustment as a reduction or an increase by its before and after', () => {
    expect(stockEffects(event('inventory.adjusted', { warehouseId: 'MAN', before: 5, after: 2 }, 'CD')).reduced).toHaveLength(1);
    expect(stockEffects(event('inventory.adjusted', { warehouseId: 'MAN', before: 2, after: 5 }, 'CD')).increased).toHaveLength(1);
    expect(stockEffects(event('inventory.adjusted', { warehouseId: 'MAN', before: 2, after: 2 }, 'CD'))).toEqual({
      reduced: [],
      increased: [],
      fulfillmentIds: [],
    });
  });

  it('leaves a reroute to a lookup of its fulfillments, and ignores other events', () => {
    expect(stockEffects(event('order.rerouted', { fulfillments: ['ful_1'] })).fulfillmentIds).toEqual(['ful_1']);
    expect(stockEffects(event('fulfillment.shipped', { lines: [] }))).toEqual({ reduced: [], increased: [], fulfillmentIds: [] });
  });
});

describe('retry delays', () => {
  const opts = { retryDelaysMs: [10_000, 30_000, 120_000], jitter: 0.2 };

  it('follows the schedule and repeats its last step', () => {
    const exact = { ...opts, jitter: 0, random: () => 0.5 };
    expect([1, 2, 3, 4, 9].map((n) => retryDelayMs(n, exact))).toEqual([10_000, 30_000, 120_000, 120_000, 120_000]);
  });

  it('jitters within the configured fraction', () => {
    expect(retryDelayMs(1, { ...opts, random: () => 0 })).toBe(8_000);
    expect(retryDelayMs(1, { ...opts, random: () => 1 })).toBe(12_000);
  });
});
