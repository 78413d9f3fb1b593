// channel.stock_changed end to end: the real server, dispatcher and receiver. Amazon holds back a
// buffer (10 % and 2 units), eBay has only a SKU map; the webshop takes no part in stock sync. Every
// push must equal what GET /v1/channels/:id/stock answered at the point of the log that caused it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';
import { eventually, FAST, startReceiver, type Receiver } from './receiver.ts';

let t: TestServer;
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  t = await startTestServer({
    warehouses: WAREHOUSES,
    products: PRODUCTS,
    channels: ['webshop', 'amazon', 'ebay'],
    stock: [
      { sku: 'CD', warehouseId: 'MAN', onHand: 20 },
      { sku: 'CD', warehouseId: 'BER', onHand: 10 },
      { sku: 'TONGS', warehouseId: 'MAN', onHand: 8 },
    ],
  });
  t.services.webhooks.dispatcher.configure(FAST);
  await put('/v1/channels/amazon/stock-settings', { bufferPercent: 10, safetyUnits: 2 });
  await put('/v1/channels/amazon/sku-map', { mappings: [{ platformSku: 'B0-CD', sku: 'CD' }] });
  await put('/v1/channels/ebay/sku-map', { mappings: [{ platformSku: 'EB-CD', sku: 'CD' }] });
});
afterEach(async () => {
  for (const done of cleanup.splice(0)) await done();
});
afterAll(() => t.close());

async function put(path: string, body: unknown): Promise<void> {
  const res = await t.call('PUT', path, { body });
  expect(res.status).toBe(200);
}

async function subscribe(events: string[], channels?: string[]): Promise<{ rx: Receiver; id: string }> {
  const rx = await startReceiver();
  const { subscription } = await t.services.webhooks.create({ url: rx.url, events, channels });
  cleanup.push(
    () => t.services.webhooks.remove(subscription.id),
    () => rx.close(),
  );
  return { rx, id: subscription.id };
}

/** One SKU as GET /v1/channels/:id/stock lists it. */
interface Item {
  sku: string;
  available: number;
  heldBack: number;
  ats: number;
  platformSkus: string[];
}
interface Push extends Item {
  channelId: string;
  previous: number;
  sequence: number;
  causedBy: { id: string; type: string };
}
interface Sent {
  type: string;
  sequence: number;
  data: Record<string, unknown>;
}

const lastSeq = () => t.services.db.read(async (sql) => Number((await sql.execute('SELECT MAX(seq) AS s FROM events')).rows[0]?.s));

/** Waits until the subscription has fanned out the whole log and its receiver has every delivery. */
async function settled(id: string, rx: Receiver): Promise<Sent[]> {
  const last = await lastSeq();
  await eventually(async () => (await t.services.webhooks.get(id)).cursor >= last);
  const all = await t.services.webhooks.deliveries(id, { limit: 200 });
  await rx.waitFor(all.length);
  return rx.received.map((r) => r.json as Sent);
}

const pushes = (events: Sent[]): Push[] =>
  events.filter((e) => e.type === 'channel.stock_changed').map((e) => ({ ...e.data, sequence: e.sequence }) as Push);
const brief = (list: Push[]) => list.map((d) => [d.channelId, d.sku, d.ats, d.previous]);

let orderNo = 0;
const order = async (sku: string, quantity: number) =>
  (await t.call('POST', '/v1/orders', { token: 'key-webshop', body: orderBody(`ATS-${++orderNo}`, [{ sku, quantity }]) })).body;
const cancel = (id: string) => t.call('POST', `/v1/orders/${id}/cancel`, { body: {} });
const adjust = (sku: string, warehouseId: string, delta: number) =>
  t.call('POST', '/v1/inventory/adjustments', { body: { reason: 'count', adjustments: [{ sku, warehouseId, delta }] } });

/** What GET /v1/channels/:id/stock answers for one SKU now. */
async function polled(channelId: string, sku: string): Promise<Item> {
  const res = await t.call('GET', `/v1/channels/${channelId}/stock?skus=${sku}`);
  return res.body.items[0];
}

/** Each push carries the figures the poll would have answered. */
async function expectSameAsPoll(list: Push[]): Promise<void> {
  for (const d of list) {
    const { sku, available, heldBack, ats, platformSkus } = d;
    expect({ sku, available, heldBack, ats, platformSkus }).toEqual(await polled(d.channelId, d.sku));
  }
}

