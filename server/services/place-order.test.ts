// Intake skips routing again inside the write lock when the stock it decided on and the fresh stock
// are alike; these properties hold routing to the promise that alike views route the same.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCase } from '../../test/routing/generate.ts';
import { routeOrder } from '../domain/routing.ts';
import type { StockView } from '../domain/routing.ts';
import { hashBody, routesAlike, stockNeeds } from './place-order.ts';

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

describe('hashBody', () => {
  it('hashes a body the same whatever its key order, and as orders stored before were hashed', () => {
    const body = {
      externalId: 'WEB-1',
      placedAt: '2026-11-24T10:00:00Z',
      serviceLevel: 'standard',
      shipTo: { name: 'A. Buyer', line1: '1 High St', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB', line2: undefined },
      lines: [
        { sku: 'OIL-OLIVE-5L', quantity: 2, unitPrice: 2499 },
        { unitPrice: 1, sku: 'Ünï "q"', quantity: 1 },
      ],
      customer: { id: 'c1', email: null },
      tags: [],
    };
    const reordered = { ...Object.fromEntries(Object.entries(body).reverse()), customer: { email: null, id: 'c1' } };
    expect(hashBody(body)).toBe('c57d39cf549b60ae5222183b4849a45636dd3e7e941634ae22e12e72cd2f4cfa');
    expect(hashBody(reordered)).toBe(hashBody(body));
    expect(hashBody({ ...body, lines: [{ ...body.lines[0], quantity: 3 }] })).not.toBe(hashBody(body));
  });
});
