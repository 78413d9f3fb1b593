// Properties every plan has, on generated networks, catalogues with kits, stock and policies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCase } from '../../test/routing/generate.ts';
import { customsTerritoryOf } from './duties.ts';
import { expandKits, reservationsFor } from './kits.ts';
import { routeOrder } from './routing.ts';
import type { RoutingPlan, RoutingRequest } from './routing-types.ts';

const seeds = fc.integer({ min: 1, max: 1_000_000 });
const check = (property: (req: RoutingRequest, plan: RoutingPlan) => void) =>
  fc.assert(
    fc.property(seeds, (seed) => {
      const req = generateCase(seed);
      property(req, routeOrder(req));
    }),
    { numRuns: 300 },
  );

const totals = (lines: { sku: string; quantity: number }[]) => {
  const t = new Map<string, number>();
  for (const l of lines) t.set(l.sku, (t.get(l.sku) ?? 0) + l.quantity);
  return t;
};

describe('routing invariants (property)', () => {
  it('ships or backorders every unit exactly once', () => {
    check((req, plan) => {
      const wanted = totals(expandKits(req.lines, req.products, { allowKitSplit: req.constraints.allowKitSplit }));
      const placed = totals([...plan.shipments.flatMap((s) => s.lines), ...plan.backordered]);
      expect(placed).toEqual(wanted);
    });
  });

  it('never takes more stock than a warehouse has, and reserves exactly what its lines need (kits never half-built)', () => {
    check((req, plan) => {
      for (const s of plan.shipments) {
        expect(s.reservations).toEqual(reservationsFor(s.lines, req.products));
        for (const r of s.reservations) expect(r.quantity).toBeLessThanOrEqual(req.stock.get(s.warehouseId)?.get(r.sku) ?? 0);
      }
      if (!req.constraints.allowKitSplit) {
        const ordered = new Set(req.lines.map((l) => l.sku));
        for (const s of plan.shipments) for (const l of s.lines) expect(ordered.has(l.sku)).toBe(true);
      }
    });
  });

  it('honours allowed, excluded and vetoed warehouses, the cross-border ban and the split ban', () => {
    check((req, plan) => {
      const k = req.constraints;
      for (const s of plan.shipments) {
        const w = req.warehouses.find((x) => x.id === s.warehouseId);
        if (k.allowedWarehouses) expect(k.allowedWarehouses).toContain(s.warehouseId);
        expect(k.excludedWarehouses).not.toContain(s.warehouseId);
        expect(k.scoreAdjustments[s.warehouseId]).not.toBeNull();
        if (k.forbidCrossBorder) expect(w?.country).toBe(req.country);
        expect(s.crossBorder).toBe(w?.country !== req.country);
      }
      if (k.forbidSplit) {
        expect(plan.shipments.length).toBeLessThanOrEqual(1);
        if (plan.shipments.length === 1) expect(plan.backordered).toEqual([]);
      }
    });
  });

  it('ships from a warehouse only what it can handle, by a rate of the service level or faster', () => {
    check((req, plan) => {
      for (const s of plan.shipments) {
        const w = req.warehouses.find((x) => x.id === s.warehouseId);
        for (const l of s.lines) expect(w?.capabilities).toContain(req.products.get(l.sku)?.shippingClass);
        expect(['economy', 'standard', 'express', 'next_day'].indexOf(s.quote.service)).toBeGreaterThanOrEqual(
          ['economy', 'standard', 'express', 'next_day'].indexOf(req.serviceLevel),
        );
      }
    });
  });

  it('adds up: cost parts to totals, DDP duties exactly when a customs border is crossed, the objective to its parts', () => {
    check((req, plan) => {
      let landed = 0;
      for (const s of plan.shipments) {
        const c = s.quote.cost;
        expect(c.total).toBe(c.shipping + c.handling + c.duties);
        const w = req.warehouses.find((x) => x.id === s.warehouseId);
        const border = customsTerritoryOf(w?.country ?? '') !== customsTerritoryOf(req.country);
        expect(s.duties !== undefined).toBe(border);
        expect(c.duties).toBe(s.duties ? s.duties.duty + s.duties.vat : 0);
        landed += c.total;
      }
      const o = plan.trace.objective;
      expect(o?.landed).toBe(landed);
      expect(o?.total).toBe((o?.landed ?? 0) + (o?.splitPenalty ?? 0) + (o?.lateness ?? 0) + (o?.lookahead ?? 0) + (o?.adjustments ?? 0));
    });
  });

  it('gives the same plan for the same request', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        expect(JSON.stringify(routeOrder(generateCase(seed)))).toBe(JSON.stringify(routeOrder(generateCase(seed))));
      }),
      { numRuns: 50 },
    );
  });
});