describe('channel.stock_changed', () => {
  it('pushes each channel’s ATS after its own buffer when an order reserves stock and when it is cancelled', async () => {
    const { rx, id } = await subscribe(['channel.stock_changed']);
    const placed = await order('CD', 4);
    const reserved = pushes(await settled(id, rx));
    // 26 of 30 left: Amazon holds back 10 % (3, rounded up) and 2 units.
    expect(brief(reserved)).toEqual([
      ['amazon', 'CD', 21, 25],
      ['ebay', 'CD', 26, 30],
    ]);
    await expectSameAsPoll(reserved);
    expect(reserved.map((d) => d.platformSkus)).toEqual([['B0-CD'], ['EB-CD']]);
    expect(reserved[0]?.causedBy.type).toBe('inventory.reserved');
    const [first] = rx.received;
    expect(first?.headers['conveyor-event-type']).toBe('channel.stock_changed');
    expect(first?.json.id).toMatch(/^evt_\d+:ats:amazon:CD$/);

    await cancel(placed.id);
    const released = pushes(await settled(id, rx)).slice(2);
    expect(brief(released)).toEqual([
      ['amazon', 'CD', 25, 21],
      ['ebay', 'CD', 30, 26],
    ]);
    expect(released[0]?.causedBy.type).toBe('inventory.released');
    await expectSameAsPoll(released);
  });

  it('pushes after an adjustment, but not to a channel whose buffer absorbs it', async () => {
    await put('/v1/channels/amazon/stock-settings', { bufferPercent: 10, safetyUnits: 2, overrides: { TONGS: { safetyUnits: 10 } } });
    const { rx, id } = await subscribe(['channel.stock_changed']);
    await adjust('TONGS', 'MAN', -1);
    const got = pushes(await settled(id, rx));
    // Amazon offers 0 TONGS before and after (7 available, 1 + 10 held back); eBay offers all 7.
    expect(brief(got)).toEqual([['ebay', 'TONGS', 7, 8]]);
    expect(got[0]?.causedBy.type).toBe('inventory.adjusted');
    await expectSameAsPoll(got);
    expect((await polled('amazon', 'TONGS')).ats).toBe(0);
  });

  it('pushes what a settings or SKU map change moved, and ignores stock the channel does not sell', async () => {
    const { rx, id } = await subscribe(['channel.*']);
    await put('/v1/channels/amazon/stock-settings', {
      bufferPercent: 10,
      safetyUnits: 2,
      warehouses: ['MAN'],
      overrides: { TONGS: { safetyUnits: 10 } },
    });
    await adjust('CD', 'BER', 5); // Amazon does not sell from Berlin now
    await put('/v1/channels/ebay/sku-map', {
      mappings: [
        { platformSku: 'EB-CD', sku: 'CD' },
        { platformSku: 'EB-TONGS', sku: 'TONGS' },
      ],
    });
    const events = await settled(id, rx);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['channel.stock_changed']));
    const got = pushes(events);
    expect(brief(got)).toEqual([
      ['amazon', 'CD', 16, 25], // Manchester's 20, less 2 and 2
      ['ebay', 'CD', 35, 30],
      ['ebay', 'TONGS', 7, 7], // newly listed as EB-TONGS
    ]);
    expect(got.map((d) => d.causedBy.type)).toEqual(['channel.stock_settings_changed', 'inventory.adjusted', 'channel.sku_map_changed']);
    expect(got[2]?.platformSkus).toEqual(['EB-TONGS']);
    await expectSameAsPoll(got);
  });

  it('from a dispatcher that fell behind, pushes what the poll answered right after each event', async () => {
    const { rx, id } = await subscribe(['channel.stock_changed']);
    await settled(id, rx);
    await t.services.webhooks.stop();
    const watched = ['amazon:CD', 'amazon:TONGS', 'ebay:CD', 'ebay:TONGS'];
    const polls = new Map<number, Record<string, Item | undefined>>();
    const step = async (act: () => Promise<unknown>) => {
      await act();
      const answers = await Promise.all(watched.map((k) => polled(...(k.split(':') as [string, string]))));
      polls.set(await lastSeq(), Object.fromEntries(watched.map((k, i) => [k, answers[i]])));
    };
    let placed = '';
    await step(async () => undefined); // where the subscription starts
    await step(async () => (placed = (await order('CD', 3)).id));
    await step(() => adjust('CD', 'BER', -4));
    await step(() => put('/v1/channels/amazon/stock-settings', { bufferPercent: 20, safetyUnits: 0 }));
    await step(() => cancel(placed));
    await step(() => adjust('CD', 'MAN', 2));
    t.services.webhooks.start();
    const got = pushes(await settled(id, rx));
    for (const d of got) {
      const { sku, available, heldBack, ats, platformSkus } = d;
      expect({ sku, available, heldBack, ats, platformSkus }).toEqual(polls.get(d.sequence)?.[`${d.channelId}:${sku}`]);
    }
    // And nothing was left out: each channel heard every change of each SKU's ATS, in order.
    for (const k of watched) {
      const answers = [...polls.values()].map((p) => p[k]?.ats);
      const changes = answers.filter((ats, i) => i > 0 && ats !== answers[i - 1]);
      expect(got.filter((d) => `${d.channelId}:${d.sku}` === k).map((d) => d.ats)).toEqual(changes);
    }
    expect(got.length).toBeGreaterThan(5);
  });

  it('limits a subscription to the channels it names, and refuses channels that do not exist', async () => {
    const { rx, id } = await subscribe(['*'], ['ebay']);
    await adjust('CD', 'MAN', -1);
    const events = await settled(id, rx);
    expect(events.map((e) => [e.type, e.data.channelId])).toEqual([
      ['inventory.adjusted', undefined],
      ['channel.stock_changed', 'ebay'],
    ]);
    await t.services.webhooks.update(id, { channels: ['amazon'] });
    await adjust('CD', 'MAN', 1);
    expect(pushes(await settled(id, rx)).map((d) => d.channelId)).toEqual(['ebay', 'amazon']);
    const refused = t.services.webhooks.create({ url: rx.url, events: ['channel.stock_changed'], channels: ['ebay', 'nope'] });
    await expect(refused).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'channels.1', message: 'unknown channel nope' }],
    });
  });

  it('tells a channel whose SKU map was emptied that its SKUs are no longer listed, then leaves it out', async () => {
    const { rx, id } = await subscribe(['channel.stock_changed']);
    await put('/v1/channels/ebay/sku-map', { mappings: [] });
    const unlisted = pushes(await settled(id, rx));
    expect(unlisted.map((d) => [d.channelId, d.sku, d.platformSkus, d.causedBy.type])).toEqual([
      ['ebay', 'CD', [], 'channel.sku_map_changed'],
      ['ebay', 'TONGS', [], 'channel.sku_map_changed'],
    ]);
    await expectSameAsPoll(unlisted);
    await adjust('CD', 'MAN', -1);
    const after = pushes(await settled(id, rx)).slice(2);
    expect(after.map((d) => [d.channelId, d.sku])).toEqual([['amazon', 'CD']]);
  });
});
