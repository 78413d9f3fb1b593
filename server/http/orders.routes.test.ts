import { describe, expect, it } from 'vitest';
import type { Order } from '../domain/types.ts';
import { orderJson } from './orders.routes.ts';

const order = {
  id: 'ord_1',
  externalId: 'x-1',
  channelId: 'webshop',
  status: 'allocated',
  placedAt: '2026-11-01T00:00:00.000Z',
  serviceLevel: 'standard',
  shipTo: { name: 'A "quoted" \\ name', line1: '1 Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' },
  customer: undefined,
  lines: [{ sku: 'CD-BLUE', quantity: 1, unitPrice: 500 }],
  fulfillments: [],
  holds: [],
  tags: ['vip'],
  decision: { policyVersion: 3, macros: { m: { note: '$& $1 \u0000decision' } }, trace: { facts: {}, notes: [] } },
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
} as unknown as Order;

describe('orderJson', () => {
  it('writes exactly what JSON.stringify writes, with the decision serialised once beforehand', () => {
    expect(orderJson(order, JSON.stringify(order.decision))).toBe(JSON.stringify(order));
  });

  it('serialises the order whole when a customer string holds the slot text', () => {
    const tricky = { ...order, shipTo: { ...order.shipTo, name: '\u0000decision' } } as Order;
    expect(orderJson(tricky, JSON.stringify(tricky.decision))).toBe(JSON.stringify(tricky));
  });
});
