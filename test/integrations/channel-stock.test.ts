// Channel settings and channel stock over HTTP: integration settings never echo the secret, SKU
// maps and buffers are validated, and GET /v1/channels/:id/stock answers ATS after the buffer.
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';
import { BIGCOMMERCE } from './payload-decisions.ts';
import { hasPayloads, PAYLOADS, payloadFiles, readPayload } from './support.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ demo: true });
});
afterAll(() => t.close());

type Item = { sku: string; available: number; heldBack: number; ats: number; platformSkus: string[] };
const stockOf = async (channelId: string, token?: string) => {
  const res = await t.call('GET', `/v1/channels/${channelId}/stock`, token ? { token } : {});
  return { ...res, items: new Map<string, Item>((res.body?.items ?? []).map((i: Item) => [i.sku, i])) };
};

describe('channel integration settings', () => {
  it('stores the platform and secret, answers without the secret, and keeps it on a later PUT', async () => {
    const put = await t.call('PUT', '/v1/channels/webshop/integration', {
      body: { platform: 'shopify', secret: 'shpss_0123456789abcdef', currencyRates: { USD: 0.79 } },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      channelId: 'webshop',
      platform: 'shopify',
      hasSecret: true,
      currency: 'GBP',
      currencyRates: { USD: 0.79 },
      updatedAt: expect.any(String),
    });
    expect(JSON.stringify(put.body)).not.toContain('shpss_');
    const again = await t.call('PUT', '/v1/channels/webshop/integration', { body: { platform: 'shopify' } });
    expect(again.body).toMatchObject({ hasSecret: true, currencyRates: { USD: 0.79 } });
    const read = await t.call('GET', '/v1/channels/webshop/integration', { token: DEMO_KEYS.analyst });
    expect([read.status, read.body.hasSecret]).toEqual([200, true]);
  });

  it('refuses a signed platform without a secret, unknown currencies and channels, and other platforms', async () => {
    const noSecret = await t.call('PUT', '/v1/channels/ebay/integration', { body: { platform: 'woocommerce' } });
    expect([noSecret.status, noSecret.body.error.details]).toEqual([400, [{ path: 'secret', message: 'required' }]]);
    const rates = await t.call('PUT', '/v1/channels/ebay/integration', { body: { platform: 'amazon', currencyRates: { XYZ: 1 } } });
    expect(rates.body.error.details[0].path).toBe('currencyRates.XYZ');
    expect((await t.call('PUT', '/v1/channels/nope/integration', { body: { platform: 'amazon' } })).status).toBe(404);
    expect((await t.call('GET', '/v1/channels/store/integration')).status).toBe(404);
    expect((await t.call('PUT', '/v1/channels/ebay/integration', { body: { platform: 'bigcommerce' } })).status).toBe(400);
    expect((await t.call('PUT', '/v1/channels/ebay/integration', { token: DEMO_KEYS.analyst, body: { platform: 'amazon' } })).status).toBe(
      403,
    );
  });

  it('validates SKU maps: known Conveyor SKUs, each platform SKU once', async () => {
    const bad = await t.call('PUT', '/v1/channels/amazon/sku-map', {
      body: {
        mappings: [
          { platformSku: 'A', sku: 'CD-BLUE' },
          { platformSku: 'A', sku: 'NOPE' },
        ],
      },
    });
    expect(bad.body.error.details).toEqual([
      { path: 'mappings.1.platformSku', message: 'A is mapped twice' },
      { path: 'mappings.1.sku', message: 'unknown SKU NOPE' },
    ]);
    expect((await t.call('PUT', '/v1/channels/amazon/sku-map', { body: { mappings: [], extra: 1 } })).status).toBe(400);
  });
});

