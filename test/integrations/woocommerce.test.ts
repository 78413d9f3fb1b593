// WooCommerce's order webhooks end to end, with every real WooCommerce payload and the ping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import { WOO_SKUS, WOOCOMMERCE } from './payload-decisions.ts';
import { hasPayloads, payloadFiles, postWebhook, readPayload, readPayloadText, setUpChannel } from './support.ts';

const SIGNATURE = 'x-wc-webhook-signature';
let t: TestServer;
let channelNo = 0;

beforeAll(async () => {
  t = await startTestServer({ demo: true });
});
afterAll(() => t.close());

async function freshChannel(mappings = WOO_SKUS) {
  const id = `woo-${++channelNo}`;
  const secret = await setUpChannel(t, id, 'woocommerce', mappings);
  return { id, secret, path: `/v1/channels/${id}/woocommerce/orders` };
}

/** The order bodies in a file: one order, a list, or a batch answer's create/update/delete lists. */
function orderBodies(file: string): unknown[] {
  const doc = readPayload('woocommerce', file) as Record<string, unknown[]> | unknown[];
  if (Array.isArray(doc)) return doc;
  if (doc.create) return [...doc.create, ...(doc.update ?? []), ...(doc.delete ?? [])];
  return [doc];
}

describe.skipIf(!hasPayloads)('WooCommerce order webhooks', () => {
  it('has decided about every WooCommerce file, and maps each order in it as decided', async () => {
    expect(Object.keys(WOOCOMMERCE).sort()).toEqual(payloadFiles('woocommerce'));
    for (const [file, decided] of Object.entries(WOOCOMMERCE)) {
      const decisions = Array.isArray(decided) ? decided : [decided];
      if (decisions[0]?.kind === 'not-an-order') continue;
      const bodies = orderBodies(file);
      expect([file, bodies.length]).toEqual([file, decisions.length]);
      for (const [i, decision] of decisions.entries()) {
        if (decision.kind !== 'order') throw new Error(`${file}: ${decision.kind}`);
        const ch = await freshChannel();
        const res = await postWebhook(
          t,
          ch.path,
          JSON.stringify(bodies[i]),
          { header: SIGNATURE, secret: ch.secret },
          { 'x-wc-webhook-topic': 'order.created' },
        );
        expect([file, i, res.status]).toEqual([file, i, 201]);
        expect(res.body).toMatchObject({
          externalId: decision.externalId,
          shipTo: { country: decision.country },
          source: { platform: 'woocommerce', currency: 'USD' },
        });
        expect(res.body.lines.map((l: { sku: string }) => l.sku)).toEqual(decision.skus);
      }
    }
  });

  it('reads line totals after discount, GMT times and guest customers', async () => {
    const ch = await freshChannel();
    const res = await postWebhook(t, ch.path, readPayloadText('woocommerce', 'wp-api-v3_orders__create_an_order.json'), {
      header: SIGNATURE,
      secret: ch.secret,
    });
    expect(res.body.placedAt).toBe('2017-03-22T19:28:02.000Z');
    // "6.00" for two units is 3.00 each, in USD, at 0.79 to the pound.
    expect(res.body.lines[0]).toEqual({ sku: 'CD-BLUE', quantity: 2, unitPrice: 237 });
    expect(res.body.source.lines[0]).toMatchObject({ platformSku: 'product:93', unitPrice: 300 });
    expect(res.body.customer).toEqual({ email: 'john.doe@example.com' });
  });

  it('refuses refunds sent to the order endpoint', async () => {
    const ch = await freshChannel();
    for (const [file, decided] of Object.entries(WOOCOMMERCE)) {
      if (Array.isArray(decided) || decided.kind !== 'not-an-order') continue;
      const res = await postWebhook(t, ch.path, readPayloadText('woocommerce', file), { header: SIGNATURE, secret: ch.secret });
      expect([file, res.status, res.body.error.code]).toEqual([file, 400, 'validation_failed']);
    }
  });

  it('answers WooCommerce’s unsigned ping when the webhook is created', async () => {
    const ch = await freshChannel();
    const ping = await t.call('POST', ch.path, {
      raw: 'webhook_id=15',
      token: null,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect([ping.status, ping.body]).toEqual([200, { status: 'ok' }]);
    const elsewhere = await t.call('POST', '/v1/channels/webshop/woocommerce/orders', {
      raw: 'webhook_id=15',
      token: null,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(elsewhere.status).toBe(404);
  });

  it('rejects a wrong signature, and takes a re-delivery and a later cancellation as the same order', async () => {
    const ch = await freshChannel();
    const raw = readPayloadText('woocommerce', 'wp-api-v3_orders__create_an_order.json');
    const forged = await postWebhook(t, ch.path, raw, { header: SIGNATURE, secret: 'forged-secret' });
    expect([forged.status, forged.body.error.code]).toEqual([401, 'unauthorized']);
    const first = await postWebhook(t, ch.path, raw, { header: SIGNATURE, secret: ch.secret });
    const again = await postWebhook(t, ch.path, raw, { header: SIGNATURE, secret: ch.secret });
    expect([first.status, again.status, again.body.id]).toEqual([201, 200, first.body.id]);
    expect(first.body.status).toBe('routed');
    const cancelled = JSON.stringify({ ...(JSON.parse(raw) as object), status: 'cancelled' });
    const update = await postWebhook(
      t,
      ch.path,
      cancelled,
      { header: SIGNATURE, secret: ch.secret },
      { 'x-wc-webhook-topic': 'order.updated' },
    );
    expect([update.status, update.body.id, update.body.status]).toEqual([200, first.body.id, 'cancelled']);
    const listed = await t.call('GET', `/v1/orders?channelId=${ch.id}`);
    expect(listed.body.orders).toHaveLength(1);
  });

  it('names SKU-less lines by the product key to map', async () => {
    const ch = await freshChannel({ Bar3: 'SHEARS' });
    const res = await postWebhook(t, ch.path, readPayloadText('woocommerce', 'wp-api-v3_orders__create_an_order.json'), {
      header: SIGNATURE,
      secret: ch.secret,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'line_items.0.sku', message: expect.stringContaining('product:93') }]);
  });
});
