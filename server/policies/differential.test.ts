// The fast engine against json-rules-engine: random policies over the whole catalogue and every
// operator, random (sometimes missing or mistyped) facts; events, order and traces must match.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_MACROS, DEMO_WAREHOUSE_IDS } from './demo-fixtures.ts';
import { compilePolicy } from './fast-engine.ts';
import { evaluateReference } from './reference-engine.ts';
import { factsArbitrary as facts, policyArbitrary as policy } from './test-arbitraries.ts';
import { validatePolicy } from './validate.ts';

describe('fast engine against json-rules-engine', () => {
  it('fires the same events in the same order with identical traces', async () => {
    await fc.assert(
      fc.asyncProperty(policy, fc.array(facts, { minLength: 1, maxLength: 3 }), async (doc, factSets) => {
        const compiled = compilePolicy(doc);
        for (const f of factSets) {
          const reference = await evaluateReference(doc, f);
          expect(compiled.evaluate(f)).toStrictEqual(reference);
          expect(compiled.fire(f)).toStrictEqual(reference.events);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('traces the same outcomes without condition trees, also from the fired rules alone', () => {
    fc.assert(
      fc.property(policy, fc.array(facts, { minLength: 1, maxLength: 3 }), (doc, factSets) => {
        const full = compilePolicy(doc);
        const outcomes = compilePolicy(doc, { conditionTraces: false });
        for (const f of factSets) {
          const { events, rules } = full.evaluate(f);
          const expected = { events, rules: rules.map(({ conditions: _c, ...r }) => r) };
          expect(outcomes.evaluate(f)).toStrictEqual(expected);
          expect(full.outcomesOf(full.firedRules(f))).toStrictEqual(expected);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('traces condition trees for the fired rules alone, the same trees as the full trace', () => {
    fc.assert(
      fc.property(policy, fc.array(facts, { minLength: 1, maxLength: 3 }), (doc, factSets) => {
        const compiled = compilePolicy(doc);
        for (const f of factSets) {
          const { events, rules } = compiled.evaluate(f);
          const expected = { events, rules: rules.map(({ conditions, ...r }) => (r.result ? { ...r, conditions } : r)) };
          expect(compiled.evaluateFired(f)).toStrictEqual(expected);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('generates policies validatePolicy accepts, so the comparison covers what can be saved', () => {
    fc.assert(
      fc.property(policy, (doc) => {
        fc.pre(!JSON.stringify(doc).includes('"any":[]'));
        const result = validatePolicy(doc, { warehouseIds: DEMO_WAREHOUSE_IDS, macroNames: DEMO_MACROS });
        expect(result.ok ? [] : result.details).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
