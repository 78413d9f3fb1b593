import { describe, expect, it } from 'vitest';
import { BER, MAN, NJ, PRODUCT_MAP, WAREHOUSES } from '../../test/support/network.ts';
import { NO_CONSTRAINTS, routeOrder, type RoutingRequest, type StockView } from './routing.ts';
import type { RoutingConstraints, SkuQuantity } from './types.ts';

function stock(levels: Record<string, Record<string, number>>): StockView {
  return new Map(Object.entries(levels).map(([wh, skus]) => [wh, new Map(Object.entries(skus))]));
}

function route(
  lines: SkuQuantity[],
  country: string,
  levels: Record<string, Record<string, number>>,
  k: Partial<RoutingConstraints> = {},
  extra: Partial<RoutingRequest> = {},
) {
  return routeOrder({
    lines,
    country,
    serviceLevel: 'standard',
    placedAt: '2026-11-24T10:00:00Z',
    products: PRODUCT_MAP,
    warehouses: WAREHOUSES,
    stock: stock(levels),
    constraints: { ...NO_CONSTRAINTS, ...k },
    ...extra,
  });
}

describe('routeOrder', () => {
  it('ships domestically when the domestic warehouse is cheaper than a cross-border one', () => {
    const plan = route([{ sku: 'TONGS', quantity: 1 }], 'GB', { MAN: { TONGS: 5 }, BER: { TONGS: 5 } });
    expect(plan.shipments.map((s) => s.warehouseId)).toEqual(['MAN']);
    expect(plan.shipments[0]?.crossBorder).toBe(false);
    const ber = plan.trace.candidates.find((c) => c.warehouseId === 'BER');
    expect(ber?.outcome).toBe('lost');
    expect(ber?.cost?.total).toBeGreaterThan(plan.shipments[0]?.quote.cost.total ?? 0);
  });

  it('ships cross-border when that is the only warehouse with stock', () => {
    const plan = route([{ sku: 'TONGS', quantity: 1 }], 'GB', { MAN: { TONGS: 0 }, BER: { TONGS: 5 } });
    expect(plan.shipments.map((s) => s.warehouseId)).toEqual(['BER']);
    expect(plan.shipments[0]?.crossBorder).toBe(true);
  });

  it('prefers one shipment from a dearer warehouse over a split', () => {
    const plan = route(
      [
        { sku: 'TONGS', quantity: 1 },
        { sku: 'CHARCOAL', quantity: 1 },
      ],
      'GB',
      {
        MAN: { TONGS: 5, CHARCOAL: 0 },
        BER: { TONGS: 5, CHARCOAL: 5 },
      },
    );
    expect(plan.trace.strategy).toBe('single');
    expect(plan.shipments).toHaveLength(1);
    expect(plan.shipments[0]?.warehouseId).toBe('BER');
  });

  it('splits when no single warehouse can fill the order, and every unit is placed once', () => {
    const plan = route(
      [
        { sku: 'TONGS', quantity: 3 },
        { sku: 'CHARCOAL', quantity: 2 },
      ],
      'GB',
      {
        MAN: { TONGS: 3, CHARCOAL: 0 },
        BER: { TONGS: 0, CHARCOAL: 2 },
      },
    );
    expect(plan.trace.strategy).toBe('split');
    expect(plan.shipments.map((s) => s.warehouseId).sort()).toEqual(['BER', 'MAN']);
    expect(plan.backordered).toEqual([]);
    const placed = plan.shipments.flatMap((s) => s.lines).reduce((n, l) => n + l.quantity, 0);
    expect(placed).toBe(5);
  });

  it('splits one line across warehouses when neither holds enough, taking all it can from the cheaper one', () => {
    // Routing v1 took the most units from one warehouse (BER 4 + MAN 1); the cheapest plan takes
    // Manchester's 3 (domestic, 2 days) and only the rest from Berlin (dearer, a day late).
    const plan = route([{ sku: 'TONGS', quantity: 5 }], 'GB', { MAN: { TONGS: 3 }, BER: { TONGS: 4 } });
    const byWh = Object.fromEntries(plan.shipments.map((s) => [s.warehouseId, s.lines[0]?.quantity]));
    expect(byWh).toEqual({ MAN: 3, BER: 2 });
  });

  it('backorders what no warehouse can ship', () => {
    const plan = route(
      [
        { sku: 'TONGS', quantity: 2 },
        { sku: 'CD', quantity: 1 },
      ],
      'GB',
      { MAN: { TONGS: 1, CD: 0 } },
    );
    expect(plan.shipments.map((s) => [s.warehouseId, s.lines])).toEqual([['MAN', [{ sku: 'TONGS', quantity: 1 }]]]);
    expect(plan.backordered).toEqual([
      { sku: 'TONGS', quantity: 1 },
      { sku: 'CD', quantity: 1 },
    ]);
  });

  it('backorders everything when nothing has stock', () => {
    const plan = route([{ sku: 'CD', quantity: 1 }], 'GB', {});
    expect(plan.trace.strategy).toBe('none');
    expect(plan.shipments).toEqual([]);
    expect(plan.backordered).toEqual([{ sku: 'CD', quantity: 1 }]);
  });

  it('never uses a warehouse that cannot handle a shipping class or has no rate to the destination', () => {
    const plan = route([{ sku: 'BBQ', quantity: 1 }], 'GB', { BER: { BBQ: 3 }, NJ: { BBQ: 3 } });
    // Berlin has no pallet capability; Newark has no pallet rate to GB.
    expect(plan.shipments).toEqual([]);
    const reasons = Object.fromEntries(plan.trace.candidates.map((c) => [c.warehouseId, c.reasons.join('; ')]));
    expect(reasons.BER).toContain('cannot handle pallet goods');
    expect(reasons.NJ).toContain('no standard pallet rate to GB');
  });

  it('keeps liquids and hazardous goods to warehouses able to ship them', () => {
    const plan = route(
      [
        { sku: 'OIL-5L', quantity: 1 },
        { sku: 'BATTERY', quantity: 1 },
      ],
      'GB',
      {
        MAN: { 'OIL-5L': 5, BATTERY: 5 },
        NJ: { 'OIL-5L': 5, BATTERY: 5 },
      },
    );
    expect(plan.shipments.map((s) => [s.warehouseId, s.lines.map((l) => l.sku)])).toEqual([
      ['MAN', ['OIL-5L']],
      ['NJ', ['BATTERY']],
    ]);
  });

  it('honours restrictions, exclusions, vetoes and the cross-border ban', () => {
    const levels = { MAN: { TONGS: 5 }, BER: { TONGS: 5 }, NJ: { TONGS: 5 } };
    const tongs = [{ sku: 'TONGS', quantity: 1 }];
    expect(route(tongs, 'GB', levels, { excludedWarehouses: ['MAN'] }).shipments[0]?.warehouseId).toBe('BER');
    expect(route(tongs, 'GB', levels, { allowedWarehouses: ['NJ'] }).shipments[0]?.warehouseId).toBe('NJ');
    expect(route(tongs, 'GB', levels, { scoreAdjustments: { MAN: null } }).shipments[0]?.warehouseId).toBe('BER');
    const banned = route(tongs, 'GB', levels, { forbidCrossBorder: true, excludedWarehouses: ['MAN'] });
    expect(banned.shipments).toEqual([]);
    expect(banned.backordered).toEqual(tongs);
  });

  it('takes a preferred warehouse over a cheaper one, and score adjustments change the ranking', () => {
    const levels = { MAN: { TONGS: 5 }, BER: { TONGS: 5 } };
    const tongs = [{ sku: 'TONGS', quantity: 1 }];
    expect(route(tongs, 'GB', levels, { preferredWarehouses: ['BER'] }).shipments[0]?.warehouseId).toBe('BER');
    expect(route(tongs, 'GB', levels, { scoreAdjustments: { MAN: 5000 } }).shipments[0]?.warehouseId).toBe('BER');
  });

  it('backorders instead of splitting when splitting is forbidden', () => {
    const plan = route(
      [
        { sku: 'TONGS', quantity: 1 },
        { sku: 'CHARCOAL', quantity: 1 },
      ],
      'GB',
      {
        MAN: { TONGS: 5 },
        BER: { CHARCOAL: 5 },
      },
      { forbidSplit: true },
    );
    expect(plan.shipments).toEqual([]);
    expect(plan.backordered).toHaveLength(2);
    expect(plan.trace.notes.join(' ')).toContain('splitting is forbidden');
  });

  it('uses only rates of the requested service level or faster', () => {
    const plan = route([{ sku: 'TONGS', quantity: 1 }], 'GB', { MAN: { TONGS: 5 } }, {}, { serviceLevel: 'express' });
    expect(plan.shipments[0]?.quote.service).toBe('express');
    expect(plan.shipments[0]?.quote.cost.shipping).toBe(900 + Math.round(30 * 0.4));
  });

  it('prices a shipment as carrier base plus weight for each package, plus handling', () => {
    const plan = route([{ sku: 'CHARCOAL', quantity: 2 }], 'GB', { MAN: { CHARCOAL: 5 } });
    const s = plan.shipments[0];
    expect(s?.quote.packages).toHaveLength(1);
    expect(s?.quote.cost).toEqual({ shipping: 400 + 20 * 10, handling: MAN.handlingCost, duties: 0, total: 400 + 200 + 100 });
    expect(BER.id).toBe('BER');
    expect(NJ.id).toBe('NJ');
  });

  it('gives the same plan for the same request', () => {
    const once = () =>
      route(
        [
          { sku: 'TONGS', quantity: 4 },
          { sku: 'CD', quantity: 2 },
        ],
        'GB',
        { MAN: { TONGS: 2, CD: 1 }, BER: { TONGS: 3, CD: 3 } },
      );
    expect(JSON.stringify(once())).toBe(JSON.stringify(once()));
  });
});
