import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
const web = 'key-webshop';
const inventory = async (sku: string) => (await t.call('GET', `/v1/inventory/${sku}`)).body;
const level = async (sku: string, wh: string) =>
  (await inventory(sku)).locations.find((l: { warehouseId: string }) => l.warehouseId === wh);

beforeAll(async () => {
  t = await startTestServer({
    warehouses: WAREHOUSES,
    products: PRODUCTS,
    channels: ['webshop', 'amazon'],
    stock: [
      { sku: 'TONGS', warehouseId: 'MAN', onHand: 20 },
      { sku: 'TONGS', warehouseId: 'BER', onHand: 20 },
      { sku: 'CHARCOAL', warehouseId: 'BER', onHand: 10 },
      { sku: 'CD', warehouseId: 'MAN', onHand: 50 },
      { sku: 'OIL-5L', warehouseId: 'MAN', onHand: 4 },
      { sku: 'BBQ', warehouseId: 'MAN', onHand: 0 },
    ],
  });
});
afterAll(() => t.close());

describe('order intake', () => {
  it('routes an order, reserves its units and returns fulfillments with packages and costs', async () => {
    const res = await t.call('POST', '/v1/orders', {
      token: web,
      body: orderBody('WEB-1', [
        { sku: 'TONGS', quantity: 2 },
        { sku: 'CD', quantity: 1 },
      ]),
    });
    expect(res.status).toBe(201);
    const order = res.body;
    expect(order).toMatchObject({ externalId: 'WEB-1', channelId: 'webshop', status: 'routed', holds: [] });
    expect(order.id).toMatch(/^ord_/);
    expect(order.fulfillments).toHaveLength(1);
    const f = order.fulfillments[0];
    expect(f).toMatchObject({ warehouseId: 'MAN', status: 'allocated', crossBorder: false });
    expect(f.packages.length).toBeGreaterThan(0);
    expect(f.cost.total).toBe(f.cost.shipping + f.cost.handling + f.cost.duties);
    expect(f.eta).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(order.decision.trace.routing.candidates.map((c: { warehouseId: string }) => c.warehouseId).sort()).toEqual(['BER', 'MAN', 'NJ']);
    expect(await level('TONGS', 'MAN')).toMatchObject({ onHand: 20, reserved: 2, available: 18 });
  });

  it('returns the stored order for the same body again and 409 for a different one', async () => {
    const body = orderBody('WEB-IDEM', [{ sku: 'CD', quantity: 1 }]);
    const first = await t.call('POST', '/v1/orders', { token: web, body });
    const again = await t.call('POST', '/v1/orders', { token: web, body: { ...body, lines: [...body.lines] } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const different = await t.call('POST', '/v1/orders', {
      token: web,
      body: { ...body, lines: [{ sku: 'CD', quantity: 2, unitPrice: 1000 }] },
    });
    expect(different.status).toBe(409);
    expect(different.body.error.code).toBe('conflict');
    expect((await level('CD', 'MAN')).reserved).toBe(2); // WEB-1 and WEB-IDEM once each
  });

  it('treats the same externalId from another channel as a different order', async () => {
    const res = await t.call('POST', '/v1/orders', { token: 'key-amazon', body: orderBody('WEB-IDEM', [{ sku: 'CD', quantity: 1 }]) });
    expect(res.status).toBe(201);
    expect(res.body.channelId).toBe('amazon');
  });

  it('rejects unknown SKUs and empty orders with 400 and changes nothing', async () => {
    const before = await inventory('CD');
    const unknown = await t.call('POST', '/v1/orders', {
      token: web,
      body: orderBody('WEB-BAD', [
        { sku: 'CD', quantity: 1 },
        { sku: 'NOPE', quantity: 1 },
      ]),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'lines.1.sku' }] });
    const empty = await t.call('POST', '/v1/orders', { token: web, body: orderBody('WEB-EMPTY', []) });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('lines');
    const fractional = await t.call('POST', '/v1/orders', { token: web, body: orderBody('WEB-FRAC', [{ sku: 'CD', quantity: 1.5 }]) });
    expect(fractional.body.error.details[0].path).toBe('lines.0.quantity');
    expect(await inventory('CD')).toEqual(before);
    const retry = await t.call('POST', '/v1/orders', { token: web, body: orderBody('WEB-BAD', [{ sku: 'CD', quantity: 1 }]) });
    expect(retry.status).toBe(201);
  });

  it('splits across warehouses when it must, and backorders what nobody holds', async () => {
    const res = await t.call('POST', '/v1/orders', {
      token: web,
      body: orderBody('WEB-SPLIT', [
        { sku: 'CD', quantity: 1 },
        { sku: 'CHARCOAL', quantity: 1 },
        { sku: 'BBQ', quantity: 1 },
      ]),
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('backordered');
    expect(res.body.fulfillments.map((f: { warehouseId: string }) => f.warehouseId).sort()).toEqual(['BER', 'MAN']);
    expect(res.body.holds).toEqual([expect.objectContaining({ reason: 'backordered', lines: [{ sku: 'BBQ', quantity: 1 }] })]);
    expect(res.body.decision.trace.routing.strategy).toBe('split');
  });

  it('reads an order with its events, and hides it from other channels', async () => {
    const placed = await t.call('POST', '/v1/orders', { token: web, body: orderBody('WEB-READ', [{ sku: 'CD', quantity: 1 }]) });
    const read = await t.call('GET', `/v1/orders/${placed.body.id}`, { token: web });
    expect(read.status).toBe(200);
    expect(read.body.events.map((e: { type: string }) => e.type)).toEqual(['order.routed', 'inventory.reserved']);
    expect(read.body.events[0].at).toMatch(/Z$/);
    const other = await t.call('GET', `/v1/orders/${placed.body.id}`, { token: 'key-amazon' });
    expect(other.status).toBe(404);
    const list = await t.call('GET', '/v1/orders?limit=100', { token: 'key-amazon' });
    expect(list.body.orders.every((o: { channelId: string }) => o.channelId === 'amazon')).toBe(true);
    const analyst = await t.call('GET', '/v1/orders?status=backordered');
    expect(analyst.body.orders.map((o: { externalId: string }) => o.externalId)).toContain('WEB-SPLIT');
  });
});

describe('order lifecycle over HTTP', () => {
  it('cancels an order and releases its reservations', async () => {
    const placed = await t.call('POST', '/v1/orders', { token: web, body: orderBody('WEB-CANCEL', [{ sku: 'TONGS', quantity: 3 }]) });
    const before = await level('TONGS', 'MAN');
    const res = await t.call('POST', `/v1/orders/${placed.body.id}/cancel`, { token: web, body: { reason: 'customer changed mind' } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect(res.body.fulfillments[0].status).toBe('cancelled');
    expect((await level('TONGS', 'MAN')).reserved).toBe(before.reserved - 3);
    const twice = await t.call('POST', `/v1/orders/${placed.body.id}/cancel`, { token: web });
    expect(twice.status).toBe(409);
    const foreign = await t.call('POST', `/v1/orders/${placed.body.id}/cancel`, { token: 'key-amazon' });
    expect(foreign.status).toBe(404);
  });

  it('ships with tracking (on hand and reserved drop) and then delivers', async () => {
    const placed = await t.call('POST', '/v1/orders', { token: web, body: orderBody('WEB-SHIP', [{ sku: 'TONGS', quantity: 1 }]) });
    const fid = placed.body.fulfillments[0].id;
    const before = await level('TONGS', 'MAN');
    const early = await t.call('POST', `/v1/fulfillments/${fid}/deliver`);
    expect(early.status).toBe(409);
    const shipped = await t.call('POST', `/v1/fulfillments/${fid}/ship`, { body: { carrier: 'dpd', trackingNumber: '1Z999' } });
    expect(shipped.status).toBe(200);
    expect(shipped.body.status).toBe('shipped');
    expect(shipped.body.fulfillments[0]).toMatchObject({ status: 'shipped', trackingNumber: '1Z999', carrier: 'dpd' });
    const after = await level('TONGS', 'MAN');
    expect([after.onHand, after.reserved]).toEqual([before.onHand - 1, before.reserved - 1]);
    const cancel = await t.call('POST', `/v1/orders/${placed.body.id}/cancel`);
    expect(cancel.status).toBe(409);
    const delivered = await t.call('POST', `/v1/fulfillments/${fid}/deliver`);
    expect(delivered.body.status).toBe('delivered');
    const events = (await t.call('GET', `/v1/orders/${placed.body.id}`)).body.events.map((e: { type: string }) => e.type);
    expect(events).toEqual(['order.routed', 'inventory.reserved', 'fulfillment.shipped', 'fulfillment.delivered']);
    expect((await t.call('POST', '/v1/fulfillments/ful_missing/ship', { body: { trackingNumber: 'x' } })).status).toBe(404);
  });

  it('brokers a backorder when stock arrives, oldest first, and records each attempt', async () => {
    const first = await t.call('POST', '/v1/orders', { token: web, body: orderBody('WEB-BO-1', [{ sku: 'BBQ', quantity: 1 }]) });
    const second = await t.call('POST', '/v1/orders', { token: web, body: orderBody('WEB-BO-2', [{ sku: 'BBQ', quantity: 1 }]) });
    expect([first.body.status, second.body.status]).toEqual(['backordered', 'backordered']);
    const manual = await t.call('POST', `/v1/orders/${first.body.id}/reroute`);
    expect(manual.status).toBe(200);
    expect(manual.body.routedUnits).toBe(0);
    // WEB-SPLIT (older) also waits for one BBQ: two arrive, so the two oldest get them.
    await t.call('POST', '/v1/inventory/adjustments', {
      body: { reason: 'delivery', adjustments: [{ sku: 'BBQ', warehouseId: 'MAN', delta: 2 }] },
    });
    await t.services.broker.settled();
    const a = (await t.call('GET', `/v1/orders/${first.body.id}`)).body;
    const b = (await t.call('GET', `/v1/orders/${second.body.id}`)).body;
    expect(a.status).toBe('routed');
    expect(a.events.map((e: { type: string }) => e.type)).toEqual(['order.backordered', 'order.reroute_attempted', 'order.rerouted']);
    expect(b.status).toBe('backordered');
    expect(await level('BBQ', 'MAN')).toMatchObject({ onHand: 2, reserved: 2, available: 0 });
    // A cancellation frees a unit and the next waiting order gets it.
    await t.call('POST', `/v1/orders/${a.id}/cancel`);
    await t.services.broker.settled();
    expect((await t.call('GET', `/v1/orders/${second.body.id}`)).body.status).toBe('routed');
  });
});
