// Returns end to end over HTTP on the demo: authorise, receive (sellable back into stock where a
// waiting backorder picks it up, damaged into quarantine), exchanges placed once, over-returns refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
const web = DEMO_KEYS.webshop;

beforeAll(async () => {
  t = await startTestServer({ demo: true });
});
afterAll(() => t.close());

async function place(externalId: string, lines: { sku: string; quantity: number }[]) {
  const res = await t.call('POST', '/v1/orders', { token: web, body: orderBody(externalId, lines) });
  expect(res.status).toBe(201);
  return res.body;
}

/** Ships (and optionally delivers) every allocated fulfillment of an order. */
async function ship(order: { fulfillments: { id: string }[] }, deliver = true) {
  for (const f of order.fulfillments) {
    expect((await t.call('POST', `/v1/fulfillments/${f.id}/ship`, { body: { trackingNumber: `T-${f.id}` } })).status).toBe(200);
    if (deliver) expect((await t.call('POST', `/v1/fulfillments/${f.id}/deliver`)).status).toBe(200);
  }
}

const requestReturn = (orderId: string, body: unknown, token: string = web) =>
  t.call('POST', `/v1/orders/${orderId}/returns`, { token, body });
const receive = (id: string, body: unknown) => t.call('POST', `/v1/returns/${id}/receive`, { body });
const eventTypes = async (orderId: string) =>
  (await t.call('GET', `/v1/orders/${orderId}`)).body.events.map((e: { type: string }) => e.type);
const level = async (sku: string, wh: string) =>
  (await t.call('GET', `/v1/inventory/${sku}`)).body.locations.find((l: { warehouseId: string }) => l.warehouseId === wh) ?? {
    onHand: 0,
    reserved: 0,
  };

describe('authorising a return', () => {
  it('refuses units that have not shipped, are not on the order or are already on a return', async () => {
    const order = await place('RET-1', [{ sku: 'CD-BLUE', quantity: 3 }]);
    const early = await requestReturn(order.id, { lines: [{ sku: 'CD-BLUE', quantity: 1 }], reason: 'no_longer_needed' });
    expect(early.status).toBe(409);
    await ship(order);

    const over = await requestReturn(order.id, { lines: [{ sku: 'CD-BLUE', quantity: 4 }], reason: 'wrong_item' });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'conflict', details: [{ path: 'lines.0.quantity' }] });
    const stranger = await requestReturn(order.id, { lines: [{ sku: 'CD-RUMOURS', quantity: 1 }], reason: 'wrong_item' });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.details[0].path).toBe('lines.0.sku');

    const first = await requestReturn(order.id, {
      lines: [
        { sku: 'CD-BLUE', quantity: 1 },
        { sku: 'CD-BLUE', quantity: 1 },
      ],
      reason: 'wrong_item',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      orderId: order.id,
      channelId: 'webshop',
      status: 'requested',
      lines: [{ sku: 'CD-BLUE', quantity: 2, sellable: 0, damaged: 0 }],
    });
    expect(first.body.id).toMatch(/^rma_/);
    expect((await requestReturn(order.id, { lines: [{ sku: 'CD-BLUE', quantity: 2 }], reason: 'wrong_item' })).status).toBe(409);
    expect(
      (await requestReturn(order.id, { lines: [{ sku: 'CD-BLUE', quantity: 1 }], reason: 'wrong_item' }, 'test-admin-token')).status,
    ).toBe(201);
    expect((await eventTypes(order.id)).filter((e: string) => e === 'return.requested')).toHaveLength(2);
  });

  it("hides another channel's order and its returns, and lets only admins receive", async () => {
    const order = await place('RET-2', [{ sku: 'CD-BLUE', quantity: 1 }]);
    await ship(order);
    expect((await requestReturn(order.id, { lines: [{ sku: 'CD-BLUE', quantity: 1 }], reason: 'x' }, DEMO_KEYS.amazon)).status).toBe(404);
    const rma = (await requestReturn(order.id, { lines: [{ sku: 'CD-BLUE', quantity: 1 }], reason: 'x' })).body;
    expect((await t.call('GET', `/v1/returns/${rma.id}`, { token: DEMO_KEYS.amazon })).status).toBe(404);
    expect((await t.call('GET', `/v1/returns/${rma.id}`, { token: web })).body.id).toBe(rma.id);
    expect((await t.call('GET', '/v1/returns', { token: DEMO_KEYS.amazon })).body.returns).toEqual([]);
    const body = { warehouseId: 'UK-MAN', lines: [{ sku: 'CD-BLUE', quantity: 1, condition: 'sellable' }] };
    expect((await t.call('POST', `/v1/returns/${rma.id}/receive`, { token: web, body })).status).toBe(403);
    expect((await t.call('POST', '/v1/returns/rma_none/receive', { body })).status).toBe(404);
  });
  it('lets concurrent requests return no more units than shipped', async () => {
    const order = await place('RET-RACE', [{ sku: 'CD-BLUE', quantity: 2 }]);
    await ship(order, false);
    const body = { lines: [{ sku: 'CD-BLUE', quantity: 1 }], reason: 'no_longer_needed' };
    const results = await Promise.all([1, 2, 3, 4].map(() => requestReturn(order.id, body)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409]);
  });
});

