// Kits in routing: built at one warehouse from its components' stock, never half-built from two
// unless the policy allows it, reserving the components; and strict warehouse preference.
import { describe, expect, it } from 'vitest';
import { BER, MAN, NJ, PRODUCTS } from '../../test/support/network.ts';
import { NO_CONSTRAINTS, routeOrder, type RoutingRequest } from './routing.ts';
import type { Product, RoutingConstraints, SkuQuantity } from './types.ts';

const part = (sku: string, weightKg: number): Product => ({
  sku,
  name: sku,
  weightKg,
  volumeLitres: 0,
  shippingClass: 'parcel',
  liquid: false,
  hazardous: false,
});
const BIKE: Product = {
  ...part('BIKE', 14),
  kit: {
    components: [
      { sku: 'FRAME', quantity: 1 },
      { sku: 'WHEEL', quantity: 2 },
    ],
  },
};
const CATALOGUE = new Map([...PRODUCTS, BIKE, part('FRAME', 8), part('WHEEL', 3)].map((p) => [p.sku, p]));
const stock = (levels: Record<string, Record<string, number>>) =>
  new Map(Object.entries(levels).map(([wh, skus]) => [wh, new Map(Object.entries(skus))]));

function route(
  lines: SkuQuantity[],
  levels: Record<string, Record<string, number>>,
  k: Partial<RoutingConstraints> = {},
  extra: Partial<RoutingRequest> = {},
) {
  return routeOrder({
    lines,
    country: 'GB',
    serviceLevel: 'standard',
    placedAt: '2026-11-24T10:00:00Z',
    products: CATALOGUE,
    warehouses: [MAN, BER, NJ],
    stock: stock(levels),
    constraints: { ...NO_CONSTRAINTS, ...k },
    ...extra,
  });
}

describe('kits', () => {
  it('builds a kit where all its components are, ships it as one unit and reserves the components', () => {
    const plan = route([{ sku: 'BIKE', quantity: 2 }], { MAN: { WHEEL: 4 }, BER: { FRAME: 3, WHEEL: 4 } });
    expect(plan.shipments.map((s) => [s.warehouseId, s.lines, s.reservations])).toEqual([
      [
        'BER',
        [{ sku: 'BIKE', quantity: 2 }],
        [
          { sku: 'FRAME', quantity: 2 },
          { sku: 'WHEEL', quantity: 4 },
        ],
      ],
    ]);
    expect(plan.shipments[0]?.quote.packages.map((p) => p.weightKg)).toEqual([28]);
  });

  it('never ships a kit half-built from two warehouses: it is backordered instead', () => {
    const plan = route([{ sku: 'BIKE', quantity: 1 }], { MAN: { FRAME: 1, WHEEL: 1 }, BER: { WHEEL: 2 } });
    expect(plan.shipments).toEqual([]);
    expect(plan.backordered).toEqual([{ sku: 'BIKE', quantity: 1 }]);
    expect(plan.trace.candidates.find((c) => c.warehouseId === 'MAN')?.reasons).toContain('no stock of BIKE (from its components)');
  });

  it('ships the components unbuilt from several warehouses when the policy allows kit splits', () => {
    const plan = route([{ sku: 'BIKE', quantity: 1 }], { MAN: { FRAME: 1, WHEEL: 1 }, BER: { WHEEL: 2 } }, { allowKitSplit: true });
    expect(plan.backordered).toEqual([]);
    const units = plan.shipments
      .flatMap((s) => s.lines)
      .reduce<Record<string, number>>((t, l) => {
        t[l.sku] = (t[l.sku] ?? 0) + l.quantity;
        return t;
      }, {});
    expect(units).toEqual({ FRAME: 1, WHEEL: 2 });
  });

  it('shares component stock between a kit and the same component ordered on its own', () => {
    const plan = route(
      [
        { sku: 'BIKE', quantity: 1 },
        { sku: 'WHEEL', quantity: 1 },
      ],
      { MAN: { FRAME: 1, WHEEL: 2 }, BER: { WHEEL: 5 } },
    );
    const byWh = Object.fromEntries(plan.shipments.map((s) => [s.warehouseId, s.reservations]));
    expect(byWh.MAN).toEqual([
      { sku: 'FRAME', quantity: 1 },
      { sku: 'WHEEL', quantity: 2 },
    ]);
    expect(byWh.BER).toEqual([{ sku: 'WHEEL', quantity: 1 }]);
  });
});

describe('preferred warehouses (strict)', () => {
  it('takes a plan using only preferred warehouses over any cheaper plan, even a split over a single', () => {
    const levels = { MAN: { TONGS: 1 }, NJ: { TONGS: 1 }, BER: { TONGS: 2 } };
    const plan = route([{ sku: 'TONGS', quantity: 2 }], levels, { preferredWarehouses: ['MAN', 'NJ'] });
    expect(plan.shipments.map((s) => s.warehouseId)).toEqual(['MAN', 'NJ']);
    expect(plan.trace.alternatives?.[0]?.reason).toContain('uses a warehouse outside the preferred list');
  });

  it('ranks by cost among plans that need a warehouse outside the list', () => {
    const levels = { MAN: { TONGS: 1 }, BER: { TONGS: 2 } };
    const plan = route([{ sku: 'TONGS', quantity: 2 }], levels, { preferredWarehouses: ['MAN'] });
    expect(plan.shipments.map((s) => s.warehouseId)).toEqual(['BER']);
    expect(plan.trace.objective?.nonPreferredShipments).toBe(1);
  });
});
