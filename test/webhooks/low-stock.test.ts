// inventory.low end to end: derived from reservations, adjustments and reroutes, compared with the
// stock at dispatch time; once per fall below the threshold, again only after stock recovered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';
import { eventually, FAST, startReceiver, type Receiver } from './receiver.ts';

let t: TestServer;
let rx: Receiver;

beforeAll(async () => {
  t = await startTestServer({
    warehouses: WAREHOUSES,
    products: PRODUCTS,
    channels: ['webshop'],
    stock: [{ sku: 'TONGS', warehouseId: 'MAN', onHand: 8 }],
  });
  t.services.webhooks.dispatcher.configure(FAST);
  rx = await startReceiver();
});
afterAll(async () => {
  await t.close();
  await rx.close();
});

let n = 0;
const order = (sku: string, quantity: number) =>
  t.call('POST', '/v1/orders', { token: 'key-webshop', body: orderBody(`LOW-${++n}`, [{ sku, quantity }]) });
const adjust = (sku: string, delta: number) =>
  t.call('POST', '/v1/inventory/adjustments', { body: { reason: 'count', adjustments: [{ sku, warehouseId: 'MAN', delta }] } });
const subscribe = async (events: string[], extra: Record<string, unknown> = {}) =>
  (await t.call('POST', '/v1/webhooks', { body: { url: rx.url, events, ...extra } })).body.id as string;
const types = async (id: string) => (await t.services.webhooks.deliveries(id, { limit: 200 })).reverse().map((d) => d.payload as any);

/** Waits until the subscription has fanned out every event so far (its cursor reached the log's end). */
async function caughtUp(id: string): Promise<void> {
  const last = await t.services.db.read(async (sql) => Number((await sql.execute('SELECT MAX(seq) AS s FROM events')).rows[0]?.s));
  await eventually(async () => (await t.services.webhooks.get(id)).cursor >= last);
}

describe('inventory.low', () => {
  it('fires once when availability falls below the threshold and again after it recovered', async () => {
    const low = await subscribe(['inventory.low']);
    const tight = await subscribe(['inventory.*'], { lowStockThreshold: 2 });
    await order('TONGS', 3); // 5 available: not below 5
    await caughtUp(low);
    expect(await types(low)).toEqual([]);
    await order('TONGS', 1); // 4 available
    await order('TONGS', 1); // 3: still low, already told
    await caughtUp(low);
    const first = await types(low);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      type: 'inventory.low',
      data: { sku: 'TONGS', warehouseId: 'MAN', threshold: 5, causedBy: { type: 'inventory.reserved' } },
    });
    expect(first[0].id).toMatch(/^evt_\d+:low:MAN:TONGS$/);
    await adjust('TONGS', 10); // 13 available: recovered
    await adjust('TONGS', -12); // 1 available
    await caughtUp(low);
    const all = await types(low);
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ data: { available: 1, onHand: 6, reserved: 5, causedBy: { type: 'inventory.adjusted' } } });
    const tightLow = (await types(tight)).filter((e) => e.type === 'inventory.low');
    expect(tightLow.map((e) => e.data.threshold)).toEqual([2]);
  });

  it('counts the units a reroute reserves for backorders', async () => {
    const id = await subscribe(['inventory.low']);
    const placed = await order('CHARCOAL', 4);
    expect(placed.body.status).toBe('backordered');
    await adjust('CHARCOAL', 6); // the broker reroutes the backorder: 2 left
    await eventually(async () => (await t.call('GET', `/v1/orders/${placed.body.id}`)).body.status === 'routed');
    await caughtUp(id);
    const events = await types(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ data: { sku: 'CHARCOAL', available: 2, causedBy: { type: 'order.rerouted' } } });
    await rx.waitFor(1, (r) => r.json.id === events[0].id);
  });
});
