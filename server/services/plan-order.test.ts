// Score macros route the whole order to show it their candidates; when they adjust nothing, planOrder
// takes that routing instead of doing it again. It must be exactly the routing it would have done.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS, demoStock } from '../demo/catalogue.ts';
import { DEMO_WAREHOUSES } from '../demo/network.ts';
import { seedDemo } from '../demo/seed.ts';
import type { StockView } from '../domain/routing.ts';
import type { DecisionTrace } from '../domain/types.ts';
import { generateOrders } from '../simulate/generator.ts';
import { openDatabase } from '../store/client.ts';
import { createServices, type Services } from './container.ts';
import type { DecisionContext } from './decide.ts';
import type { ActivePolicy } from './policies.ts';
import { planOrder } from './plan-order.ts';
import { PolicyDecider } from './policy-decider.ts';

let s: Services;
let decider: PolicyDecider;

beforeAll(async () => {
  s = await createServices({ db: await openDatabase({ url: ':memory:' }), log: pino({ level: 'silent' }) });
  await seedDemo(s);
  const policy = (await s.policies.select('published')) as ActivePolicy;
  decider = new PolicyDecider(async () => policy, s.macros);
});
afterAll(() => s.dispose());

/** Deep stock, or the demo's thin stock scaled down so that some warehouses run to their last units. */
function stockView(scale: number): StockView {
  const view = new Map<string, Map<string, number>>();
  for (const row of demoStock()) {
    const at = view.get(row.warehouseId) ?? new Map<string, number>();
    at.set(row.sku, Math.floor(row.onHand * scale));
    view.set(row.warehouseId, at);
  }
  return view;
}

/** A decision trace without its macro calls' durations, which differ from run to run. */
const untimed = (trace: DecisionTrace) => ({
  ...trace,
  macros: ((trace.macros ?? []) as Record<string, unknown>[]).map(({ durationUs: _d, ...call }) => call),
});

describe('planOrder after score macros', () => {
  it.each([
    ['deep stock', 1000],
    ['thin stock', 0.05],
  ])('routes every order as a fresh routing would (%s)', async (_name, scale) => {
    const products = new Map(DEMO_PRODUCTS.map((p) => [p.sku, p]));
    const stock = stockView(scale);
    let reused = 0;
    let scored = 0;
    for (const order of generateOrders({ count: 150, seed: `reuse-${scale}` })) {
      const ctx: DecisionContext = {
        order: { ...order, id: `ord_${order.externalId}` },
        products,
        warehouses: DEMO_WAREHOUSES,
        customerOrderCount: 0,
        stock,
      };
      const plan = await planOrder(ctx, (c) => decider.decide(c));
      const fresh = await planOrder(ctx, async (c) => ({ ...(await decider.decide(c)), routed: undefined }));
      const { outcome: a, ...planA } = plan;
      const { outcome: b, ...planB } = fresh;
      expect({ ...planA, trace: untimed(a.trace), constraints: a.constraints }).toEqual({
        ...planB,
        trace: untimed(b.trace),
        constraints: b.constraints,
      });
      if (a.trace.macros?.some((m) => (m as { hook?: string }).hook === 'score')) scored++;
      if (a.routed) reused++;
    }
    // Marketplace orders run the score macro; with deep stock it mostly adjusts nothing and the routing
    // is reused; with thin stock it often penalises warehouses left with their last units.
    expect(scored).toBeGreaterThan(0);
    expect(reused).toBeGreaterThan(0);
    expect(reused).toBeLessThan(scored);
  });
});
