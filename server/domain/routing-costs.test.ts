// The cost model's rules on the small test network: duties (DDP), cut-offs and service-level
// promises, the split penalty, the stock look-ahead, and what the trace says about them.
import { describe, expect, it } from 'vitest';
import { BER, MAN, PRODUCT_MAP, WAREHOUSES } from '../../test/support/network.ts';
import { NO_CONSTRAINTS, routeOrder, type RoutingRequest } from './routing.ts';
import type { SkuQuantity, Warehouse } from './types.ts';

const stock = (levels: Record<string, Record<string, number>>) =>
  new Map(Object.entries(levels).map(([wh, skus]) => [wh, new Map(Object.entries(skus))]));

function route(lines: SkuQuantity[], levels: Record<string, Record<string, number>>, extra: Partial<RoutingRequest> = {}) {
  return routeOrder({
    lines,
    country: 'GB',
    serviceLevel: 'standard',
    placedAt: '2026-11-24T10:00:00Z',
    products: PRODUCT_MAP,
    warehouses: WAREHOUSES,
    stock: stock(levels),
    constraints: NO_CONSTRAINTS,
    ...extra,
  });
}

// Berlin with a promotional GB parcel rate that undercuts Manchester before duties.
const PROMO: Warehouse = {
  ...BER,
  rates: [
    ...BER.rates,
    { carrier: 'promo', service: 'standard', shippingClass: 'parcel', to: ['GB'], baseCost: 50, perKg: 0, transitDays: 4 },
  ],
};

describe('duties and import VAT', () => {
  it('quotes UK VAT on a cross-border shipment in cost.duties, delivered duty paid', () => {
    const plan = route([{ sku: 'TONGS', quantity: 1 }], { BER: { TONGS: 5 } }, { unitPrices: { TONGS: 1000 } });
    const s = plan.shipments[0];
    expect(s?.duties).toMatchObject({ incoterm: 'DDP', from: 'EU', to: 'GB', goodsValue: 1000, duty: 0, vat: 200 });
    expect(s?.quote.cost.duties).toBe(200);
    expect(plan.trace.notes.join(' ')).toContain('DDP duties');
  });

  it('charges customs duty too once the shipment is worth more than £135', () => {
    const plan = route([{ sku: 'TONGS', quantity: 2 }], { BER: { TONGS: 5 } }, { unitPrices: { TONGS: 7000 } });
    expect(plan.shipments[0]?.duties).toMatchObject({ goodsValue: 14_000, duty: 560, vat: Math.floor(14_560 * 0.2) });
  });

  it('lets duties decide: cheap goods come from the promotional Berlin rate, dear goods from Manchester', () => {
    const levels = { MAN: { TONGS: 5 }, BER: { TONGS: 5 } };
    const cheap = route([{ sku: 'TONGS', quantity: 1 }], levels, { warehouses: [MAN, PROMO], unitPrices: { TONGS: 500 } });
    const dear = route([{ sku: 'TONGS', quantity: 1 }], levels, { warehouses: [MAN, PROMO], unitPrices: { TONGS: 5000 } });
    expect(cheap.shipments.map((s) => s.warehouseId)).toEqual(['BER']);
    expect(dear.shipments.map((s) => s.warehouseId)).toEqual(['MAN']);
    expect(dear.trace.alternatives?.[0]).toMatchObject({ warehouses: ['BER'] });
    expect(dear.trace.alternatives?.[0]?.reason).toContain('duties and import VAT (DDP)');
  });

  it('charges nothing inside the EU customs union', () => {
    const plan = route([{ sku: 'TONGS', quantity: 1 }], { BER: { TONGS: 5 } }, { country: 'FR', unitPrices: { TONGS: 50_000 } });
    expect(plan.shipments[0]?.crossBorder).toBe(true);
    expect(plan.shipments[0]?.duties).toBeUndefined();
    expect(plan.shipments[0]?.quote.cost.duties).toBe(0);
  });
});

