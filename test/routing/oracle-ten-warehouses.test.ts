// 10-line orders over 10 warehouses (the routing bench's hardest size, issue #5) against HiGHS:
// every plan is proven optimal within the default search limits and costs what the MILP optimum
// costs. ROUTING_ORACLE_TEN_CASES sets how many seeded orders are checked.
import { describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS, routeOrder } from '../../server/domain/routing.ts';
import { generateCase, type CaseSize } from './generate.ts';
import { loadHighs, solveByMilp } from './oracle.ts';

const CASES = Number(process.env.ROUTING_ORACLE_TEN_CASES ?? 100);

/** The bench's orders: exactly ten lines over ten warehouses, a quarter of stock slots empty, the default cost model. */
const TEN: CaseSize = { lines: [[10, 10, 1]], warehouses: [[10, 10, 1]], maxQuantity: 3, emptyStock: 0.25 };

describe('routing 10-line orders over 10 warehouses against the HiGHS optimum', () => {
  it('proves every plan optimal within the default limits, at the cost HiGHS finds', async () => {
    const highs = await loadHighs();
    for (let seed = 60_000; seed < 60_000 + CASES; seed++) {
      const req = { ...generateCase(seed, TEN), constraints: NO_CONSTRAINTS, demand: undefined, options: {} };
      const plan = routeOrder(req);
      const optimum = solveByMilp(highs, req);
      const objective = plan.trace.objective;
      expect({ seed, solver: plan.trace.solver, proven: plan.trace.search?.provenOptimal }).toEqual({
        seed,
        solver: 'exact',
        proven: true,
      });
      expect({ seed, backordered: objective?.backorderedUnits, cost: objective?.total }).toEqual({
        seed,
        backordered: optimum.backordered,
        cost: Math.round(optimum.cost),
      });
    }
  }, 600_000);
});
