import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import { ADMIN, orderBody, startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    warehouses: WAREHOUSES,
    products: PRODUCTS,
    channels: ['webshop'],
    stock: [{ sku: 'CD', warehouseId: 'MAN', onHand: 5 }],
  });
});
afterAll(() => t.close());

/** Reads SSE frames from a live stream until `count` events of interest have arrived. */
async function collect(res: Response, count: number): Promise<{ id?: string; event: string; data: any }[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: { id?: string; event: string; data: any }[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const field = (name: string) =>
        frame
          .split('\n')
          .find((l) => l.startsWith(`${name}:`))
          ?.slice(name.length + 1)
          .trim();
      const event = field('event') ?? 'message';
      if (event === 'ready' || event === 'ping') continue;
      events.push({ id: field('id'), event, data: JSON.parse(field('data') ?? 'null') });
    }
  }
  await reader.cancel();
  return events;
}

describe('GET /v1/events', () => {
  it('streams order, inventory and fulfillment changes as they commit', async () => {
    const controller = new AbortController();
    const res = await fetch(`${t.url}/v1/events`, { headers: { authorization: `Bearer ${ADMIN}` }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const received = collect(res, 4);
    await new Promise((r) => setTimeout(r, 100));
    const placed = await t.call('POST', '/v1/orders', { token: 'key-webshop', body: orderBody('SSE-1', [{ sku: 'CD', quantity: 1 }]) });
    await t.call('POST', `/v1/fulfillments/${placed.body.fulfillments[0].id}/ship`, { body: { trackingNumber: 'T1' } });
    await t.call('POST', '/v1/inventory/adjustments', {
      body: { reason: 'count', adjustments: [{ sku: 'CD', warehouseId: 'MAN', delta: 1 }] },
    });
    const events = await received;
    controller.abort();
    expect(events.map((e) => e.event)).toEqual(['order.routed', 'inventory.reserved', 'fulfillment.shipped', 'inventory.adjusted']);
    expect(events[0]?.data.orderId).toBe(placed.body.id);
    const ids = events.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('resumes after Last-Event-ID and filters by type', async () => {
    const res = await fetch(`${t.url}/v1/events?types=fulfillment`, {
      headers: { authorization: `Bearer ${ADMIN}`, 'last-event-id': '0' },
    });
    const events = await collect(res, 1);
    expect(events[0]?.event).toBe('fulfillment.shipped');
  });

  it('is closed to channels', async () => {
    expect((await t.call('GET', '/v1/events', { token: 'key-webshop' })).status).toBe(403);
  });
});
