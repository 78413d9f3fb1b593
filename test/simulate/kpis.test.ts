// KPIs on a four-order history small enough to check by hand: two warehouses, two products,
// a split, a stock-out, a backorder and the replenishment that fills it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Product, Rate, Warehouse } from '../../server/domain/types.ts';
import type { SimOrder } from '../../server/simulate/types.ts';
import { replay, simHarness, type SimHarness } from './support.ts';

const rate = (to: string, baseCost: number, transitDays: number): Rate => ({
  carrier: `c-${to}`,
  service: 'standard',
  shippingClass: 'parcel',
  to: [to],
  baseCost,
  perKg: 0,
  transitDays,
});
const warehouse = (id: string, country: string, rates: Rate[]): Warehouse => ({
  id,
  name: id,
  country,
  lat: 0,
  lon: 0,
  capabilities: ['parcel'],
  handlingCost: 100,
  cutoffHour: 24,
  rates,
});
const product = (sku: string): Product => ({
  sku,
  name: sku,
  weightKg: 1,
  volumeLitres: 0,
  shippingClass: 'parcel',
  liquid: false,
  hazardous: false,
});
const order = (externalId: string, placedAt: string, country: string, lines: [string, number][]): SimOrder => ({
  externalId,
  channelId: 'webshop',
  placedAt,
  serviceLevel: 'standard',
  shipTo: { name: 'B', line1: '1', city: 'X', postalCode: 'X1', country },
  lines: lines.map(([sku, quantity]) => ({ sku, quantity, unitPrice: 1000 })),
});

let h: SimHarness;
beforeAll(async () => {
  h = await simHarness();
  await h.s.catalogue.putWarehouse(warehouse('W-GB', 'GB', [rate('GB', 500, 2), rate('FR', 1000, 4)]));
  await h.s.catalogue.putWarehouse(warehouse('W-FR', 'FR', [rate('FR', 300, 1), rate('GB', 900, 3)]));
  await h.s.catalogue.putProduct(product('A'));
  await h.s.catalogue.putProduct(product('B'));
});
afterAll(() => h.close());

it('computes cost, splits, packages, delivery, on-time, cross-border, backorders, load and stock-outs as counted by hand', async () => {
  const { result, orders } = await replay(h, {
    baseline: { name: 'baseline', policy: 'published' },
    candidates: [],
    stock: [
      { sku: 'A', warehouseId: 'W-GB', onHand: 2 },
      { sku: 'B', warehouseId: 'W-FR', onHand: 5 },
    ],
    replenishments: [{ at: '2026-03-05T08:00:00Z', sku: 'A', warehouseId: 'W-GB', delta: 1 }],
    orders: [
      order('o1', '2026-03-02T10:00:00Z', 'GB', [['A', 1]]), // W-GB: 500 + 100, 2 days
      order('o2', '2026-03-02T11:00:00Z', 'GB', [
        ['A', 1],
        ['B', 1],
      ]), // split: W-GB A 600 + W-FR B 1000 + 200 UK import VAT (3 days, cross-border); A runs out
      order('o3', '2026-03-03T09:00:00Z', 'FR', [['A', 1]]), // nothing anywhere: backordered
      order('o4', '2026-03-03T12:00:00Z', 'FR', [['B', 2]]), // W-FR: one parcel, 300 + 100, 1 day
    ],
  });
  const k = result.variants[0]!.kpis;
  expect(k).toMatchObject({ orders: 4, units: 6, routed: 3, backordered: 1, backorderedUnits: 1, onHold: 0, holds: { backordered: 1 } });
  expect(k.cost).toEqual({
    landed: 2800,
    shipping: 2200,
    handling: 400,
    duties: 200,
    landedPerOrder: 933.33,
    shippingPerOrder: 733.33,
    dutiesPerOrder: 66.67,
  });
  expect(k).toMatchObject({
    shipments: 4,
    packages: 4,
    splitRate: 0.3333,
    packagesPerOrder: 1.3333,
    onTimeRate: 1,
    crossBorderShare: 0.3333,
  });
  expect(k.deliveryDays).toEqual({ orders: 3, mean: 2, p95: 3, histogram: { '1': 1, '2': 1, '3': 1 } });
  // The replenishment on 5 March lets o3 ship from W-GB to France (1000 + 100 + 200 French import VAT), two days after it was placed.
  expect(k.backorderFills).toMatchObject({
    orders: 1,
    units: 1,
    landedCost: 1300,
    openOrders: 0,
    openUnits: 0,
    waitDays: { orders: 1, mean: 2, p95: 2 },
  });
  expect(k.warehouses).toEqual({
    'W-FR': { shipments: 2, units: 3, landedCost: 1600, stockOuts: 0 },
    'W-GB': { shipments: 3, units: 3, landedCost: 2500, stockOuts: 2 },
  });
  const t = result.variants[0]!.timeline;
  expect(t.days).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']);
  expect(t.orders).toEqual([2, 2, 0, 0]);
  expect(t.backorderedUnits).toEqual([0, 1, 0, 0]);
  expect(t.warehouses['W-GB']).toEqual({ units: [2, 0, 0, 1], stockOuts: [1, 0, 0, 1] });
  const o2 = orders.find((o) => o.externalId === 'o2')!.decisions[0];
  expect(o2).toMatchObject({
    status: 'routed',
    cost: 1800,
    deliveryDays: 3,
    items: [
      { sku: 'A', quantity: 1, from: { 'W-GB': 1 }, backordered: 0 },
      { sku: 'B', quantity: 1, from: { 'W-FR': 1 }, backordered: 0 },
    ],
  });
  expect(result.tradeOff).toEqual([
    {
      variant: 'baseline',
      landedPerOrder: 933.33,
      meanDeliveryDays: 2,
      p95DeliveryDays: 3,
      splitRate: 0.3333,
      onTimeRate: 1,
      backordered: 1,
      onHold: 0,
    },
  ]);
});
