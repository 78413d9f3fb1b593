import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../demo/catalogue.ts';
import { DEMO_WAREHOUSES } from '../demo/network.ts';
import { seedDemo } from '../demo/seed.ts';
import { createServices, type Services } from '../services/container.ts';
import type { ActivePolicy } from '../services/policies.ts';
import { PolicyDecider } from '../services/policy-decider.ts';
import { openDatabase } from '../store/client.ts';
import { generateOrders } from './generator.ts';
import { staticNetwork } from './network.ts';
import { RuleOutcomes } from './rule-outcomes.ts';
import { RulesAhead } from './rules-ahead.ts';
import { StockState } from './stock-state.ts';
import { DEFAULT_PROMISED_DAYS } from './types.ts';
import { VariantRun } from './variant-run.ts';

let s: Services;
let policy: ActivePolicy;

beforeAll(async () => {
  s = await createServices({ db: await openDatabase({ url: ':memory:' }), log: pino({ level: 'silent' }) });
  await seedDemo(s);
  const sample = JSON.parse(readFileSync(join(import.meta.dirname, '../../rules-samples/policies/04-liquids-split.json'), 'utf8'));
  await s.policies.saveDraft(sample, 'test');
  policy = (await s.policies.select('draft')) as ActivePolicy;
});
afterAll(() => s.dispose());

/** Replays thin stock restocked weekly; answers the variant's result, its summaries and how often it decided. */
async function replayThin(stockFreeDecisions: boolean) {
  let decisions = 0;
  const decider = new PolicyDecider(async () => policy, s.macros);
  const counting = Object.assign(Object.create(decider) as PolicyDecider, {
    decide: (ctx: Parameters<PolicyDecider['decide']>[0]) => {
      decisions++;
      return decider.decide(ctx);
    },
  });
  const run = new VariantRun({
    spec: { name: 'thin', policy: 'draft' },
    policy: { selector: 'draft', version: null, rules: 1 },
    rules: new RuleOutcomes(policy.document),
    decider: counting,
    network: staticNetwork(DEMO_WAREHOUSES, new Map(DEMO_PRODUCTS.map((p) => [p.sku, p]))),
    stock: new StockState(DEMO_WAREHOUSES.flatMap((w) => DEMO_PRODUCTS.map((p) => ({ sku: p.sku, warehouseId: w.id, onHand: 3 })))),
    promised: DEFAULT_PROMISED_DAYS,
    stockFreeDecisions,
  });
  const summaries: unknown[] = [];
  let week = Date.parse('2026-01-08T06:00:00Z');
  for (const order of generateOrders({ count: 600, seed: 12, days: 60 })) {
    if (Date.parse(order.placedAt) >= week) {
      for (const p of DEMO_PRODUCTS) run.replenish({ at: new Date(week).toISOString(), sku: p.sku, warehouseId: 'UK-MAN', delta: 2 });
      await run.refill(new Date(week).toISOString());
      week += 7 * 86_400_000;
    }
    summaries.push((await run.decide(order, 0)).summary);
  }
  return { result: run.finish(), summaries, decisions };
}

describe('VariantRun', () => {
  it('decides a backorder once when decisions do not depend on stock, and brokers it just the same', async () => {
    const kept = await replayThin(true);
    const again = await replayThin(false);
    expect(JSON.stringify(kept.summaries)).toBe(JSON.stringify(again.summaries));
    expect(JSON.stringify(kept.result)).toBe(JSON.stringify(again.result));
    expect(kept.result.kpis.backorderFills.orders).toBeGreaterThan(10);
    expect(kept.decisions).toBeLessThan(again.decisions);
  });
});

// A decide macro reads the facts, which a decision from rules worked out ahead computes only for it.
const HEAVY_TAG = `export function decide(input) {
  return input.facts.totalWeightKg > 10 ? [{ type: 'tag', params: { tag: 'heavy' } }] : [{ type: 'forbid-split' }];
}`;

describe('VariantRun with rules worked out ahead', () => {
  it('decides every order as it does when it tests the rules itself, decide and pack macros included', async () => {
    await s.macros.save('heavy-tag', HEAVY_TAG, 'test');
    const liquids = JSON.parse(readFileSync(join(import.meta.dirname, '../../rules-samples/policies/04-liquids-split.json'), 'utf8'));
    const rule = (name: string, value: string) => ({
      name,
      conditions: { all: [{ fact: 'channel', operator: 'equal', value }] },
      event: { type: 'run-macro', params: { macro: 'heavy-tag' } },
    });
    await s.policies.saveDraft({ rules: [...liquids.rules, rule('heavy-amazon', 'amazon'), rule('heavy-web', 'webshop')] }, 'test');
    const withMacro = (await s.policies.select('draft')) as ActivePolicy;
    const network = staticNetwork(DEMO_WAREHOUSES, new Map(DEMO_PRODUCTS.map((p) => [p.sku, p])));
    const spec = { name: 'v', policy: 'draft' as const };
    const replay = async (ahead: RulesAhead | undefined) => {
      const run = new VariantRun({
        spec,
        policy: { selector: 'draft', version: null, rules: withMacro.document.rules.length },
        rules: new RuleOutcomes(withMacro.document),
        decider: new PolicyDecider(async () => withMacro, s.macros),
        network,
        stock: new StockState(DEMO_WAREHOUSES.flatMap((w) => DEMO_PRODUCTS.map((p) => ({ sku: p.sku, warehouseId: w.id, onHand: 5 })))),
        promised: DEFAULT_PROMISED_DAYS,
        keepsTraces: false,
      });
      const summaries: unknown[] = [];
      for (const order of generateOrders({ count: 400, seed: 5, days: 30 }))
        summaries.push((await run.decide(order, 1, { fired: ahead?.fired(order, 1) })).summary);
      return JSON.stringify({ summaries, result: run.finish() });
    };
    const own = await replay(undefined);
    expect(await replay(new RulesAhead(withMacro, spec, network))).toBe(own);
    expect(own).toContain('"heavy"');
  });
});