describe('receiving a return', () => {
  it('puts sellable units back on hand, where a waiting backorder picks them up', async () => {
    const stock = ['UK-MAN', 'DE-BER', 'US-NJ'].map((warehouseId) => ({
      sku: 'SEED-BASIL',
      warehouseId,
      onHand: warehouseId === 'UK-MAN' ? 2 : 0,
    }));
    expect((await t.call('POST', '/v1/inventory/adjustments', { body: { reason: 'test', adjustments: stock } })).status).toBe(200);
    const sold = await place('RET-3', [{ sku: 'SEED-BASIL', quantity: 2 }]);
    await ship(sold);
    const waiting = await place('RET-4', [{ sku: 'SEED-BASIL', quantity: 1 }]);
    expect(waiting.status).toBe('backordered');

    const rma = (await requestReturn(sold.id, { lines: [{ sku: 'SEED-BASIL', quantity: 1 }], reason: 'no_longer_needed' })).body;
    const received = await receive(rma.id, { warehouseId: 'UK-MAN', lines: [{ sku: 'SEED-BASIL', quantity: 1, condition: 'sellable' }] });
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({
      status: 'received',
      warehouseId: 'UK-MAN',
      lines: [{ sku: 'SEED-BASIL', quantity: 1, sellable: 1, damaged: 0 }],
    });
    await t.services.broker.settled();

    const after = (await t.call('GET', `/v1/orders/${waiting.id}`)).body;
    expect(after.status).toBe('routed');
    expect(after.fulfillments[0]).toMatchObject({ warehouseId: 'UK-MAN', lines: [{ sku: 'SEED-BASIL', quantity: 1 }] });
    expect(after.events.map((e: { type: string }) => e.type)).toContain('order.rerouted');
    expect(await level('SEED-BASIL', 'UK-MAN')).toMatchObject({ onHand: 1, reserved: 1, available: 0 });
    expect(await eventTypes(sold.id)).toEqual(expect.arrayContaining(['return.requested', 'return.received']));
    expect((await t.call('GET', `/v1/orders/${sold.id}`)).body.status).toBe('delivered'); // one of two units is still out
  });

  it('quarantines damaged units, and the order is returned once every shipped unit is back', async () => {
    const order = await place('RET-5', [{ sku: 'CD-OK-COMPUTER', quantity: 2 }]);
    await ship(order, false);
    const before = await level('CD-OK-COMPUTER', 'DE-BER');
    const rma = (await requestReturn(order.id, { lines: [{ sku: 'CD-OK-COMPUTER', quantity: 2 }], reason: 'damaged_in_transit' })).body;

    expect(
      (await receive(rma.id, { warehouseId: 'NOWHERE', lines: [{ sku: 'CD-OK-COMPUTER', quantity: 1, condition: 'sellable' }] })).status,
    ).toBe(400);
    expect((await receive(rma.id, { warehouseId: 'DE-BER', lines: [{ sku: 'CD-BLUE', quantity: 1, condition: 'sellable' }] })).status).toBe(
      400,
    );
    const tooMany = [
      { sku: 'CD-OK-COMPUTER', quantity: 2, condition: 'sellable' },
      { sku: 'CD-OK-COMPUTER', quantity: 1, condition: 'damaged' },
    ];
    expect((await receive(rma.id, { warehouseId: 'DE-BER', lines: tooMany })).status).toBe(409);

    const lines = [
      { sku: 'CD-OK-COMPUTER', quantity: 1, condition: 'sellable' },
      { sku: 'CD-OK-COMPUTER', quantity: 1, condition: 'damaged' },
    ];
    const res = await receive(rma.id, { warehouseId: 'DE-BER', lines });
    expect(res.status).toBe(200);
    expect(res.body.lines).toEqual([{ sku: 'CD-OK-COMPUTER', quantity: 2, sellable: 1, damaged: 1 }]);
    expect((await level('CD-OK-COMPUTER', 'DE-BER')).onHand).toBe(before.onHand + 1);
    const quarantine = await t.call('GET', '/v1/quarantine?sku=CD-OK-COMPUTER');
    expect(quarantine.body.levels).toMatchObject([{ sku: 'CD-OK-COMPUTER', warehouseId: 'DE-BER', quantity: 1 }]);

    const after = (await t.call('GET', `/v1/orders/${order.id}`)).body;
    expect(after.status).toBe('returned');
    expect(after.events.map((e: { type: string }) => e.type).slice(-4)).toEqual([
      'return.received',
      'inventory.restocked',
      'inventory.quarantined',
      'order.returned',
    ]);
    expect((await receive(rma.id, { warehouseId: 'DE-BER', lines })).status).toBe(409);
    expect((await requestReturn(order.id, { lines: [{ sku: 'CD-OK-COMPUTER', quantity: 1 }], reason: 'x' })).status).toBe(409);
    const listed = (await t.call('GET', '/v1/returns?status=received')).body.returns.map((r: { id: string }) => r.id);
    expect(listed).toContain(rma.id);
    expect((await t.call('GET', '/v1/returns?status=requested')).body.returns.map((r: { id: string }) => r.id)).not.toContain(rma.id);
  });
});

