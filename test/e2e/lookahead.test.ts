// Live stock look-ahead over HTTP: with `lookahead.enabled` in the routing settings, intake,
// dry-runs and backorder brokering route with the demand rates of recent allocations, so a
// warehouse whose own region has been buying its last units keeps them from a far-away order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../server/domain/types.ts';
import { PRODUCTS } from '../support/network.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';

// LOCAL (Manchester) ships to its own region (GB) and, for £1.00 less than OTHER (Berlin), to
// Australia; neither charges duties there. Only LOCAL serves GB.
const warehouse = (id: string, country: string, rates: [to: string, baseCost: number][]): Warehouse => ({
  id,
  name: id,
  country,
  lat: 0,
  lon: 0,
  capabilities: ['packet', 'parcel'],
  handlingCost: 100,
  cutoffHour: 23,
  rates: rates.map(([to, baseCost]) => ({
    carrier: 'parcel-co',
    service: 'standard',
    shippingClass: 'parcel',
    to: [to],
    baseCost,
    perKg: 0,
    transitDays: 2,
  })),
});
const WAREHOUSES = [
  warehouse('LOCAL', 'GB', [
    ['GB', 400],
    ['AU', 2000],
  ]),
  warehouse('OTHER', 'DE', [
    ['DE', 400],
    ['AU', 2100],
  ]),
];
const STOCK = [
  { sku: 'TONGS', warehouseId: 'LOCAL', onHand: 20 },
  { sku: 'TONGS', warehouseId: 'OTHER', onHand: 20 },
  { sku: 'CHARCOAL', warehouseId: 'LOCAL', onHand: 10 },
];
const SYDNEY = { name: 'A. Buyer', line1: '1 George St', city: 'Sydney', postalCode: '2000', country: 'AU' };

let t: TestServer;
let seq = 0;
let waiting = '';
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
const place = async (sku: string, quantity: number, o: { country?: 'GB' | 'AU'; placedAt?: string } = {}) => {
  const body = orderBody(`LA-${++seq}`, [{ sku, quantity }], 'GB', { placedAt: o.placedAt ?? new Date().toISOString() });
  const res = await t.call('POST', '/v1/orders', { token: 'key-webshop', body: o.country === 'AU' ? { ...body, shipTo: SYDNEY } : body });
  expect(res.status).toBe(201);
  return res.body;
};
const warehousesOf = (order: { fulfillments: { warehouseId: string }[] }) => order.fulfillments.map((f) => f.warehouseId);
const preview = async (sku: string) => {
  const body = { ...orderBody('LA-DRY', [{ sku, quantity: 1 }]), shipTo: SYDNEY, channelId: 'webshop' };
  const res = await t.call('POST', '/v1/dry-run', { body: { order: body } });
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  t = await startTestServer({ warehouses: WAREHOUSES, products: PRODUCTS, channels: ['webshop'], stock: STOCK });
  // The last week in LOCAL's own region: 15 tongs (about 2.1 a day; 3 days of it is 7, and 5 are
  // left) and all 10 bags of charcoal.
  for (let d = 1; d <= 5; d++) await place('TONGS', 3, { placedAt: daysAgo(d) });
  for (const d of [2, 4]) await place('CHARCOAL', 5, { placedAt: daysAgo(d) });
  // A far-away order no warehouse can fill yet.
  const backordered = await place('CHARCOAL', 1, { country: 'AU' });
  expect(backordered.status).toBe('backordered');
  waiting = backordered.id;
});
afterAll(() => t.close());

describe('live look-ahead', () => {
  it('is off by default, and then a far-away order takes the last units its cheapest warehouse holds', async () => {
    const settings = await t.call('GET', '/v1/settings/routing');
    expect(settings.body.settings.lookahead).toEqual({ enabled: false, windowDays: 7, horizonDays: 3, costPerUnitShort: 150 });
    expect(warehousesOf(await preview('TONGS'))).toEqual(['LOCAL']);
    const order = await place('TONGS', 1, { country: 'AU' });
    expect(warehousesOf(order)).toEqual(['LOCAL']);
    expect(order.decision.trace.routing.objective).toMatchObject({ landed: 2100, lookahead: 0 });
  });

  it('refuses a bad switch or window with the path of each', async () => {
    const res = await t.call('PUT', '/v1/settings/routing', { body: { lookahead: { enabled: 'yes', windowDays: 0 } } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['lookahead.enabled', 'lookahead.windowDays']);
    expect((await t.call('PUT', '/v1/settings/routing', { body: { lookahead: { windowDays: 2.5 } } })).status).toBe(400);
  });

  it('once on, sends the far-away order to the other warehouse and keeps the local units for local demand', async () => {
    const put = await t.call('PUT', '/v1/settings/routing', { body: { lookahead: { enabled: true } } });
    expect(put.status).toBe(200);
    expect(put.body.settings.lookahead).toEqual({ enabled: true, windowDays: 7, horizonDays: 3, costPerUnitShort: 150 });

    const dry = await preview('TONGS');
    expect(warehousesOf(dry)).toEqual(['OTHER']);
    expect(dry.decision.trace.routing.alternatives[0]).toMatchObject({
      warehouses: ['LOCAL'],
      reason: expect.stringContaining('stock look-ahead'),
    });

    const far = await place('TONGS', 1, { country: 'AU' });
    expect(warehousesOf(far)).toEqual(['OTHER']);
    expect(far.decision.trace.routing.objective).toMatchObject({ landed: 2200, lookahead: 0 });
    const alternative = far.decision.trace.routing.alternatives.find((a: { warehouses: string[] }) => a.warehouses[0] === 'LOCAL');
    expect(alternative.reason).toBe('+£1.50 stock look-ahead, -£1.00 shipping');

    // The region the units were kept for still gets them.
    const local = await place('TONGS', 2, { country: 'GB' });
    expect(warehousesOf(local)).toEqual(['LOCAL']);
  });

  it('brokers a waiting far-away order to the other warehouse when both get stock', async () => {
    const adjust = await t.call('POST', '/v1/inventory/adjustments', {
      body: {
        reason: 'delivery',
        adjustments: [
          { sku: 'CHARCOAL', warehouseId: 'LOCAL', delta: 3 },
          { sku: 'CHARCOAL', warehouseId: 'OTHER', delta: 3 },
        ],
      },
    });
    expect(adjust.status).toBe(200);
    await t.services.broker.settled();
    const order = await t.call('GET', `/v1/orders/${waiting}`);
    expect(order.body.status).toBe('routed');
    expect(warehousesOf(order.body)).toEqual(['OTHER']);
  });
});
