// Stock look-ahead measured by the real replay engine on the seeded barbecue-season scenario
// (server/simulate/scenario-lookahead.ts) under the demo's published policy: keeping Manchester's
// last units for British demand splits fewer orders and lands them cheaper. The figures are printed;
// `npm run bench -- lookahead` prints the same ones and the demo network's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookaheadFigures } from '../../server/simulate/bench-lookahead.ts';
import { lookaheadScenario, SCENARIO_LOOKAHEAD_DAYS, SCENARIO_ROUTING } from '../../server/simulate/scenario-lookahead.ts';
import type { DecisionSummary } from '../../server/simulate/types.ts';
import { replay, simHarness, type SimHarness } from './support.ts';

let h: SimHarness;
beforeAll(async () => {
  h = await simHarness({ demo: true });
});
afterAll(() => h.close());

const shippedFrom = (d: DecisionSummary) => [...new Set(d.shipments.map((s) => s.warehouseId))].sort().join('+');

describe('stock look-ahead in simulation', () => {
  it('splits fewer orders, ships less cross-border and lands cheaper when Manchester keeps its last units for British demand', async () => {
    const scenario = lookaheadScenario();
    const { result, orders, diffs } = await replay(h, {
      baseline: { name: 'baseline', policy: 'published' },
      candidates: [{ name: 'lookahead', policy: 'published', lookaheadDays: SCENARIO_LOOKAHEAD_DAYS }],
      ...scenario,
      routing: SCENARIO_ROUTING,
    });
    const f = lookaheadFigures(result);
    console.info(`look-ahead scenario: ${JSON.stringify(f)}`);
    expect(f.orders).toBe(3000);
    expect(f.splitRateCandidatePct).toBeLessThan(f.splitRateBaselinePct);
    expect(f.landedCostChangePct).toBeLessThan(0);
    expect(f.landedPerOrderChangePct).toBeLessThan(0);
    expect(f.crossBorderCandidatePct).toBeLessThan(f.crossBorderBaselinePct);
    expect(f.backorderedCandidate).toBeLessThan(f.backorderedBaseline);

    // How: US orders for liquids go to Berlin (a few pounds dearer), and British ones then find Manchester stocked.
    const country = new Map(scenario.orders.map((o) => [o.externalId, o.shipTo.country]));
    const changed = new Set(diffs.map((d) => d.seq));
    const moves = orders
      .filter((o) => changed.has(o.seq))
      .map((o) => {
        const [before, after] = o.decisions as [DecisionSummary, DecisionSummary];
        return `${country.get(o.externalId)} ${shippedFrom(before) || 'none'} -> ${shippedFrom(after) || 'none'}`;
      });
    const count = (move: string) => moves.filter((m) => m === move).length;
    const tally = Object.fromEntries([...new Set(moves)].map((m) => [m, count(m)]).sort((a, b) => Number(b[1]) - Number(a[1])));
    console.info(`changed orders (destination, shipped from before -> after): ${JSON.stringify(tally)}`);
    expect(count('US UK-MAN -> DE-BER')).toBeGreaterThan(10);
    expect(count('GB DE-BER -> UK-MAN') + count('GB none -> UK-MAN')).toBeGreaterThan(count('GB UK-MAN -> DE-BER') + 10);
  });

  it('follows the live setting in a variant that does not say, and turns off with lookaheadDays 0', async () => {
    const scenario = lookaheadScenario();
    const live = {
      lookahead: { ...SCENARIO_ROUTING.lookahead, enabled: true, windowDays: SCENARIO_LOOKAHEAD_DAYS },
    } as typeof SCENARIO_ROUTING;
    const { result } = await replay(h, {
      baseline: { name: 'as live', policy: 'published' },
      candidates: [
        { name: 'explicit', policy: 'published', lookaheadDays: SCENARIO_LOOKAHEAD_DAYS },
        { name: 'off', policy: 'published', lookaheadDays: 0 },
      ],
      ...scenario,
      routing: live,
    });
    const [asLive, explicit, off] = result.variants;
    expect(asLive?.kpis).toEqual(explicit?.kpis);
    expect(result.diff[0]?.changed).toBe(0);
    expect(off?.kpis.splitRate).toBeGreaterThan(asLive?.kpis.splitRate ?? 1);
  });
});
