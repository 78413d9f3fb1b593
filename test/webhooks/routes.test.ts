// The /v1/webhooks routes over a real socket: validation, roles, secrets shown once, rotation,
// edits, deletion, paging of the delivery log and the private-target switch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../server/webhooks/signing.ts';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { eventually, FAST, startReceiver, type Receiver } from './receiver.ts';

let t: TestServer;
let rx: Receiver;
let analyst = '';

beforeAll(async () => {
  t = await startTestServer({
    warehouses: WAREHOUSES,
    products: PRODUCTS,
    channels: ['webshop'],
    stock: [{ sku: 'CD', warehouseId: 'MAN', onHand: 50 }],
  });
  t.services.webhooks.dispatcher.configure(FAST);
  rx = await startReceiver();
  analyst = (await t.call('POST', '/v1/tokens', { body: { role: 'analyst', name: 'reader' } })).body.token;
});
afterAll(async () => {
  await t.close();
  await rx.close();
});

const create = (body: Record<string, unknown>) =>
  t.call('POST', '/v1/webhooks', { body: { url: rx.url, events: ['inventory.adjusted'], ...body } });
const adjust = () =>
  t.call('POST', '/v1/inventory/adjustments', { body: { reason: 'count', adjustments: [{ sku: 'CD', warehouseId: 'MAN', delta: 1 }] } });