describe('cut-offs and service levels', () => {
  const early: Warehouse = {
    ...MAN,
    id: 'EARLY',
    handlingCost: 90,
    cutoffHour: 12,
    rates: [{ carrier: 'slow', service: 'standard', shippingClass: 'parcel', to: ['GB'], baseCost: 400, perKg: 0, transitDays: 4 }],
  };
  const late: Warehouse = { ...early, id: 'LATE', handlingCost: 100, cutoffHour: 18 };
  const levels = { EARLY: { TONGS: 5 }, LATE: { TONGS: 5 } };

  it('ships from the cheaper warehouse before its cut-off, and from the other after it (a day late costs more)', () => {
    const morning = route([{ sku: 'TONGS', quantity: 1 }], levels, { warehouses: [early, late], placedAt: '2026-11-24T11:00:00Z' });
    const afternoon = route([{ sku: 'TONGS', quantity: 1 }], levels, { warehouses: [early, late], placedAt: '2026-11-24T13:00:00Z' });
    expect(morning.shipments.map((s) => [s.warehouseId, s.lateDays])).toEqual([['EARLY', 0]]);
    expect(afternoon.shipments.map((s) => [s.warehouseId, s.lateDays])).toEqual([['LATE', 0]]);
    const missed = afternoon.trace.candidates.find((c) => c.warehouseId === 'EARLY');
    expect(missed).toMatchObject({ eta: '2026-11-29', lateDays: 1 });
    expect(afternoon.trace.alternatives?.[0]?.reason).toContain('lateness (1 vs 0 day(s) late)');
  });

  it('prices lateness against the promise table and the cost per day, both options', () => {
    const plan = route(
      [{ sku: 'TONGS', quantity: 1 }],
      { BER: { TONGS: 5 } },
      { options: { promisedDays: { economy: 10, standard: 2, express: 1, next_day: 1 } } },
    );
    expect(plan.shipments[0]?.lateDays).toBe(3);
    expect(plan.shipments[0]?.penalties.lateness).toBe(600);
    const cheap = route(
      [{ sku: 'TONGS', quantity: 1 }],
      { BER: { TONGS: 5 } },
      { options: { costPerDayLate: { economy: 0, standard: 7, express: 0, next_day: 0 } } },
    );
    expect(cheap.shipments[0]?.penalties.lateness).toBe(7);
  });

  it('routes an express order only by express (or faster) rates, against the express promise', () => {
    const plan = route([{ sku: 'TONGS', quantity: 1 }], { MAN: { TONGS: 5 }, BER: { TONGS: 5 } }, { serviceLevel: 'express' });
    expect(plan.shipments.map((s) => [s.warehouseId, s.quote.service, s.lateDays])).toEqual([['MAN', 'express', 0]]);
    expect(plan.trace.candidates.find((c) => c.warehouseId === 'BER')?.reasons).toContain('no express parcel rate to GB');
  });
});

describe('the split penalty', () => {
  const MAN2: Warehouse = { ...MAN, id: 'MAN2', name: 'Manchester 2' };
  const levels = { MAN: { TONGS: 5 }, MAN2: { CHARCOAL: 5 }, BER: { TONGS: 5, CHARCOAL: 5 } };
  const lines = [
    { sku: 'TONGS', quantity: 1 },
    { sku: 'CHARCOAL', quantity: 1 },
  ];

  it('splits between two domestic warehouses when that is cheaper net of the penalty, else ships once', () => {
    const split = route(lines, levels, { warehouses: [MAN, MAN2, BER] });
    expect(split.trace.strategy).toBe('split');
    expect(split.trace.objective?.splitPenalty).toBe(250);
    expect(split.trace.alternatives?.find((a) => a.warehouses.join() === 'BER')?.reason).toMatch(/shipping/);
    const single = route(lines, levels, { warehouses: [MAN, MAN2, BER], options: { splitPenalty: 5000 } });
    expect(single.shipments.map((s) => s.warehouseId)).toEqual(['BER']);
    expect(single.trace.alternatives?.[0]?.reason).toContain('split penalty (+1 shipment(s))');
  });
});

describe('stock look-ahead', () => {
  it('leaves a warehouse its last units when local demand needs them and another can ship at a close cost', () => {
    const levels = { MAN: { TONGS: 1 }, BER: { TONGS: 9 } };
    const lines = [{ sku: 'TONGS', quantity: 1 }];
    expect(route(lines, levels).shipments[0]?.warehouseId).toBe('MAN');
    // Manchester sells half a unit a day: over 4 days it needs 2 and has 1, so taking it costs.
    const ahead = route(lines, levels, {
      demand: { MAN: { TONGS: 0.5 } },
      options: { lookahead: { horizonDays: 4, costPerUnitShort: 2000 } },
    });
    expect(ahead.shipments[0]?.warehouseId).toBe('BER');
    expect(ahead.trace.alternatives?.[0]?.reason).toContain('stock look-ahead');
  });
});

describe('the trace', () => {
  it('records the solver, the search size and a proof of optimality', () => {
    const plan = route(
      [
        { sku: 'TONGS', quantity: 3 },
        { sku: 'CD', quantity: 2 },
      ],
      { MAN: { TONGS: 2, CD: 1 }, BER: { TONGS: 3, CD: 3 } },
    );
    expect(plan.trace.solver).toBe('exact');
    expect(plan.trace.search).toMatchObject({ items: 2, warehouses: 2, provenOptimal: true });
    expect(plan.trace.notes.some((n) => n.startsWith('exact search over 2 warehouse(s)'))).toBe(true);
  });

  it('falls back to the heuristic, and says so, when the search limits are reached', () => {
    const plan = route(
      [
        { sku: 'TONGS', quantity: 3 },
        { sku: 'CD', quantity: 2 },
      ],
      { MAN: { TONGS: 2, CD: 2 }, BER: { TONGS: 3 }, NJ: { TONGS: 1 } },
      { options: { search: { maxStates: 1, maxEvaluations: 1 } } },
    );
    expect(plan.trace.solver).toBe('heuristic');
    expect(plan.trace.search?.provenOptimal).toBe(false);
    expect(plan.trace.notes[0]).toContain('not proven optimal');
    expect(plan.backordered).toEqual([]);
  });
});
