// The fast engine against json-rules-engine: random policies over the whole catalogue and every
// operator, random (sometimes missing or mistyped) facts; events, order and traces must match.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SERVICE_LEVELS, SHIPPING_CLASSES } from '../domain/types.ts';
import { DEMO_MACROS, DEMO_WAREHOUSE_IDS } from './demo-fixtures.ts';
import type { PolicyCondition, PolicyDocument, PolicyEvent } from './document.ts';
import type { FactDefinition } from './fact-catalogue.ts';
import { FACT_CATALOGUE } from './fact-catalogue.ts';
import { compilePolicy } from './fast-engine.ts';
import { OPERATORS } from './operators.ts';
import { evaluateReference } from './reference-engine.ts';
import { REGIONS } from './regions.ts';
import { validatePolicy } from './validate.ts';

// Small pools, so that generated conditions and facts actually meet.
const STRINGS: Record<string, readonly string[]> = {
  channel: ['webshop', 'amazon', 'ebay'],
  destinationCountry: ['GB', 'DE', 'US', 'FR'],
  destinationRegion: REGIONS,
  destinationPostalCode: ['IV2 3AB', 'LS1 1AA', 'HS1 2AA', ''],
  serviceLevel: SERVICE_LEVELS,
  shippingClasses: SHIPPING_CLASSES,
  skus: ['A', 'B', 'C', 'D'],
  domesticWarehouses: DEMO_WAREHOUSE_IDS,
  sameCustomsUnionWarehouses: DEMO_WAREHOUSE_IDS,
};

const poolOf = (fact: FactDefinition) => STRINGS[fact.name] ?? ['a', 'b'];
const number = fc.oneof(fc.integer({ min: -2, max: 30 }), fc.double({ min: -2, max: 30, noNaN: true }));
const stringOf = (fact: FactDefinition) => fc.constantFrom(...poolOf(fact));
const listOf = (fact: FactDefinition, minLength: number) => fc.uniqueArray(stringOf(fact), { minLength, maxLength: 3 });

function scalarOf(fact: FactDefinition): fc.Arbitrary<string | number | boolean> {
  if (fact.type === 'number') return number;
  if (fact.type === 'boolean') return fc.boolean();
  return stringOf(fact);
}

function valueFor(fact: FactDefinition, shape: string): fc.Arbitrary<unknown> {
  switch (shape) {
    case 'list': return fc.array(scalarOf(fact), { minLength: 1, maxLength: 3 });
    case 'element': return stringOf(fact);
    case 'elements': return listOf(fact, 1);
    case 'range': return fc.tuple(number, number).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
    default:
      return fact.name === 'destinationPostalCode' ? fc.constantFrom('IV', 'HS1', 'L', '') : scalarOf(fact);
  }
}

const leaf: fc.Arbitrary<PolicyCondition> = fc.constantFrom(...FACT_CATALOGUE).chain((fact) =>
  fc.constantFrom(...OPERATORS.filter((o) => o.appliesTo.includes(fact.type))).chain((op) =>
    valueFor(fact, op.value).map((value) => ({ fact: fact.name, operator: op.name, value }) as PolicyCondition),
  ),
);

const { condition, root } = fc.letrec<{ condition: PolicyCondition; root: PolicyCondition }>((tie) => ({
  condition: fc.oneof({ maxDepth: 4, depthIdentifier: 'condition' }, leaf, leaf, tie('root')),
  root: fc.oneof(
    fc.record({ all: fc.array(tie('condition'), { maxLength: 4 }) }),
    // Mostly non-empty; the odd empty `any` checks json-rules-engine's "always true".
    fc.record({ any: fc.array(tie('condition'), { minLength: 1, maxLength: 4 }) }),
    fc.constant({ any: [] as PolicyCondition[] }),
    fc.record({ not: tie('condition') }),
  ),
}));

const event: fc.Arbitrary<PolicyEvent> = fc.constantFrom<PolicyEvent>(
  { type: 'hold', params: { reason: 'review' } },
  { type: 'forbid-split' },
  { type: 'restrict-warehouses', params: { warehouses: ['UK-MAN', 'DE-BER'] } },
  { type: 'set-service-level', params: { serviceLevel: 'express' } },
  { type: 'run-macro', params: { macro: 'split-liquids' } },
);

const policy: fc.Arbitrary<PolicyDocument> = fc
  .array(fc.record({ priority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), conditions: root, event }), { minLength: 1, maxLength: 8 })
  .map((rules) => ({
    rules: rules.map((r, i) => ({ name: `rule-${i}`, conditions: r.conditions, event: r.event, ...(r.priority ? { priority: r.priority } : {}) })),
  }) as PolicyDocument);

// Facts of the catalogue's types, sometimes missing, now and then mistyped (a dry run's hand-edited facts).
function factValue(fact: FactDefinition): fc.Arbitrary<unknown> {
  const typed = fact.type === 'string[]' ? listOf(fact, 0) : scalarOf(fact);
  return fc.oneof({ weight: 8, arbitrary: typed }, { weight: 1, arbitrary: fc.constantFrom('5', 'x', null, [], 7) });
}

const facts = fc.record(Object.fromEntries(FACT_CATALOGUE.map((f) => [f.name, factValue(f)])), { requiredKeys: [] });

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
