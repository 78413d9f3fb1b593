import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_OF } from '../../server/http/error-handler.ts';
import { ERROR_CODES } from '../../server/domain/errors.ts';
import { createApp } from '../../server/app.ts';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ warehouses: WAREHOUSES, products: PRODUCTS, channels: ['webshop'], maxBodyBytes: 64 * 1024 });
});
afterAll(() => t.close());

const expectError = (res: { status: number; body: any }, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
};

describe('errors in the contract shape', () => {
  it('maps every error code to a status', () => {
    expect(Object.keys(STATUS_OF).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('400 validation_failed names each bad field', async () => {
    const res = await t.call('PUT', '/v1/products/NEW-1', { body: { name: 'x', weightKg: -1, shippingClass: 'crate', extra: 1 } });
    expectError(res, 400, 'validation_failed');
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['(root)', 'shippingClass', 'weightKg']);
    expect((await t.call('GET', '/v1/products/NEW-1')).status).toBe(404);
  });

  it('400 for a body that is not JSON', async () => {
    const res = await t.call('POST', '/v1/orders', {
      token: 'key-webshop',
      raw: '{"externalId":',
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 400, 'validation_failed');
  });

  it('401 unauthorized and 403 forbidden', async () => {
    expectError(await t.call('GET', '/v1/warehouses', { token: null }), 401, 'unauthorized');
    expectError(await t.call('PUT', '/v1/warehouses/X', { token: 'key-webshop', body: {} }), 403, 'forbidden');
  });

  it('404 not_found for unknown things and unknown routes', async () => {
    expectError(await t.call('GET', '/v1/orders/ord_nothing'), 404, 'not_found');
    expectError(await t.call('GET', '/v1/inventory/NO-SUCH-SKU'), 404, 'not_found');
    expectError(await t.call('GET', '/v1/nowhere'), 404, 'not_found');
  });

  it('409 conflict when the same order comes back different', async () => {
    await t.call('POST', '/v1/orders', { token: 'key-webshop', body: orderBody('E-1', [{ sku: 'CD', quantity: 1 }]) });
    const res = await t.call('POST', '/v1/orders', { token: 'key-webshop', body: orderBody('E-1', [{ sku: 'CD', quantity: 3 }]) });
    expectError(res, 409, 'conflict');
  });

  it('413 payload_too_large past the body limit, and nothing is stored', async () => {
    const huge = orderBody('E-HUGE', [{ sku: 'CD', quantity: 1 }], 'GB', { customer: { id: 'x'.repeat(100_000) } });
    expectError(await t.call('POST', '/v1/orders', { token: 'key-webshop', body: huge }), 413, 'payload_too_large');
    expect((await t.call('GET', '/v1/orders')).body.orders.some((o: { externalId: string }) => o.externalId === 'E-HUGE')).toBe(false);
  });

  it('500 internal hides the cause', async () => {
    const app = createApp(t.services);
    app.get('/explode', () => {
      throw new Error('secret detail');
    });
    const res = await app.request('/explode');
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe('internal');
    expect(JSON.stringify(body)).not.toContain('secret detail');
  });
});
