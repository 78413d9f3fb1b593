import { describe, expect, it } from 'vitest';
import { assertFulfillmentMove, assertOrderMove, deriveOrderStatus, isCancellable } from './lifecycle.ts';
import type { Fulfillment } from './types.ts';

const f = (status: Fulfillment['status']): Fulfillment => ({
  id: 'ful_1',
  warehouseId: 'MAN',
  status,
  lines: [{ sku: 'CD', quantity: 1 }],
  packages: [],
  carrier: 'c',
  service: 'standard',
  crossBorder: false,
  cost: { shipping: 0, handling: 0, duties: 0, total: 0 },
  eta: '2026-11-26',
});

describe('order lifecycle', () => {
  it('derives the order status from fulfillments and holds', () => {
    expect(deriveOrderStatus([f('allocated')], [])).toBe('routed');
    expect(deriveOrderStatus([f('allocated'), f('shipped')], [])).toBe('partially_shipped');
    expect(deriveOrderStatus([f('shipped'), f('delivered')], [])).toBe('shipped');
    expect(deriveOrderStatus([f('delivered')], [])).toBe('delivered');
    expect(deriveOrderStatus([], [{ reason: 'backordered', lines: [{ sku: 'CD', quantity: 1 }] }])).toBe('backordered');
    expect(deriveOrderStatus([f('allocated')], [{ reason: 'fraud_review' }])).toBe('on_hold');
  });

  it('rejects illegal fulfillment moves', () => {
    expect(() => assertFulfillmentMove('allocated', 'shipped')).not.toThrow();
    expect(() => assertFulfillmentMove('shipped', 'delivered')).not.toThrow();
    expect(() => assertFulfillmentMove('allocated', 'delivered')).toThrow(/cannot become delivered/);
    expect(() => assertFulfillmentMove('cancelled', 'shipped')).toThrow(/cannot become shipped/);
    expect(() => assertFulfillmentMove('delivered', 'shipped')).toThrow();
  });

  it('rejects illegal order moves', () => {
    expect(() => assertOrderMove('cancelled', 'routed')).toThrow(/a cancelled order cannot become routed/);
    expect(() => assertOrderMove('delivered', 'cancelled')).toThrow();
    expect(() => assertOrderMove('routed', 'shipped')).not.toThrow();
  });

  it('allows cancelling only before anything has shipped', () => {
    expect(isCancellable('routed', [f('allocated')])).toBe(true);
    expect(isCancellable('backordered', [])).toBe(true);
    expect(isCancellable('partially_shipped', [f('shipped'), f('allocated')])).toBe(false);
    expect(isCancellable('cancelled', [])).toBe(false);
  });
});
