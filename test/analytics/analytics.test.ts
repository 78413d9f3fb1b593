// Every analytics report on a hand-made history (see history.ts for the orders and their times).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type History, makeHistory } from './history.ts';

let h: History;
const range = 'from=2026-03-02&to=2026-03-04';
const get = async (report: string, query = range) => {
  const res = await h.call('GET', `/v1/analytics/${report}?${query}`);
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  h = await makeHistory();
});
afterAll(() => h.close());

describe('analytics', () => {
  it('counts orders by channel, status and UTC day, with a date-only `to` including that day', async () => {
    const r = await get('orders');
    expect(r.range).toEqual({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-05T00:00:00.000Z', days: 3 });
    expect(r.total).toBe(7);
    expect(r.byChannel).toEqual([
      { channelId: 'webshop', orders: 5 },
      { channelId: 'amazon', orders: 2 },
    ]);
    expect(Object.fromEntries(r.byStatus.map((s: { status: string; orders: number }) => [s.status, s.orders]))).toEqual({
      delivered: 2,
      shipped: 1,
      routed: 2,
      cancelled: 1,
      backordered: 1,
    });
    expect(r.byDay).toEqual([
      { day: '2026-03-02', orders: 2, byChannel: { webshop: 1, amazon: 1 } },
      { day: '2026-03-03', orders: 3, byChannel: { webshop: 3 } },
      { day: '2026-03-04', orders: 2, byChannel: { amazon: 1, webshop: 1 } }, // O7 is 23:00 UTC on the 4th
    ]);
    expect((await get('orders', 'from=2026-03-02&to=2026-03-04T12:00:00Z')).total).toBe(6);
  });

  it('sums landed cost per order and per day from live fulfillments only', async () => {
    const r = await get('landed-cost');
    const o3 = (h.orders.O3?.fulfillments ?? []).reduce((n, f) => n + f.cost.total, 0);
    const o4 = (await h.call('GET', `/v1/orders/${h.orders.O4?.id}`)).body.fulfillments[0].cost.total;
    expect(o4).toBe(4100); // pallet 4000 + handling 100
    expect(r.byDay[0]).toEqual({
      day: '2026-03-02',
      orders: 2,
      total: { shipping: 300, handling: 200, duties: 0, total: 500 },
      perOrder: { shipping: 150, handling: 100, duties: 0, total: 250 },
    });
    expect(r.byDay[1].orders).toBe(2); // O3 and O4; O5 was cancelled
    expect(r.byDay[1].total.total).toBe(o3 + o4);
    expect(r.orders).toBe(5);
    expect(r.total.total).toBe(500 + o3 + o4 + 250);
    expect(r.perOrder.total).toBe(Math.round((750 + o3 + o4) / 5));
  });

  it('measures the split rate, lead times at p50/p90 and on-time delivery', async () => {
    const r = await get('fulfillment');
    expect(r).toMatchObject({ orders: 5, splitOrders: 1, splitRate: 0.2 });
    expect(r.leadTimeHours).toEqual({
      orderToShip: { count: 4, p50: 6, p90: 24 },
      shipToDeliver: { count: 2, p50: 42, p90: 72 },
      orderToDeliver: { count: 2, p50: 48, p90: 96 },
    });
    expect(r.onTime).toEqual({ delivered: 2, onTime: 1, rate: 0.5 });
  });

  it('counts backordered units and orders and the oversells that were prevented', async () => {
    const r = await get('stock-outs');
    expect(r.backordered).toEqual({ orders: 2, units: 3, bySku: [{ sku: 'BBQ', orders: 2, units: 3 }] });
    expect(r.stillBackordered).toEqual({ orders: 1, units: 2 });
    expect(r.backordersFilled).toEqual({ reroutes: 1, units: 1 });
    expect(r.oversellPrevented).toEqual({ backorderHolds: 2, rerouteAttemptsWithoutStock: 1, total: 3 });
  });

  it('gives turnover and days of cover per warehouse from shipped units against on-hand stock', async () => {
    const r = await get('inventory');
    const byId = Object.fromEntries(r.warehouses.map((w: { warehouseId: string }) => [w.warehouseId, w]));
    // MAN shipped 2 + 1 CD and 1 TONGS; holds 98 CD (100 - 3 + 1 returned) and 1 BBQ, reserved for O4 and O7.
    expect(byId.MAN).toEqual({
      warehouseId: 'MAN',
      shippedUnits: 4,
      unitsPerDay: 1.33,
      onHand: 99,
      reserved: 2,
      available: 97,
      quarantined: 0,
      turnover: 0.04,
      daysOfCover: 74.3,
    });
    expect(byId.BER).toMatchObject({ shippedUnits: 1, onHand: 0, turnover: null, daysOfCover: 0 });
    expect(byId.NJ).toMatchObject({ shippedUnits: 0, onHand: 0, turnover: null, daysOfCover: null });
  });

  it('lays out SKU velocity as a SKU x warehouse matrix, hottest first', async () => {
    const r = await get('velocity');
    expect(r).toMatchObject({
      warehouses: ['BER', 'MAN', 'NJ'],
      skus: ['CD', 'TONGS'],
      units: [
        [0, 3, 0],
        [1, 1, 0],
      ],
      totals: { bySku: [3, 2], byWarehouse: [1, 4, 0] },
      max: 3,
      omittedSkus: 0,
    });
    expect((await get('velocity', `${range}&limit=1`)).skus).toEqual(['CD']);
  });

  it('gives return rates by SKU and by reason', async () => {
    const r = await get('returns');
    expect(r).toMatchObject({ shippedUnits: 5, returnedUnits: 2, rate: 0.4 });
    expect(r.bySku).toEqual([
      { sku: 'CD', shippedUnits: 3, returnedUnits: 2, rate: 0.6667, sellable: 1, damaged: 0 },
      { sku: 'TONGS', shippedUnits: 2, returnedUnits: 0, rate: 0, sellable: 0, damaged: 0 },
    ]);
    expect(r.byReason).toEqual([
      { reason: 'damaged_in_transit', returns: 1, units: 1, share: 0.5 },
      { reason: 'wrong_item', returns: 1, units: 1, share: 0.5 },
    ]);
  });

  it('refuses bad ranges and callers who are not admins or analysts', async () => {
    const backwards = await h.call('GET', '/v1/analytics/orders?from=2026-03-04&to=2026-03-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.code).toBe('validation_failed');
    expect((await h.call('GET', '/v1/analytics/orders?from=yesterday')).status).toBe(400);
    expect((await h.call('GET', '/v1/analytics/orders?unknown=1')).status).toBe(400);
    expect((await h.call('GET', '/v1/analytics/orders', { token: 'key-webshop' })).status).toBe(403);
  });
});
