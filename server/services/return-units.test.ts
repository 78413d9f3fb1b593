import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fulfillment, Order } from '../domain/types.ts';
import type { OrderReturn } from '../store/return-repo.ts';
import { applyReceipt, checkReturnLines, exchangeOrderInput, isWhollyReturned, returnedUnits } from './return-units.ts';

const fulfillment = (status: Fulfillment['status'], lines: { sku: string; quantity: number }[]): Fulfillment => ({
  id: `ful_${status}`,
  warehouseId: 'MAN',
  status,
  lines,
  packages: [],
  carrier: 'c',
  service: 'standard',
  crossBorder: false,
  cost: { shipping: 0, handling: 0, duties: 0, total: 0 },
  eta: '2026-01-02',
});

const order = (fulfillments: Fulfillment[], status: Order['status'] = 'delivered'): Order => ({
  id: 'ord_1',
  externalId: 'WEB-1',
  channelId: 'web',
  status,
  placedAt: '2026-01-01T00:00:00Z',
  serviceLevel: 'standard',
  shipTo: { name: 'A', line1: '1', city: 'X', postalCode: 'X', country: 'GB' },
  lines: [
    { sku: 'A', quantity: 3, unitPrice: 500 },
    { sku: 'B', quantity: 1, unitPrice: 900 },
  ],
  fulfillments,
  holds: [],
  tags: [],
  decision: { policyVersion: 1, macros: {}, trace: {} },
  createdAt: '',
  updatedAt: '',
});

const rma = (status: OrderReturn['status'], lines: OrderReturn['lines']): OrderReturn => ({
  id: 'rma_1',
  orderId: 'ord_1',
  channelId: 'web',
  status,
  reason: 'x',
  note: null,
  exchange: true,
  exchangeOrderId: null,
  warehouseId: null,
  lines,
  createdAt: '',
  receivedAt: status === 'received' ? '2026-01-05T00:00:00.000Z' : null,
  updatedAt: '',
});

describe('checkReturnLines', () => {
  it('allows shipped minus already returned, counting only received units of closed returns', () => {
    const o = order([fulfillment('delivered', [{ sku: 'A', quantity: 3 }]), fulfillment('allocated', [{ sku: 'B', quantity: 1 }])]);
    const earlier = [rma('received', [{ sku: 'A', quantity: 2, sellable: 1, damaged: 0 }])];
    expect(checkReturnLines([{ sku: 'A', quantity: 2 }], o, earlier).over).toEqual([]);
    expect(
      checkReturnLines(
        [
          { sku: 'A', quantity: 2 },
          { sku: 'A', quantity: 1 },
        ],
        o,
        earlier,
      ).over,
    ).toHaveLength(1);
    expect(checkReturnLines([{ sku: 'B', quantity: 1 }], o, []).over).toHaveLength(1); // allocated, not shipped
    expect(checkReturnLines([{ sku: 'Z', quantity: 1 }], o, []).invalid[0]?.path).toBe('lines.0.sku');
  });

  it('never lets more units onto returns than shipped, whatever the sequence of requests', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 8 }), (shipped, asks) => {
        const o = order(shipped > 0 ? [fulfillment('shipped', [{ sku: 'A', quantity: shipped }])] : [], 'shipped');
        const returns: OrderReturn[] = [];
        for (const q of asks) {
          const check = checkReturnLines([{ sku: 'A', quantity: q }], o, returns);
          if (check.over.length === 0 && check.invalid.length === 0) returns.push(rma('requested', check.lines));
        }
        expect(returnedUnits(returns).get('A') ?? 0).toBeLessThanOrEqual(shipped);
      }),
    );
  });
});

describe('applyReceipt', () => {
  it('adds units per condition and flags SKUs not on the return and receipts over the authorised units', () => {
    const r = rma('requested', [{ sku: 'A', quantity: 2, sellable: 0, damaged: 0 }]);
    const ok = applyReceipt(r, [
      { sku: 'A', quantity: 1, condition: 'sellable' },
      { sku: 'A', quantity: 1, condition: 'damaged' },
    ]);
    expect(ok).toEqual({ lines: [{ sku: 'A', quantity: 2, sellable: 1, damaged: 1 }], invalid: [], over: [] });
    expect(applyReceipt(r, [{ sku: 'A', quantity: 3, condition: 'sellable' }]).over).toHaveLength(1);
    expect(applyReceipt(r, [{ sku: 'B', quantity: 1, condition: 'sellable' }]).invalid).toHaveLength(1);
  });
});

describe('isWhollyReturned', () => {
  it('needs a fully shipped order and every shipped unit received', () => {
    const o = order([fulfillment('delivered', [{ sku: 'A', quantity: 2 }])]);
    expect(isWhollyReturned(o, [rma('received', [{ sku: 'A', quantity: 2, sellable: 1, damaged: 1 }])])).toBe(true);
    expect(isWhollyReturned(o, [rma('received', [{ sku: 'A', quantity: 2, sellable: 1, damaged: 0 }])])).toBe(false);
    expect(
      isWhollyReturned({ ...o, status: 'partially_shipped' }, [rma('received', [{ sku: 'A', quantity: 2, sellable: 2, damaged: 0 }])]),
    ).toBe(false);
  });
});

describe('exchangeOrderInput', () => {
  it('sends the received units again at the original prices with an external id fixed per return', () => {
    const o = order([fulfillment('delivered', [{ sku: 'A', quantity: 3 }])]);
    const input = exchangeOrderInput(o, rma('received', [{ sku: 'A', quantity: 2, sellable: 0, damaged: 1 }]));
    expect(input).toMatchObject({
      externalId: 'WEB-1-EX-rma_1',
      placedAt: '2026-01-05T00:00:00.000Z',
      lines: [{ sku: 'A', quantity: 1, unitPrice: 500 }],
    });
    expect(exchangeOrderInput(o, rma('received', [{ sku: 'A', quantity: 2, sellable: 0, damaged: 0 }]))).toBeUndefined();
  });
});
