import { describe, expect, it } from 'vitest';
import { isDeliverable, matchesAny, patternProblem, WEBHOOK_EVENT_TYPES } from './event-types.ts';

describe('webhook event patterns', () => {
  it('accepts every known type, group wildcards and *', () => {
    for (const t of [...WEBHOOK_EVENT_TYPES, 'order.*', 'inventory.*', 'fulfillment.*', 'return.*', 'channel.*', '*'])
      expect(patternProblem(t)).toBeUndefined();
  });

  it('does not offer the log events channel.stock_changed is derived from, nor send them to * or channel.*', () => {
    expect(patternProblem('channel.stock_settings_changed')).toMatch(/unknown event type/);
    expect(isDeliverable('channel.sku_map_changed')).toBe(false);
    expect(isDeliverable('channel.stock_settings_changed')).toBe(false);
    expect(isDeliverable('inventory.reserved')).toBe(true);
    expect(matchesAny(['channel.*'], 'channel.stock_changed')).toBe(true);
  });

  it('names what is wrong with an unknown type or group', () => {
    expect(patternProblem('order.shiped')).toMatch(/unknown event type order.shiped/);
    expect(patternProblem('parcel.*')).toMatch(/unknown event group parcel/);
    expect(patternProblem('order*')).toBeDefined();
  });

  it('matches exact names, group wildcards and everything', () => {
    expect(matchesAny(['order.*'], 'order.routed')).toBe(true);
    expect(matchesAny(['order.*'], 'orders.routed')).toBe(false);
    expect(matchesAny(['order.*'], 'inventory.low')).toBe(false);
    expect(matchesAny(['inventory.low'], 'inventory.low')).toBe(true);
    expect(matchesAny(['inventory.low'], 'inventory.lower')).toBe(false);
    expect(matchesAny(['*'], 'fulfillment.shipped')).toBe(true);
    expect(matchesAny([], 'order.routed')).toBe(false);
  });
});
