import { describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS, routeOrder, type RoutingRequest } from './routing.ts';
import { routeGreedy } from './routing-greedy.ts';
import type { Product, RoutingConstraints, SkuQuantity, Warehouse } from './types.ts';

// Three British warehouses: the nearer, the dearer. Orders are placed before every cut-off and
// arrive within the standard promise, so only shipping, handling and splits differ.
const warehouse = (id: string, transitDays: number, baseCost: number): Warehouse => ({
  id,
  name: id,
  country: 'GB',
  lat: 0,
  lon: 0,
  capabilities: ['packet', 'parcel'],
  handlingCost: 100,
  cutoffHour: 16,
  rates: [{ carrier: `${id}-post`, service: 'standard', shippingClass: 'parcel', to: ['GB'], baseCost, perKg: 0, transitDays }],
});
const NEAR = warehouse('NEAR', 1, 900);
const MID = warehouse('MID', 2, 600);
const FAR = warehouse('FAR', 3, 300);
const product = (sku: string): Product => ({
  sku,
  name: sku,
  weightKg: 1,
  volumeLitres: 0,
  shippingClass: 'parcel',
  liquid: false,
  hazardous: false,
});

function request(
  lines: SkuQuantity[],
  levels: Record<string, Record<string, number>>,
  k: Partial<RoutingConstraints> = {},
): RoutingRequest {
  return {
    lines,
    country: 'GB',
    serviceLevel: 'standard',
    placedAt: '2026-11-24T10:00:00Z',
    products: new Map(['TONGS', 'CHARCOAL'].map((sku) => [sku, product(sku)])),
    warehouses: [FAR, MID, NEAR],
    stock: new Map(Object.entries(levels).map(([wh, skus]) => [wh, new Map(Object.entries(skus))])),
    constraints: { ...NO_CONSTRAINTS, ...k },
  };
}

describe('routeGreedy', () => {
  it('ships everything from the nearest warehouse with full stock, however dear', () => {
    const req = request([{ sku: 'TONGS', quantity: 2 }], { NEAR: { TONGS: 2 }, MID: { TONGS: 5 }, FAR: { TONGS: 5 } });
    const greedy = routeGreedy(req);
    expect(greedy.shipments).toEqual([{ warehouseId: 'NEAR', lines: [{ sku: 'TONGS', quantity: 2 }], cost: expect.anything() }]);
    expect(greedy.objective.total).toBe(900 + 100);
    expect(routeOrder(req).trace.objective?.total).toBe(300 + 100);
  });

  it('prices its plan exactly as the optimiser prices the same plan', () => {
    const req = request([{ sku: 'TONGS', quantity: 3 }], { NEAR: { TONGS: 1 }, MID: { TONGS: 4 }, FAR: {} });
    const onlyMid = routeOrder({ ...req, constraints: { ...req.constraints, allowedWarehouses: ['MID'] } });
    expect(routeGreedy(req).objective).toEqual(onlyMid.trace.objective);
  });

  it('takes what it can from the nearest warehouse and the rest from the next nearest when none has everything', () => {
    const req = request(
      [
        { sku: 'TONGS', quantity: 3 },
        { sku: 'CHARCOAL', quantity: 1 },
      ],
      { NEAR: { TONGS: 1 }, MID: { TONGS: 5 }, FAR: { TONGS: 2, CHARCOAL: 1 } },
    );
    const greedy = routeGreedy(req);
    expect(greedy.shipments.map((s) => [s.warehouseId, s.lines])).toEqual([
      ['NEAR', [{ sku: 'TONGS', quantity: 1 }]],
      ['MID', [{ sku: 'TONGS', quantity: 2 }]],
      ['FAR', [{ sku: 'CHARCOAL', quantity: 1 }]],
    ]);
    expect(greedy.objective).toMatchObject({ landed: 900 + 600 + 300 + 3 * 100, splitPenalty: 2 * 250, total: 2600 });
    // The optimiser makes two shipments (three tongs from MID, or two tongs and the charcoal from FAR).
    expect(routeOrder(req).trace.objective?.total).toBe(600 + 300 + 2 * 100 + 250);
  });

  it('skips warehouses a policy excludes and backorders what no other warehouse holds', () => {
    const req = request(
      [{ sku: 'TONGS', quantity: 4 }],
      { NEAR: { TONGS: 5 }, MID: { TONGS: 1 }, FAR: { TONGS: 2 } },
      {
        excludedWarehouses: ['NEAR'],
      },
    );
    const greedy = routeGreedy(req);
    expect(greedy.shipments.map((s) => s.warehouseId)).toEqual(['MID', 'FAR']);
    expect(greedy.backordered).toEqual([{ sku: 'TONGS', quantity: 1 }]);
    expect(greedy.objective.backorderedUnits).toBe(1);
  });

  it('does not split when a policy forbids it', () => {
    const req = request([{ sku: 'TONGS', quantity: 3 }], { NEAR: { TONGS: 1 }, MID: { TONGS: 2 } }, { forbidSplit: true });
    expect(routeGreedy(req).shipments).toEqual([]);
  });
});