describe('/v1/webhooks', () => {
  it('rejects bad URLs, unknown event types and unknown fields with field paths', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'ftp://example.com/hook' }, 'url'],
      [{ url: 'not a url' }, 'url'],
      [{ events: ['order.shiped'] }, 'events.0'],
      [{ events: ['order.routed', 'parcel.*'] }, 'events.1'],
      [{ events: [] }, 'events'],
      [{ secret: 'mine' }, '(root)'],
    ];
    for (const [body, path] of cases) {
      const res = await create(body);
      expect([body, res.status, res.body.error.code]).toEqual([body, 400, 'validation_failed']);
      expect(res.body.error.details.map((d: any) => d.path)).toContain(path);
    }
  });

  it('shows the secret once, and reads never do', async () => {
    const res = await create({ description: 'stock sync', events: ['order.*', 'return.received'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^whk_/),
      url: rx.url,
      events: ['order.*', 'return.received'],
      description: 'stock sync',
      active: true,
      secret: expect.stringMatching(/^whsec_/),
    });
    const one = await t.call('GET', `/v1/webhooks/${res.body.id}`, { token: analyst });
    const all = await t.call('GET', '/v1/webhooks', { token: analyst });
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty('secret');
    expect(JSON.stringify([one.body, all.body])).not.toContain(res.body.secret);
    expect(all.body.webhooks.map((w: any) => w.id)).toContain(res.body.id);
  });

  it('lets analysts read and only admins change; channels get nothing', async () => {
    const { body } = await create({});
    expect((await t.call('POST', '/v1/webhooks', { token: analyst, body: { url: rx.url, events: ['*'] } })).status).toBe(403);
    expect((await t.call('PATCH', `/v1/webhooks/${body.id}`, { token: analyst, body: { active: false } })).status).toBe(403);
    expect((await t.call('POST', `/v1/webhooks/${body.id}/rotate-secret`, { token: analyst })).status).toBe(403);
    expect((await t.call('GET', `/v1/webhooks/${body.id}/deliveries`, { token: analyst })).status).toBe(200);
    expect((await t.call('GET', '/v1/webhooks', { token: 'key-webshop' })).status).toBe(403);
    expect((await t.call('GET', '/v1/webhooks', { token: null })).status).toBe(401);
    await t.call('DELETE', `/v1/webhooks/${body.id}`);
  });

  it('limits a subscription to some channels, which must exist', async () => {
    const made = await create({ events: ['channel.stock_changed'], channels: ['webshop'] });
    expect(made.status).toBe(201);
    expect(made.body.channels).toEqual(['webshop']);
    const unknown = await create({ events: ['channel.stock_changed'], channels: ['nowhere'] });
    expect(unknown.status).toBe(400);
    const all = await t.call('PATCH', `/v1/webhooks/${made.body.id}`, { body: { channels: null } });
    expect(all.body.channels).toBeNull();
  });

  it('edits, pauses and deletes a subscription', async () => {
    const { body } = await create({});
    const patched = await t.call('PATCH', `/v1/webhooks/${body.id}`, {
      body: { events: ['fulfillment.*'], description: null, active: false, lowStockThreshold: 3 },
    });
    expect(patched.body).toMatchObject({ events: ['fulfillment.*'], description: null, active: false, lowStockThreshold: 3 });
    expect((await t.call('PATCH', `/v1/webhooks/${body.id}`, { body: { events: ['nope'] } })).status).toBe(400);
    expect((await t.call('PATCH', '/v1/webhooks/whk_missing', { body: { active: true } })).status).toBe(404);
    expect((await t.call('DELETE', `/v1/webhooks/${body.id}`)).status).toBe(204);
    expect((await t.call('GET', `/v1/webhooks/${body.id}`)).status).toBe(404);
    expect((await t.call('DELETE', `/v1/webhooks/${body.id}`)).status).toBe(404);
  });

  it('rotates the secret, signing with both during a grace period', async () => {
    const { body } = await create({});
    const rotated = await t.call('POST', `/v1/webhooks/${body.id}/rotate-secret`, { body: { graceSeconds: 60 } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(body.secret);
    expect(rotated.body.previousSecretExpiresAt).toEqual(expect.any(String));
    await adjust();
    const [graced] = await rx.waitFor(1, (r) => r.json.type === 'inventory.adjusted');
    const header = String(graced?.headers['conveyor-signature']);
    expect(verifySignature(rotated.body.secret, header, graced?.body ?? '')).toBe(true);
    expect(verifySignature(body.secret, header, graced?.body ?? '')).toBe(true);
    const again = await t.call('POST', `/v1/webhooks/${body.id}/rotate-secret`);
    expect(again.body.previousSecretExpiresAt).toBeNull();
    const ping = await t.call('POST', `/v1/webhooks/${body.id}/test`);
    const sent = rx.received.find((r) => r.json.id === ping.body.eventId);
    expect(verifySignature(again.body.secret, String(sent?.headers['conveyor-signature']), sent?.body ?? '')).toBe(true);
    expect(verifySignature(rotated.body.secret, String(sent?.headers['conveyor-signature']), sent?.body ?? '')).toBe(false);
    expect(
      (await t.call('POST', `/v1/webhooks/${body.id}/rotate-secret`, { raw: '{', headers: { 'content-type': 'application/json' } })).status,
    ).toBe(400);
    await t.call('DELETE', `/v1/webhooks/${body.id}`);
  });

  it('pages the delivery log newest first and filters it by status', async () => {
    const { body } = await create({});
    for (let i = 0; i < 3; i++) await adjust();
    await eventually(async () => (await t.call('GET', `/v1/webhooks/${body.id}/deliveries?status=succeeded`)).body.deliveries.length === 3);
    const first = await t.call('GET', `/v1/webhooks/${body.id}/deliveries?limit=2`);
    expect(first.body.deliveries).toHaveLength(2);
    const second = await t.call('GET', `/v1/webhooks/${body.id}/deliveries?limit=2&before=${first.body.next}`);
    expect(second.body.deliveries).toHaveLength(1);
    expect(second.body.next).toBeNull();
    const seqs = [...first.body.deliveries, ...second.body.deliveries].map((d: any) => d.eventSeq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect((await t.call('GET', `/v1/webhooks/${body.id}/deliveries?status=lost`)).status).toBe(400);
    expect((await t.call('GET', '/v1/webhooks/whk_missing/deliveries')).status).toBe(404);
    await t.call('DELETE', `/v1/webhooks/${body.id}`);
  });

  it('refuses private targets when allowPrivateTargets is off, on save and before each send', async () => {
    const { body } = await create({});
    t.services.webhooks.dispatcher.configure({ allowPrivateTargets: false });
    try {
      const res = await create({});
      expect(res.status).toBe(400);
      expect(res.body.error.details[0]).toMatchObject({ path: 'url', message: expect.stringMatching(/private/) });
      const before = rx.received.length;
      const ping = await t.call('POST', `/v1/webhooks/${body.id}/test`);
      expect(ping.body).toMatchObject({ status: 'failed', log: [{ statusCode: null, error: expect.stringMatching(/not allowed/) }] });
      expect(rx.received).toHaveLength(before);
    } finally {
      t.services.webhooks.dispatcher.configure({ allowPrivateTargets: true });
      await t.call('DELETE', `/v1/webhooks/${body.id}`);
    }
  });
});