describe('exchanges', () => {
  it('places one replacement order, routed by the same policies, when the return is received', async () => {
    const order = await place('RET-6', [{ sku: 'CD-RUMOURS', quantity: 2 }]);
    await ship(order);
    const rma = (
      await requestReturn(order.id, { lines: [{ sku: 'CD-RUMOURS', quantity: 1 }], reason: 'damaged_in_transit', exchange: true })
    ).body;
    expect(rma.exchange).toBe(true);
    const res = await receive(rma.id, { warehouseId: 'UK-MAN', lines: [{ sku: 'CD-RUMOURS', quantity: 1, condition: 'damaged' }] });
    expect(res.status).toBe(200);
    expect(res.body.exchangeOrderId).toMatch(/^ord_/);

    const replacement = (await t.call('GET', `/v1/orders/${res.body.exchangeOrderId}`)).body;
    expect(replacement).toMatchObject({
      externalId: `RET-6-EX-${rma.id}`,
      channelId: 'webshop',
      status: 'routed',
      lines: [{ sku: 'CD-RUMOURS', quantity: 1, unitPrice: 1000 }],
    });
    expect(replacement.fulfillments[0].warehouseId).toBe('UK-MAN'); // the demo policy prefers Manchester for GB
    expect(replacement.decision.policyVersion).toBe(order.decision.policyVersion);
    expect(await eventTypes(order.id)).toContain('return.exchange_placed');

    expect(
      (await receive(rma.id, { warehouseId: 'UK-MAN', lines: [{ sku: 'CD-RUMOURS', quantity: 1, condition: 'damaged' }] })).status,
    ).toBe(409);
    const orders = (await t.call('GET', '/v1/orders?limit=200')).body.orders.filter((o: { externalId: string }) =>
      o.externalId.startsWith('RET-6-EX-'),
    );
    expect(orders).toHaveLength(1);
    expect((await t.call('GET', `/v1/returns/${rma.id}`)).body.exchangeOrderId).toBe(replacement.id);
  });
});
