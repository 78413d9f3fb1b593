// Stock look-ahead, measured (`npm run bench -- lookahead`): the seeded barbecue-season scenario
// (scenario-lookahead.ts) replayed through the demo's published policy without and with
// look-ahead, at the scenario's £10 a unit short and at the default £1.50; and the demo network's
// own generated history on live demo stock, where look-ahead changes next to nothing.
import { type ReplayOptions, runReplay, type ReplayServices, type SimulationResult } from './engine.ts';
import { withDemoBench } from './bench-harness.ts';
import { generateOrders } from './generator.ts';
import { liveStock } from './inputs.ts';
import type { VariantKpis } from './kpis.ts';
import { lookaheadScenario, SCENARIO_LOOKAHEAD_DAYS, SCENARIO_ROUTING } from './scenario-lookahead.ts';

export interface LookaheadFigures {
  orders: number;
  changedOrders: number;
  splitRateBaselinePct: number;
  splitRateCandidatePct: number;
  /** Total landed cost of the run (at placement and of backorder fills), candidate against baseline. */
  landedCostChangePct: number;
  landedPerOrderChangePct: number;
  crossBorderBaselinePct: number;
  crossBorderCandidatePct: number;
  backorderedBaseline: number;
  backorderedCandidate: number;
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;
const pct = (share: number) => round(share * 100);
const change = (from: number, to: number) => (from === 0 ? 0 : round(((to - from) / from) * 100));
const totalLanded = (k: VariantKpis) => k.cost.landed + k.backorderFills.landedCost;

/** Baseline against candidate of a replay whose first candidate looks ahead. */
export function lookaheadFigures(result: SimulationResult): LookaheadFigures {
  const [base, candidate] = result.variants.map((v) => v.kpis) as [VariantKpis, VariantKpis];
  return {
    orders: base.orders,
    changedOrders: result.diff[0]?.changed ?? 0,
    splitRateBaselinePct: pct(base.splitRate),
    splitRateCandidatePct: pct(candidate.splitRate),
    landedCostChangePct: change(totalLanded(base), totalLanded(candidate)),
    landedPerOrderChangePct: change(base.cost.landedPerOrder, candidate.cost.landedPerOrder),
    crossBorderBaselinePct: pct(base.crossBorderShare),
    crossBorderCandidatePct: pct(candidate.crossBorderShare),
    backorderedBaseline: base.backordered,
    backorderedCandidate: candidate.backordered,
  };
}

type Input = Pick<ReplayOptions, 'orders' | 'stock' | 'replenishments' | 'routing'>;

/** The published policy without and with look-ahead over `SCENARIO_LOOKAHEAD_DAYS`, results discarded page by page. */
export function compareLookahead(services: ReplayServices, input: Input): Promise<SimulationResult> {
  return runReplay({
    services,
    baseline: { name: 'baseline', policy: 'published' },
    candidates: [{ name: `lookahead=${SCENARIO_LOOKAHEAD_DAYS}`, policy: 'published', lookaheadDays: SCENARIO_LOOKAHEAD_DAYS }],
    sink: { write: async () => undefined },
    ...input,
  });
}

const prefixed = (prefix: string, figures: object) =>
  Object.fromEntries(Object.entries(figures).map(([k, v]) => [`${prefix}.${k}`, v as number]));

export function benchLookahead(): Promise<Record<string, number>> {
  return withDemoBench('lookahead', async ({ db, replay }) => {
    const scenario = lookaheadScenario();
    const tuned = lookaheadFigures(await compareLookahead(replay, { ...scenario, routing: SCENARIO_ROUTING }));
    const atDefault = lookaheadFigures(await compareLookahead(replay, scenario));
    // The demo network as `npm run simulate -- --generate 4000 --seed 7 --candidate published,lookahead=7` replays it.
    const demo = { orders: generateOrders({ count: 4000, seed: 7 }), stock: await liveStock(db) };
    const demoDefault = lookaheadFigures(await compareLookahead(replay, demo));
    const demoTuned = lookaheadFigures(
      await compareLookahead(replay, { ...demo, orders: generateOrders({ count: 4000, seed: 7 }), routing: SCENARIO_ROUTING }),
    );
    return {
      ...prefixed('lookahead', tuned),
      'lookahead.defaultCost.changedOrders': atDefault.changedOrders,
      'lookahead.defaultCost.splitRateCandidatePct': atDefault.splitRateCandidatePct,
      'lookahead.defaultCost.landedCostChangePct': atDefault.landedCostChangePct,
      'lookahead.demo.orders': demoDefault.orders,
      'lookahead.demo.changedOrders': demoDefault.changedOrders,
      'lookahead.demo.splitRateBaselinePct': demoDefault.splitRateBaselinePct,
      'lookahead.demo.splitRateCandidatePct': demoDefault.splitRateCandidatePct,
      'lookahead.demo.tenPound.changedOrders': demoTuned.changedOrders,
      'lookahead.demo.tenPound.splitRateCandidatePct': demoTuned.splitRateCandidatePct,
      'lookahead.demo.tenPound.landedCostChangePct': demoTuned.landedCostChangePct,
    };
  });
}
