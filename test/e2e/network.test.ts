import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAN, PRODUCTS } from '../support/network.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('warehouses, products and inventory', () => {
  it('stores a warehouse with its rate card and reads it back', async () => {
    const { id, ...body } = MAN;
    const put = await t.call('PUT', `/v1/warehouses/${id}`, { body });
    expect(put.status).toBe(200);
    expect((await t.call('GET', '/v1/warehouses/MAN')).body).toEqual(MAN);
    const updated = await t.call('PUT', '/v1/warehouses/MAN', { body: { ...body, handlingCost: 130 } });
    expect(updated.body.handlingCost).toBe(130);
    expect((await t.call('GET', '/v1/warehouses')).body.warehouses).toHaveLength(1);
    const badRate = await t.call('PUT', '/v1/warehouses/BAD', { body: { ...body, rates: [{ ...body.rates[0], to: ['england'] }] } });
    expect(badRate.status).toBe(400);
    expect(badRate.body.error.details[0].path).toBe('rates.0.to.0');
  });

  it('stores products', async () => {
    for (const { sku, ...p } of PRODUCTS) expect((await t.call('PUT', `/v1/products/${sku}`, { body: p })).status).toBe(200);
    expect((await t.call('GET', '/v1/products/OIL-5L')).body).toMatchObject({ liquid: true, volumeLitres: 5 });
    expect((await t.call('GET', '/v1/products')).body.products).toHaveLength(PRODUCTS.length);
  });

  it('applies adjustments all or none and shows stock per SKU and per warehouse', async () => {
    const ok = await t.call('POST', '/v1/inventory/adjustments', {
      body: {
        reason: 'cycle count',
        adjustments: [
          { sku: 'CD', warehouseId: 'MAN', delta: 10 },
          { sku: 'BBQ', warehouseId: 'MAN', onHand: 3 },
        ],
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.results).toEqual([
      { sku: 'CD', warehouseId: 'MAN', before: 0, after: 10 },
      { sku: 'BBQ', warehouseId: 'MAN', before: 0, after: 3 },
    ]);
    const bad = await t.call('POST', '/v1/inventory/adjustments', {
      body: {
        reason: 'x',
        adjustments: [
          { sku: 'CD', warehouseId: 'MAN', delta: 5 },
          { sku: 'CD', warehouseId: 'NOWHERE', delta: 1 },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('adjustments.1.warehouseId');
    const negative = await t.call('POST', '/v1/inventory/adjustments', {
      body: {
        reason: 'x',
        adjustments: [
          { sku: 'CD', warehouseId: 'MAN', delta: 5 },
          { sku: 'BBQ', warehouseId: 'MAN', delta: -4 },
        ],
      },
    });
    expect(negative.status).toBe(409);
    const cd = (await t.call('GET', '/v1/inventory/CD')).body;
    expect(cd).toEqual({
      sku: 'CD',
      total: { onHand: 10, reserved: 0, available: 10 },
      locations: [expect.objectContaining({ warehouseId: 'MAN', onHand: 10, reserved: 0, available: 10 })],
    });
    const man = (await t.call('GET', '/v1/warehouses/MAN/inventory')).body;
    expect(man.levels.map((l: { sku: string }) => l.sku)).toEqual(['BBQ', 'CD']);
  });
});
