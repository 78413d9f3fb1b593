import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../store/event-repo.ts';
import { availabilityChanges, availableAt, valueAt, type Change } from './stock-at.ts';

const event = (type: string, data: Record<string, unknown>, sku?: string): StoredEvent => ({
  seq: 7,
  type,
  at: '2026-01-01T00:00:00.000Z',
  sku,
  data,
});

describe('how events move available units', () => {
  it('reads reservations, reroutes and releases from their moves, with the counts they recorded', () => {
    const moves = [{ sku: 'CD', warehouseId: 'MAN', quantity: 2, onHand: 10, reserved: 3 }];
    expect(availabilityChanges(event('inventory.reserved', { moves }))).toEqual([{ sku: 'CD', warehouseId: 'MAN', delta: -2, after: 7 }]);
    expect(availabilityChanges(event('order.rerouted', { moves }))).toEqual([{ sku: 'CD', warehouseId: 'MAN', delta: -2, after: 7 }]);
    expect(availabilityChanges(event('inventory.released', { moves }))).toEqual([{ sku: 'CD', warehouseId: 'MAN', delta: 2, after: 7 }]);
  });

  it('reads adjustments by before and after, and restocks by quantity', () => {
    const adjusted = event('inventory.adjusted', { warehouseId: 'MAN', before: 5, after: 9, reserved: 2 }, 'CD');
    expect(availabilityChanges(adjusted)).toEqual([{ sku: 'CD', warehouseId: 'MAN', delta: 4, after: 7 }]);
    expect(availabilityChanges(event('inventory.adjusted', { warehouseId: 'MAN', before: 5, after: 5, reserved: 0 }, 'CD'))).toEqual([]);
    expect(availabilityChanges(event('inventory.restocked', { warehouseId: 'BER', quantity: 3 }, 'CD'))).toEqual([
      { sku: 'CD', warehouseId: 'BER', delta: 3 },
    ]);
  });

  it('ignores shipping (on hand and reserved drop alike), reroutes logged without moves and other events', () => {
    expect(availabilityChanges(event('fulfillment.shipped', { lines: [{ sku: 'CD', quantity: 1 }] }))).toEqual([]);
    expect(availabilityChanges(event('order.rerouted', { fulfillments: ['ful_1'] }))).toEqual([]);
    expect(availabilityChanges(event('order.routed', { channelId: 'webshop' }))).toEqual([]);
  });
});

describe('reading a count back to a point of the log', () => {
  it('goes forward from a recorded count, back from a later one, or back from the count now', () => {
    const changes: Change[] = [
      { seq: 2, delta: -1 },
      { seq: 4, delta: -2, after: 5 },
      { seq: 6, delta: 3 },
    ];
    expect(availableAt(changes, 1, 99)).toBe(8);
    expect(availableAt(changes, 3, 99)).toBe(7);
    expect(availableAt(changes, 5, 99)).toBe(5);
    expect(availableAt(changes, 6, 99)).toBe(8);
    expect(availableAt([{ seq: 3, delta: 2 }], 2, 10)).toBe(8);
  });

  it('recovers the true count after every event, whichever counts were recorded (property)', () => {
    const steps = fc.array(fc.record({ delta: fc.integer({ min: -20, max: 20 }), recorded: fc.boolean() }), { maxLength: 30 });
    fc.assert(
      fc.property(fc.nat(500), steps, (start, list) => {
        let units = start;
        const truth: number[] = [start];
        const changes: Change[] = list.map((s, i) => {
          units += s.delta;
          truth.push(units);
          return { seq: i + 1, delta: s.delta, after: s.recorded ? units : undefined };
        });
        for (const [seq, expected] of truth.entries()) expect(availableAt(changes, seq, units)).toBe(expected);
      }),
    );
  });

  it('reads a replaced value as the last replacement at or before the point, else what the next one replaced', () => {
    const swaps = [
      { seq: 3, before: 'a', after: 'b' },
      { seq: 5, before: 'b', after: 'c' },
    ];
    expect([1, 3, 4, 5, 9].map((seq) => valueAt(swaps, seq)?.value)).toEqual(['a', 'b', 'b', 'c', 'c']);
    expect(valueAt([], 4)).toBeUndefined();
  });
});
