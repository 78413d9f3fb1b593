// A brokered backorder is re-decided with the facts intake had: a repeat customer's order is not
// taken for a first order (isFirstOrder) when stock arrives and the policy runs again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ warehouses: WAREHOUSES, products: PRODUCTS, channels: ['webshop'], stock: [] });
  // First orders may not ship from Berlin (say, a fraud rule); later ones may.
  const rule = {
    name: 'first-orders-not-from-berlin',
    conditions: { all: [{ fact: 'isFirstOrder', operator: 'equal', value: true }] },
    event: { type: 'exclude-warehouses', params: { warehouses: ['BER'] } },
  };
  expect((await t.call('PUT', '/v1/policies/draft', { body: { rules: [rule] } })).status).toBe(200);
  expect((await t.call('POST', '/v1/policies/publish')).status).toBe(200);
});
afterAll(() => t.close());

describe('brokering a backorder', () => {
  it("counts the customer's earlier orders, as intake did", async () => {
    const customer = { email: 'repeat@example.com' };
    const place = (id: string) =>
      t.call('POST', '/v1/orders', { token: 'key-webshop', body: orderBody(id, [{ sku: 'TONGS', quantity: 1 }], 'GB', { customer }) });
    const first = await place('FACTS-1');
    const second = await place('FACTS-2');
    expect([first.body.status, second.body.status]).toEqual(['backordered', 'backordered']);
    await t.call('POST', `/v1/orders/${first.body.id}/cancel`);

    await t.call('POST', '/v1/inventory/adjustments', {
      body: { reason: 'delivery', adjustments: [{ sku: 'TONGS', warehouseId: 'BER', delta: 1 }] },
    });
    await t.services.broker.settled();
    const brokered = (await t.call('GET', `/v1/orders/${second.body.id}`)).body;
    expect(brokered.status).toBe('routed');
    expect(brokered.fulfillments.map((f: { warehouseId: string }) => f.warehouseId)).toEqual(['BER']);
  });
});
