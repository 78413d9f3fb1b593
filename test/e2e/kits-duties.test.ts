// Kits (a bike sold built) reserve and ship their components; cross-border shipments carry their
// import duties and VAT in the quoted cost (DDP), so the buyer is never surprised.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../server/services/invariants.ts';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
const level = async (sku: string, wh: string) =>
  (await t.call('GET', `/v1/inventory/${sku}`)).body.locations.find((l: { warehouseId: string }) => l.warehouseId === wh);

beforeAll(async () => {
  t = await startTestServer({ warehouses: WAREHOUSES, products: PRODUCTS, channels: ['webshop'] });
  const part = (name: string, weightKg: number) => ({ name, weightKg, shippingClass: 'parcel' });
  expect((await t.call('PUT', '/v1/products/FRAME', { body: part('Frame', 6) })).status).toBe(200);
  expect((await t.call('PUT', '/v1/products/WHEEL', { body: part('Wheel', 2) })).status).toBe(200);
  const bike = {
    ...part('Bike, built', 11),
    kit: {
      components: [
        { sku: 'FRAME', quantity: 1 },
        { sku: 'WHEEL', quantity: 2 },
      ],
    },
  };
  expect((await t.call('PUT', '/v1/products/BIKE', { body: bike })).status).toBe(200);
  await t.call('POST', '/v1/inventory/adjustments', {
    body: {
      reason: 'stock',
      adjustments: [
        { sku: 'FRAME', warehouseId: 'MAN', onHand: 2 },
        { sku: 'WHEEL', warehouseId: 'MAN', onHand: 3 },
        { sku: 'WHEEL', warehouseId: 'BER', onHand: 10 },
        { sku: 'TONGS', warehouseId: 'MAN', onHand: 5 },
      ],
    },
  });
});
afterAll(() => t.close());

describe('kits', () => {
  it('refuses kits of unknown products, of themselves and of other kits', async () => {
    const kit = (components: { sku: string; quantity: number }[]) => ({
      name: 'K',
      weightKg: 1,
      shippingClass: 'parcel',
      kit: { components },
    });
    const unknown = await t.call('PUT', '/v1/products/K1', { body: kit([{ sku: 'NOPE', quantity: 1 }]) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('kit.components.0.sku');
    expect((await t.call('PUT', '/v1/products/K2', { body: kit([{ sku: 'K2', quantity: 1 }]) })).status).toBe(400);
    expect((await t.call('PUT', '/v1/products/K3', { body: kit([{ sku: 'BIKE', quantity: 1 }]) })).status).toBe(400);
  });

  it('builds a kit where all its components are, reserving the components, and ships them', async () => {
    const preview = await t.call('POST', '/v1/dry-run', {
      body: { order: { ...orderBody('BIKE-DRY', [{ sku: 'BIKE', quantity: 1 }]), channelId: 'webshop' }, policy: 'published' },
    });
    expect(preview.body).toMatchObject({ status: 'routed', fulfillments: [{ warehouseId: 'MAN' }] });
    const res = await t.call('POST', '/v1/orders', { token: 'key-webshop', body: orderBody('BIKE-1', [{ sku: 'BIKE', quantity: 1 }]) });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('routed');
    const f = res.body.fulfillments[0];
    expect(f.warehouseId).toBe('MAN');
    expect(f.lines).toEqual([{ sku: 'BIKE', quantity: 1 }]);
    expect(f.reservations).toEqual(
      expect.arrayContaining([
        { sku: 'FRAME', quantity: 1 },
        { sku: 'WHEEL', quantity: 2 },
      ]),
    );
    expect(await level('FRAME', 'MAN')).toMatchObject({ onHand: 2, reserved: 1 });
    expect(await level('WHEEL', 'MAN')).toMatchObject({ onHand: 3, reserved: 2 });
    expect((await checkInvariants(t.services.db)).violations).toEqual([]);
    const shipped = await t.call('POST', `/v1/fulfillments/${f.id}/ship`, { body: { trackingNumber: 'BIKE-T1' } });
    expect(shipped.status).toBe(200);
    expect(await level('FRAME', 'MAN')).toMatchObject({ onHand: 1, reserved: 0 });
    expect(await level('WHEEL', 'MAN')).toMatchObject({ onHand: 1, reserved: 0 });

    // Returned damaged, the bike goes into quarantine as its components: a kit has no stock row.
    expect((await t.call('POST', `/v1/fulfillments/${f.id}/deliver`)).status).toBe(200);
    const rma = await t.call('POST', `/v1/orders/${res.body.id}/returns`, {
      token: 'key-webshop',
      body: { lines: [{ sku: 'BIKE', quantity: 1 }], reason: 'no_longer_needed' },
    });
    expect(rma.status).toBe(201);
    const received = await t.call('POST', `/v1/returns/${rma.body.id}/receive`, {
      body: { warehouseId: 'MAN', lines: [{ sku: 'BIKE', quantity: 1, condition: 'damaged' }] },
    });
    expect(received.status).toBe(200);
    const quarantine = (await t.call('GET', '/v1/quarantine?warehouseId=MAN')).body.levels;
    expect(quarantine.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity]).sort()).toEqual([
      ['FRAME', 1],
      ['WHEEL', 2],
    ]);
    expect(await level('FRAME', 'MAN')).toMatchObject({ onHand: 1, reserved: 0 });
    expect((await checkInvariants(t.services.db)).violations).toEqual([]);
  });

  it('never ships a kit half-built from two places: it waits for one warehouse to hold every component', async () => {
    // Manchester has a frame but one wheel; Berlin has wheels but no frame.
    const res = await t.call('POST', '/v1/orders', { token: 'key-webshop', body: orderBody('BIKE-2', [{ sku: 'BIKE', quantity: 1 }]) });
    expect(res.body.status).toBe('backordered');
    expect(res.body.fulfillments).toEqual([]);
    await t.call('POST', '/v1/inventory/adjustments', {
      body: { reason: 'delivery', adjustments: [{ sku: 'WHEEL', warehouseId: 'MAN', delta: 1 }] },
    });
    await t.services.broker.settled();
    const after = (await t.call('GET', `/v1/orders/${res.body.id}`)).body;
    expect(after.status).toBe('routed');
    const cancelled = await t.call('POST', `/v1/orders/${res.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(await level('WHEEL', 'MAN')).toMatchObject({ onHand: 2, reserved: 0 });
    expect((await checkInvariants(t.services.db)).violations).toEqual([]);
  });
});

describe('duties', () => {
  it('quotes import VAT and duty on a cross-border shipment, delivered duty paid', async () => {
    const body = orderBody('FR-1', [{ sku: 'TONGS', quantity: 1 }], 'FR');
    body.lines[0]!.unitPrice = 5000;
    const res = await t.call('POST', '/v1/orders', { token: 'key-webshop', body });
    const f = res.body.fulfillments[0];
    expect(f).toMatchObject({ warehouseId: 'MAN', crossBorder: true });
    expect(f.cost.duties).toBe(1000); // French VAT 20 % on £50 of goods; under the €150 customs threshold
    expect(f.cost.total).toBe(f.cost.shipping + f.cost.handling + f.cost.duties);
    expect(f.duties).toMatchObject({ incoterm: 'DDP', from: 'GB', goodsValue: 5000, vat: 1000, duty: 0 });
    const domestic = await t.call('POST', '/v1/orders', { token: 'key-webshop', body: orderBody('GB-1', [{ sku: 'TONGS', quantity: 1 }]) });
    expect(domestic.body.fulfillments[0].cost.duties).toBe(0);
  });
});
