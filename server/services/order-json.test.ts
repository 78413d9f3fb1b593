import { describe, expect, it } from 'vitest';
import type { Order } from '../domain/types.ts';
import { type StoreOrderJob, storeOrderArgsJson } from '../store/procedures.ts';
import { orderAroundDecision, withDecisionJson } from './order-json.ts';

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

describe('orderAroundDecision', () => {
  it('is what JSON.stringify writes, around the decision serialised beforehand', () => {
    const around = orderAroundDecision(order);
    expect(around && withDecisionJson(around, JSON.stringify(order.decision))).toBe(JSON.stringify(order));
    expect(around && withDecisionJson(around, '{"policyVersion":3}')).toBe(JSON.stringify({ ...order, decision: { policyVersion: 3 } }));
  });

  it('gives up when a customer string holds the slot text, so that the order is serialised whole', () => {
    expect(orderAroundDecision({ ...order, shipTo: { ...order.shipTo, name: '\u0000decision' } })).toBeUndefined();
    expect(orderAroundDecision({ ...order, tags: ['\u0000decision'] })).toBeUndefined();
  });
});

describe('storeOrderArgsJson', () => {
  const job: StoreOrderJob = {
    order: { ...order, decision: { policyVersion: 3 } },
    keys: { bodyHash: 'h', customerKey: null },
    now: '2026-11-01T00:00:00.000Z',
    routedOn: { stock: [['UK-MAN', [['CD-BLUE', 4]]]], needs: [['CD-BLUE', 1]], exact: false },
  };

  it('is the JSON of the job, with the order serialised beforehand around its decision', () => {
    const around = orderAroundDecision(order);
    if (!around) throw new Error('the slot should be unambiguous');
    const text = storeOrderArgsJson(job, withDecisionJson(around, JSON.stringify(job.order.decision)));
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(job)));
    const { routedOn: _routedOn, ...withoutCheck } = job;
    expect(JSON.parse(storeOrderArgsJson(withoutCheck, '{}'))).toEqual({ ...JSON.parse(JSON.stringify(withoutCheck)), order: {} });
  });
});
