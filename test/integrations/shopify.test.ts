// Shopify's orders/create webhook end to end over a real socket, with every real Shopify payload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../server/integrations/signature.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { SHOPIFY, SHOPIFY_SKUS, type Decision } from './payload-decisions.ts';
import { hasPayloads, payloadFiles, postWebhook, readPayload, readPayloadText, setUpChannel } from './support.ts';

const HMAC = 'x-shopify-hmac-sha256';
let t: TestServer;
let channelNo = 0;

beforeAll(async () => {
  t = await startTestServer({ demo: true });
});
afterAll(() => t.close());

/** A webhook body as Shopify sends it: the bare order (REST fixtures wrap it in `order`/`orders`). */
function webhookBody(file: string, decision: Decision): string {
  const unwrap = 'unwrap' in decision ? decision.unwrap : undefined;
  if (!unwrap) return readPayloadText('shopify', file);
  const doc = readPayload('shopify', file) as { order?: unknown; orders?: unknown[] };
  return JSON.stringify(unwrap === 'order' ? doc.order : doc.orders?.[0]);
}

async function freshChannel(mappings = SHOPIFY_SKUS) {
  const id = `shop-${++channelNo}`;
  const secret = await setUpChannel(t, id, 'shopify', mappings);
  return { id, secret, path: `/v1/channels/${id}/shopify/orders` };
}

const ordersOf = async (channelId: string) => (await t.call('GET', `/v1/orders?channelId=${channelId}`)).body.orders as { id: string }[];