describe('channel stock (available to sell)', () => {
  it('offers everything available when the channel has no buffer', async () => {
    const { status, items } = await stockOf('ebay');
    expect(status).toBe(200);
    const inventory = (await t.call('GET', '/v1/inventory/CD-BLUE')).body;
    expect(items.get('CD-BLUE')).toEqual({
      sku: 'CD-BLUE',
      available: inventory.total.available,
      heldBack: 0,
      ats: inventory.total.available,
      platformSkus: [],
    });
    expect(items.size).toBe(50);
  });

  it('holds back the channel buffer and per-SKU safety stock, from the channel’s warehouses only', async () => {
    await t.call('PUT', '/v1/channels/amazon/sku-map', { body: { mappings: [{ platformSku: 'B000CD', sku: 'CD-BLUE' }] } });
    const settings = { bufferPercent: 12.5, safetyUnits: 2, warehouses: ['UK-MAN'], overrides: { 'CD-BLUE': { safetyUnits: 10 } } };
    const put = await t.call('PUT', '/v1/channels/amazon/stock-settings', { body: settings });
    expect(put.body).toEqual(settings);
    const uk = (await t.call('GET', '/v1/inventory/CD-BLUE')).body.locations.find(
      (l: { warehouseId: string }) => l.warehouseId === 'UK-MAN',
    );
    const { items } = await stockOf('amazon', DEMO_KEYS.amazon);
    const heldBack = Math.ceil(uk.available * 0.125) + 10;
    expect(items.get('CD-BLUE')).toEqual({
      sku: 'CD-BLUE',
      available: uk.available,
      heldBack,
      ats: uk.available - heldBack,
      platformSkus: ['B000CD'],
    });
    for (const item of items.values()) {
      expect(item.ats).toBeGreaterThanOrEqual(0);
      expect(item.ats).toBeLessThanOrEqual(item.available);
    }
  });

  it('drops as orders reserve stock, and answers 304 to a poll with the last ETag when nothing changed', async () => {
    const first = await stockOf('ebay');
    const etag = first.headers.get('etag') ?? '';
    const unchanged = await t.call('GET', '/v1/channels/ebay/stock', { headers: { 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);
    await t.call('POST', '/v1/orders', { token: DEMO_KEYS.webshop, body: orderBody('ATS-1', [{ sku: 'SHEARS', quantity: 3 }]) });
    const after = await t.call('GET', '/v1/channels/ebay/stock?skus=SHEARS', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.body.items).toEqual([expect.objectContaining({ sku: 'SHEARS', ats: (first.items.get('SHEARS')?.ats ?? 0) - 3 })]);
  });

  it('lets admins, analysts and the channel’s own key read it, and nobody else', async () => {
    expect((await stockOf('amazon', DEMO_KEYS.analyst)).status).toBe(200);
    expect((await stockOf('amazon', DEMO_KEYS.amazon)).status).toBe(200);
    const other = await stockOf('amazon', DEMO_KEYS.webshop);
    expect([other.status, other.body.error.code]).toEqual([403, 'forbidden']);
    expect((await t.call('GET', '/v1/channels/amazon/stock', { token: null })).status).toBe(401);
    expect((await t.call('GET', '/v1/channels/nope/stock')).status).toBe(404);
    expect((await t.call('PUT', '/v1/channels/amazon/stock-settings', { token: DEMO_KEYS.amazon, body: {} })).status).toBe(403);
  });

  it('refuses buffers outside 0–100 %, unknown warehouses and unknown SKUs', async () => {
    const res = await t.call('PUT', '/v1/channels/ebay/stock-settings', { body: { bufferPercent: 150 } });
    expect(res.body.error.details[0].path).toBe('bufferPercent');
    const unknown = await t.call('PUT', '/v1/channels/ebay/stock-settings', {
      body: { warehouses: ['XX'], overrides: { NOPE: { safetyUnits: 1 } } },
    });
    expect(unknown.body.error.details).toEqual([
      { path: 'warehouses.0', message: 'unknown warehouse XX' },
      { path: 'overrides.NOPE', message: 'unknown SKU NOPE' },
    ]);
  });
});

describe.skipIf(!hasPayloads)('BigCommerce', () => {
  it('knows every platform folder: a new one needs its own decisions', () => {
    expect(readdirSync(PAYLOADS).sort()).toEqual(['amazon-sp-api', 'bigcommerce', 'shopify', 'woocommerce']);
  });

  it('has decided about its one fixture: no adapter, and nothing in it to ship anyway', () => {
    expect(Object.keys(BIGCOMMERCE)).toEqual(payloadFiles('bigcommerce'));
    const [order] = readPayload('bigcommerce', 'bigcommerce-api-ruby__test_fixtures__order.json') as {
      order_is_digital: boolean;
      shipping_address_count: number;
    }[];
    expect(order).toMatchObject({ order_is_digital: true, shipping_address_count: 0 });
  });
});
