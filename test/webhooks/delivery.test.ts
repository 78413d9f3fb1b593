// Webhooks end to end: the real server, the real dispatcher and a real HTTP receiver that fails on
// purpose. Backoff is shortened to milliseconds; everything else runs as in production.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../server/webhooks/signing.ts';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';
import { eventually, FAST, startReceiver, type Receiver } from './receiver.ts';

let t: TestServer;
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  t = await startTestServer({
    warehouses: WAREHOUSES,
    products: PRODUCTS,
    channels: ['webshop'],
    stock: [{ sku: 'CD', warehouseId: 'MAN', onHand: 1000 }],
  });
  t.services.webhooks.dispatcher.configure(FAST);
});
afterEach(async () => {
  for (const done of cleanup.splice(0)) await done();
});
afterAll(() => t.close());

async function subscribe(events: string[], extra: Record<string, unknown> = {}): Promise<{ rx: Receiver; id: string; secret: string }> {
  const rx = await startReceiver();
  const res = await t.call('POST', '/v1/webhooks', { body: { url: rx.url, events, ...extra } });
  expect(res.status).toBe(201);
  cleanup.push(
    () => t.call('DELETE', `/v1/webhooks/${res.body.id}`),
    () => rx.close(),
  );
  return { rx, id: res.body.id, secret: res.body.secret };
}

let orderNo = 0;
const placeOrder = async (quantity = 1, sku = 'CD') =>
  (await t.call('POST', '/v1/orders', { token: 'key-webshop', body: orderBody(`WH-${++orderNo}`, [{ sku, quantity }]) })).body;
const deliveries = async (id: string, query = '') =>
  (await t.call('GET', `/v1/webhooks/${id}/deliveries${query}`)).body.deliveries as any[];