describe.skipIf(!hasPayloads)('Shopify orders/create webhooks', () => {
  it('has decided about every Shopify file, and maps or refuses each order payload as decided', async () => {
    expect(Object.keys(SHOPIFY).sort()).toEqual(payloadFiles('shopify'));
    for (const [file, decision] of Object.entries(SHOPIFY)) {
      if (decision.kind !== 'order' && decision.kind !== 'rejected') continue;
      const ch = await freshChannel();
      const res = await postWebhook(t, ch.path, webhookBody(file, decision), { header: HMAC, secret: ch.secret });
      if (decision.kind === 'rejected') {
        expect([file, res.status, res.body.error.code]).toEqual([file, 400, 'validation_failed']);
        const paths = res.body.error.details.map((d: { path: string }) => d.path);
        for (const p of decision.paths) expect([file, paths]).toEqual([file, expect.arrayContaining([p])]);
        expect(await ordersOf(ch.id)).toEqual([]);
        continue;
      }
      expect([file, res.status]).toEqual([file, 201]);
      expect(res.body).toMatchObject({ channelId: ch.id, externalId: decision.externalId, shipTo: { country: decision.country } });
      expect([...new Set(res.body.lines.map((l: { sku: string }) => l.sku))]).toEqual(decision.skus);
      expect([file, res.body.status === 'cancelled']).toEqual([file, decision.cancelled ?? false]);
      expect(res.body.source).toMatchObject({ platform: 'shopify', currency: 'USD', rate: 0.79 });
    }
  });

  it('turns "199.00" USD into pence at the channel rate, keeps the original amounts and reads the exact order id', async () => {
    const ch = await freshChannel();
    const res = await postWebhook(
      t,
      ch.path,
      readPayloadText('shopify', 'shopify-api-ruby__fixtures__order.json')
        .replace(/^\{\s*"order":/, '')
        .replace(/\}\s*$/, ''),
      { header: HMAC, secret: ch.secret },
    );
    expect(res.status).toBe(201);
    expect(res.body.lines[0]).toEqual({ sku: 'CD-RUMOURS', quantity: 1, unitPrice: 15721 });
    expect(res.body.source.lines[0]).toEqual({ platformSku: 'IPOD2008GREEN', sku: 'CD-RUMOURS', quantity: 1, unitPrice: 19900 });
    expect(res.body.source.total).toBe('409.94');
    expect(res.body.customer).toEqual({ id: '207119551', email: 'bob.norman@hostmail.com' });
    expect(res.body.status).toBe('routed');
    const docs = await postWebhook(
      t,
      ch.path,
      readPayloadText('shopify', 'gadget-webhook-schemas__docs-example__2023-10__orders_create.json'),
      { header: HMAC, secret: ch.secret },
    );
    // The JSON number 820982911946154500 lost digits in transit; the GraphQL id did not.
    expect(docs.body.externalId).toBe('820982911946154508');
    expect(docs.body.customer.id).toBe('115310627314723954');
  });

  it('answers a re-delivered webhook with the same order, once, even after the SKU map changed', async () => {
    const ch = await freshChannel();
    const raw = webhookBody('shopify_python_api__fixtures__order.json', SHOPIFY['shopify_python_api__fixtures__order.json']!);
    const first = await postWebhook(t, ch.path, raw, { header: HMAC, secret: ch.secret });
    const again = await postWebhook(t, ch.path, raw, { header: HMAC, secret: ch.secret });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    await t.call('PUT', `/v1/channels/${ch.id}/sku-map`, { body: { mappings: [] } });
    const later = await postWebhook(t, ch.path, raw, { header: HMAC, secret: ch.secret });
    expect([later.status, later.body.id]).toEqual([200, first.body.id]);
    expect(await ordersOf(ch.id)).toHaveLength(1);
  });

  it('rejects wrong, missing and replayed-with-a-changed-body signatures with 401, and unknown integrations with 404', async () => {
    const ch = await freshChannel();
    const raw = readPayloadText('shopify', 'gadget-webhook-schemas__docs-example__2024-07__orders_create.json');
    const wrong = await postWebhook(t, ch.path, raw, { header: HMAC, secret: 'not-the-secret' });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'unauthorized']);
    expect(wrong.body.error.message).toContain('X-Shopify-Hmac-Sha256');
    expect((await postWebhook(t, ch.path, raw, { header: HMAC, secret: null })).status).toBe(401);
    const tampered = await postWebhook(
      t,
      ch.path,
      raw.replace('"quantity": 1', '"quantity": 9'),
      { header: HMAC, secret: null },
      { [HMAC]: signBody(raw, ch.secret) },
    );
    expect(tampered.status).toBe(401);
    expect(await ordersOf(ch.id)).toEqual([]);
    expect((await postWebhook(t, '/v1/channels/webshop/shopify/orders', raw, { header: HMAC, secret: ch.secret })).status).toBe(404);
    expect((await postWebhook(t, '/v1/channels/nope/shopify/orders', raw, { header: HMAC, secret: ch.secret })).status).toBe(404);
  });

  it('refuses payloads that are not orders, and topics other than orders', async () => {
    const ch = await freshChannel();
    for (const [file, decision] of Object.entries(SHOPIFY)) {
      if (decision.kind !== 'not-an-order') continue;
      const res = await postWebhook(t, ch.path, readPayloadText('shopify', file), { header: HMAC, secret: ch.secret });
      expect([file, res.status, res.body.error.code]).toEqual([file, 400, 'validation_failed']);
      expect(res.body.error.details.length).toBeGreaterThan(0);
    }
    const raw = readPayloadText('shopify', 'gadget-webhook-schemas__docs-example__2024-07__orders_create.json');
    const topic = await postWebhook(t, ch.path, raw, { header: HMAC, secret: ch.secret }, { 'x-shopify-topic': 'products/create' });
    expect(topic.body.error.details).toEqual([{ path: 'X-Shopify-Topic', message: 'products/create is not an order topic' }]);
    expect(await ordersOf(ch.id)).toEqual([]);
  });

  it('maps platform SKUs through the channel map, falls back to identity, and names unmapped SKUs by path', async () => {
    const ch = await freshChannel({});
    const order = readPayload('shopify', 'gadget-webhook-schemas__docs-example__2026-04__orders_create.json') as {
      line_items: { sku: string }[];
      cancelled_at: string | null;
    };
    order.cancelled_at = null;
    const unmapped = await postWebhook(t, ch.path, JSON.stringify(order), { header: HMAC, secret: ch.secret });
    expect(unmapped.status).toBe(400);
    expect(unmapped.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'line_items.0.sku',
      'line_items.1.sku',
      'line_items.2.sku',
      'line_items.3.sku',
      'line_items.4.sku',
    ]);
    order.line_items[0]!.sku = 'CD-BLUE';
    await t.call('PUT', `/v1/channels/${ch.id}/sku-map`, {
      body: {
        mappings: Object.entries(SHOPIFY_SKUS)
          .filter(([k]) => k !== 'SKU2006-001')
          .map(([platformSku, sku]) => ({ platformSku, sku })),
      },
    });
    const mapped = await postWebhook(t, ch.path, JSON.stringify(order), { header: HMAC, secret: ch.secret });
    expect(mapped.status).toBe(201);
    expect(mapped.body.lines.map((l: { sku: string }) => l.sku)).toEqual([
      'CD-BLUE',
      'GLOVES-GARDEN',
      'THERMO-MEAT',
      'LOPPERS',
      'BBQ-TONGS',
    ]);
    expect(mapped.body.status).not.toBe('cancelled');
    const map = await t.call('GET', `/v1/channels/${ch.id}/sku-map`, { token: 'cv_demo_analyst_token' });
    expect(map.body.mappings).toContainEqual({ platformSku: 'IPOD2008PINK', sku: 'CD-BLUE' });
  });
});
