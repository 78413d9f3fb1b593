// Every sample policy is loaded, validated against the demo network, analysed, and run through
// both engines on an order that should trigger it and one that should not.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzePolicy } from '../../server/policies/analysis.ts';
import { DEMO_MACROS, DEMO_WAREHOUSE_IDS, demoOrder, type DemoOrderOptions } from '../../server/policies/demo-fixtures.ts';
import type { PolicyDocument } from '../../server/policies/document.ts';
import { compilePolicy } from '../../server/policies/fast-engine.ts';
import { computeFacts } from '../../server/policies/facts.ts';
import { evaluateReference } from '../../server/policies/reference-engine.ts';
import { validatePolicy } from '../../server/policies/validate.ts';

const dir = new URL('./', import.meta.url);
const ctx = { warehouseIds: DEMO_WAREHOUSE_IDS, macroNames: DEMO_MACROS };

const line = (sku: string, quantity: number, unitPrice: number) => ({ sku, quantity, unitPrice });

interface SampleCase {
  /** An order the sample should act on, and the rules it expects to fire. */
  triggers: DemoOrderOptions;
  fires: string[];
  /** An order none of the sample's rules should touch. */
  quiet: DemoOrderOptions;
}

const CASES: Record<string, SampleCase> = {
  '01-domestic-first.json': { triggers: { country: 'DE' }, fires: ['prefer-berlin-for-eu'], quiet: { country: 'JP' } },
  '02-no-cross-border-low-value.json': {
    triggers: { country: 'FR' },
    fires: ['eu-low-value-stays-in-eu'],
    quiet: { country: 'FR', lines: [line('OIL-OLIVE-5L', 20, 1299)] },
  },
  '03-pallet-goods.json': {
    triggers: { lines: [line('BBQ-GAS-3B', 1, 30000), line('OIL-OLIVE-5L', 2, 1299)] },
    fires: ['pallets-from-pallet-sites', 'pallet-or-parcel-for-mixed-orders'],
    quiet: { lines: [line('OIL-OLIVE-5L', 1, 1299)] },
  },
  '04-liquids-split.json': { triggers: { lines: [line('OIL-OLIVE-5L', 1, 1299)] }, fires: ['split-liquids'], quiet: {} },
  '05-fraud-hold.json': {
    triggers: { customerOrderCount: 0, lines: [line('LP-DARK-SIDE', 3, 90000)] },
    fires: ['hold-first-order-over-2000', 'hold-first-order-resale-risk'],
    quiet: { customerOrderCount: 4, lines: [line('LP-DARK-SIDE', 3, 90000)] },
  },
  '06-marketplace-sla.json': { triggers: { channelId: 'amazon' }, fires: ['amazon-ships-express'], quiet: { channelId: 'ebay' } },
  '07-hazmat.json': {
    triggers: { country: 'DE', lines: [line('FIRELIGHTERS', 1, 500)] },
    fires: ['hazmat-hold-without-domestic-site', 'hazmat-domestic-only'],
    quiet: { country: 'DE' },
  },
  '08-no-split-low-value.json': { triggers: {}, fires: ['no-split-under-50'], quiet: { lines: [line('BBQ-KAMADO', 1, 45000)] } },
  '09-remote-postcodes.json': {
    triggers: { postalCode: 'hs1 2aa' },
    fires: ['tag-scottish-highlands-and-islands'],
    quiet: { country: 'IE', postalCode: 'HS1 2AA' },
  },
  '10-marketplace-last-units.json': { triggers: { channelId: 'ebay' }, fires: ['marketplaces-keep-last-units'], quiet: {} },
};

function load(file: string): PolicyDocument {
  const result = validatePolicy(JSON.parse(readFileSync(new URL(file, dir), 'utf8')), ctx);
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.details)}`);
  return result.policy;
}

async function firedBoth(policy: PolicyDocument, options: DemoOrderOptions): Promise<string[]> {
  const facts = computeFacts(demoOrder(options));
  const reference = await evaluateReference(policy, facts);
  expect(compilePolicy(policy).evaluate(facts)).toStrictEqual(reference);
  return reference.events.map((e) => e.rule);
}

const numbered = readdirSync(dir)
  .filter((f) => /^\d\d-.*\.json$/.test(f))
  .sort();

describe('sample policies', () => {
  it('has a case for every numbered sample', () => {
    expect(numbered).toEqual(Object.keys(CASES).sort());
  });

  for (const file of numbered) {
    const sample = CASES[file] as SampleCase;
    describe(file, () => {
      const policy = load(file);

      it('is valid and draws no analysis warnings', () => {
        expect(analyzePolicy(policy).warnings).toEqual([]);
      });

      it('fires on an order it is meant for, in both engines', async () => {
        expect(await firedBoth(policy, sample.triggers)).toEqual(sample.fires);
      });

      it('stays quiet on an order it is not meant for, in both engines', async () => {
        expect(await firedBoth(policy, sample.quiet)).toEqual([]);
      });
    });
  }
});

describe('demo.json', () => {
  const demo = load('demo.json');

  it("is every numbered sample's rules, in order", () => {
    expect(demo.rules).toEqual(numbered.flatMap((file) => load(file).rules));
  });

  it('draws no analysis warnings', () => {
    expect(analyzePolicy(demo).warnings).toEqual([]);
  });

  it('would draw a contradiction without the pallet exemption of sample 02', () => {
    const withoutExemption = structuredClone(demo);
    const rule = withoutExemption.rules.find((r) => r.name === 'eu-low-value-stays-in-eu');
    if (!rule || !('all' in rule.conditions)) throw new Error('sample 02 changed');
    rule.conditions.all = rule.conditions.all.filter((c) => !('fact' in c) || c.fact !== 'shippingClasses');
    expect(analyzePolicy(withoutExemption).warnings).toEqual([
      expect.objectContaining({ rule: 'pallets-from-pallet-sites', kind: 'contradiction', related: 'eu-low-value-stays-in-eu' }),
    ]);
  });

  it('holds a big first order of records to Germany and runs every matching rule in priority order', async () => {
    const fired = await firedBoth(demo, {
      country: 'DE',
      customerOrderCount: 0,
      channelId: 'amazon',
      lines: [line('LP-DARK-SIDE', 3, 90000), line('OIL-OLIVE-5L', 1, 1299)],
    });
    expect(fired).toEqual([
      'hold-first-order-over-2000',
      'hold-first-order-resale-risk',
      'amazon-ships-express',
      'split-liquids',
      'marketplaces-keep-last-units',
      'prefer-berlin-for-eu',
    ]);
  });
});