describe('webhook delivery', () => {
  it('signs each request so the receiver can verify it with the secret', async () => {
    const { rx, id, secret } = await subscribe(['order.routed']);
    const order = await placeOrder();
    const [req] = await rx.waitFor(1);
    expect(req?.headers['conveyor-event-type']).toBe('order.routed');
    expect(req?.headers['conveyor-event-id']).toBe(req?.json.id);
    expect(req?.json).toMatchObject({
      id: expect.stringMatching(/^evt_\d+$/),
      type: 'order.routed',
      data: { orderId: order.id, status: 'routed' },
    });
    expect(req?.headers['conveyor-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, String(req?.headers['conveyor-signature']), req?.body ?? '')).toBe(true);
    expect(verifySignature('whsec_wrong', String(req?.headers['conveyor-signature']), req?.body ?? '')).toBe(false);
    const [delivery] = await eventually(async () => ((await deliveries(id))[0]?.status === 'succeeded' ? deliveries(id) : undefined));
    expect(delivery).toMatchObject({
      eventId: req?.json.id,
      status: 'succeeded',
      attempts: 1,
      log: [{ attempt: 1, statusCode: 200, error: null, responseSnippet: '{"received":true}' }],
    });
  });

  it('retries a failing endpoint with backoff until it succeeds, and logs every attempt', async () => {
    const { rx, id, secret } = await subscribe(['order.cancelled']);
    rx.script({ status: 500, body: 'boom' }, 'hang', 'reset');
    const order = await placeOrder();
    await t.call('POST', `/v1/orders/${order.id}/cancel`, { body: {} });
    const got = await rx.waitFor(4);
    const [d] = await eventually(async () => ((await deliveries(id))[0]?.status === 'succeeded' ? deliveries(id) : undefined));
    expect(d.log.map((a: any) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, null],
      [3, null],
      [4, 200],
    ]);
    expect(d.log[0].error).toBe('HTTP 500');
    expect(d.log[0].responseSnippet).toBe('boom');
    expect(d.log[1].error).toMatch(/timed out after 400 ms/);
    expect(d.log[2].error).toMatch(/socket|closed|reset/i);
    // Waits of 100, 200 and 300 ms between attempts (the second also waited out its 400 ms timeout).
    const gaps = got.slice(1).map((r, i) => r.at - (got[i]?.at ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    expect(gaps[1]).toBeGreaterThanOrEqual(595);
    expect(gaps[2]).toBeGreaterThanOrEqual(295);
    expect(new Set(got.map((r) => r.headers['conveyor-event-id'])).size).toBe(1);
    expect(got.map((r) => r.headers['conveyor-delivery-attempt'])).toEqual(['1', '2', '3', '4']);
    for (const r of got) expect(verifySignature(secret, String(r.headers['conveyor-signature']), r.body)).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(rx.received).toHaveLength(4);
  });

  it('gives up after the last attempt, then redelivers a delivery or an event on request', async () => {
    const { rx, id } = await subscribe(['inventory.adjusted']);
    rx.script(...Array.from({ length: 5 }, () => ({ status: 503 })));
    await t.call('POST', '/v1/inventory/adjustments', {
      body: { reason: 'count', adjustments: [{ sku: 'CD', warehouseId: 'MAN', delta: 1 }] },
    });
    const [failed] = await eventually(async () => ((await deliveries(id, '?status=failed')).length === 1 ? deliveries(id) : undefined));
    expect(failed).toMatchObject({ status: 'failed', attempts: 5, lastStatusCode: 503, nextAttemptAt: null });
    const again = await t.call('POST', `/v1/webhooks/deliveries/${failed.id}/redeliver`);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id: failed.id, status: 'pending', outOfOrder: true });
    await rx.waitFor(6);
    await eventually(async () => (await deliveries(id))[0]?.status === 'succeeded');
    const byEvent = await t.call('POST', `/v1/webhooks/events/${failed.eventId}/redeliver`);
    expect(byEvent.status).toBe(202);
    expect(byEvent.body.deliveries.map((x: any) => x.id)).toEqual([failed.id]);
    await rx.waitFor(7);
    const [done] = await eventually(async () => ((await deliveries(id))[0]?.attempts === 7 ? deliveries(id) : undefined));
    expect(done.log).toHaveLength(7);
    expect(new Set(rx.received.map((r) => r.json.id))).toEqual(new Set([failed.eventId]));
    expect((await t.call('POST', '/v1/webhooks/deliveries/whd_nope/redeliver')).status).toBe(404);
    expect((await t.call('POST', '/v1/webhooks/events/evt_999999/redeliver')).status).toBe(404);
  });

  it('selects events by exact name, group wildcard and *', async () => {
    const orders = await subscribe(['order.*']);
    const all = await subscribe(['*']);
    const some = await subscribe(['fulfillment.*', 'inventory.adjusted']);
    const order = await placeOrder();
    await t.call('POST', `/v1/fulfillments/${order.fulfillments[0].id}/ship`, { body: { trackingNumber: 'T1' } });
    await t.call('POST', '/v1/inventory/adjustments', {
      body: { reason: 'count', adjustments: [{ sku: 'CD', warehouseId: 'MAN', delta: 1 }] },
    });
    await all.rx.waitFor(4);
    const types = async (id: string) => (await deliveries(id)).map((d) => d.eventType).reverse();
    expect(await types(all.id)).toEqual(['order.routed', 'inventory.reserved', 'fulfillment.shipped', 'inventory.adjusted']);
    expect(await types(orders.id)).toEqual(['order.routed']);
    expect(await types(some.id)).toEqual(['fulfillment.shipped', 'inventory.adjusted']);
  });

  it("delivers a subscription's events in log order, holding later ones while an earlier one is retried", async () => {
    const { rx } = await subscribe(['order.routed', 'inventory.reserved']);
    rx.script({ status: 500 }, { status: 500 });
    for (let i = 0; i < 3; i++) await placeOrder();
    const got = await rx.waitFor(8);
    const seqs = got.map((r) => r.json.sequence as number);
    const first = seqs[0] as number;
    expect(seqs.slice(0, 3)).toEqual([first, first, first]);
    expect(seqs.slice(2)).toEqual([...seqs.slice(2)].sort((a, b) => a - b));
    expect(new Set(seqs.slice(2)).size).toBe(6);
  });

  it('starts a new subscription at the end of the log unless asked for the backlog', async () => {
    const before = await placeOrder();
    const fresh = await subscribe(['order.routed']);
    const backlog = await subscribe(['order.routed'], { from: 'beginning' });
    const after = await placeOrder();
    await backlog.rx.waitFor(1, (r) => r.json.data.orderId === after.id);
    await fresh.rx.waitFor(1);
    const ids = (rx: Receiver) => rx.received.map((r) => r.json.data.orderId);
    expect(ids(fresh.rx)).toEqual([after.id]);
    expect(ids(backlog.rx)).toContain(before.id);
    expect(ids(backlog.rx).length).toBeGreaterThan(2);
  });

  it('pings an endpoint on demand, once, whatever it subscribes to', async () => {
    const { rx, id, secret } = await subscribe(['return.received']);
    const ok = await t.call('POST', `/v1/webhooks/${id}/test`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ eventType: 'ping', status: 'succeeded', attempts: 1, log: [{ statusCode: 200 }] });
    expect(rx.received[0]?.json).toMatchObject({ type: 'ping', data: { webhookId: id } });
    expect(verifySignature(secret, String(rx.received[0]?.headers['conveyor-signature']), rx.received[0]?.body ?? '')).toBe(true);
    rx.script({ status: 500 });
    const bad = await t.call('POST', `/v1/webhooks/${id}/test`);
    expect(bad.body).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 500 });
    await new Promise((r) => setTimeout(r, 300));
    expect(rx.received).toHaveLength(2);
  });
});
