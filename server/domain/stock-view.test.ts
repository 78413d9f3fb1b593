// Intake skips routing again inside the write lock when the stock it decided on and the fresh stock
// are alike; these properties hold routing to the promise that alike views route the same.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCase } from '../../test/routing/generate.ts';
import { routeOrder } from './routing.ts';
import type { StockView } from './routing.ts';
import { routesAlike, stockNeeds } from './stock-view.ts';

/** Another view where every count that covers what the order could draw moves to another count that does. */
function shuffleCovered(stock: StockView, needs: ReadonlyMap<string, number>, bump: number): StockView {
  return new Map(
    [...stock].map(([w, skus]) => [w, new Map([...skus].map(([sku, n]) => [sku, n >= (needs.get(sku) ?? 0) ? n + bump : n]))]),
  );
}

describe('routesAlike', () => {
  it('routes alike views to the same shipments, backorders and trace (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 50 }), (seed, bump) => {
        const { demand: _demand, ...req } = generateCase(seed);
        const needs = stockNeeds(req.lines, req.products);
        const fresh = shuffleCovered(req.stock, needs, bump);
        expect(routesAlike(req.stock, fresh, { needs, exact: false })).toBe(true);
        const [a, b] = [routeOrder(req), routeOrder({ ...req, stock: fresh })];
        expect({ shipments: b.shipments, backordered: b.backordered, trace: b.trace }).toEqual({
          shipments: a.shipments,
          backordered: a.backordered,
          trace: a.trace,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('tells views apart when a count the order could run short of moves, or any count with look-ahead', () => {
    const needs = new Map([
      ['CD', 2],
      ['KIT', 1],
    ]);
    const view = (cd: number) => new Map([['MAN', new Map([['CD', cd]])]]);
    expect(routesAlike(view(5), view(9), { needs, exact: false })).toBe(true);
    expect(routesAlike(view(1), view(5), { needs, exact: false })).toBe(false);
    expect(routesAlike(view(5), view(9), { needs, exact: true })).toBe(false);
    expect(routesAlike(view(5), new Map(), { needs, exact: false })).toBe(false);
  });

  it('counts a kit as its components times the kits ordered, besides the kit itself', () => {
    const { products } = generateCase(7);
    const kit = [...products.values()].find((p) => p.kit);
    if (!kit?.kit) throw new Error('the generated catalogue has no kit');
    const needs = stockNeeds([{ sku: kit.sku, quantity: 3 }], products);
    expect(needs.get(kit.sku)).toBe(3);
    for (const c of kit.kit.components) expect(needs.get(c.sku)).toBeGreaterThanOrEqual(3 * c.quantity);
  });
});
