// fast-check arbitraries for policies and facts over the whole catalogue and every operator,
// shared by the differential and the analysis property tests.

import fc from 'fast-check';
import { SERVICE_LEVELS, SHIPPING_CLASSES } from '../domain/types.ts';
import { DEMO_WAREHOUSE_IDS } from './demo-fixtures.ts';
import type { PolicyCondition, PolicyDocument, PolicyEvent } from './document.ts';
import type { FactDefinition } from './fact-catalogue.ts';
import { FACT_CATALOGUE } from './fact-catalogue.ts';
import { OPERATORS } from './operators.ts';
import { REGIONS } from './regions.ts';

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
    case 'list':
      return fc.array(scalarOf(fact), { minLength: 1, maxLength: 3 });
    case 'element':
      return stringOf(fact);
    case 'elements':
      return listOf(fact, 1);
    case 'range':
      return fc.tuple(number, number).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
    default:
      return fact.name === 'destinationPostalCode' ? fc.constantFrom('IV', 'HS1', 'L', '') : scalarOf(fact);
  }
}

const leaf: fc.Arbitrary<PolicyCondition> = fc
  .constantFrom(...FACT_CATALOGUE)
  .chain((fact) =>
    fc
      .constantFrom(...OPERATORS.filter((o) => o.appliesTo.includes(fact.type)))
      .chain((op) => valueFor(fact, op.value).map((value) => ({ fact: fact.name, operator: op.name, value }) as PolicyCondition)),
  );

const { root } = fc.letrec<{ condition: PolicyCondition; root: PolicyCondition }>((tie) => ({
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
  { type: 'restrict-warehouses', params: { warehouses: ['US-NJ'] } },
  { type: 'exclude-warehouses', params: { warehouses: ['UK-MAN'] } },
  { type: 'prefer-warehouses', params: { warehouses: ['DE-BER'] } },
  { type: 'set-service-level', params: { serviceLevel: 'express' } },
  { type: 'set-service-level', params: { serviceLevel: 'economy' } },
  { type: 'run-macro', params: { macro: 'split-liquids' } },
);

/** Policies of up to eight rules, priorities 1-3 or none (many ties). */
export const policyArbitrary: fc.Arbitrary<PolicyDocument> = fc
  .array(fc.record({ priority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), conditions: root, event }), {
    minLength: 1,
    maxLength: 8,
  })
  .map(
    (rules) =>
      ({
        rules: rules.map((r, i) => ({
          name: `rule-${i}`,
          conditions: r.conditions,
          event: r.event,
          ...(r.priority ? { priority: r.priority } : {}),
        })),
      }) as PolicyDocument,
  );

// Facts of the catalogue's types, sometimes missing, now and then mistyped (a dry run's hand-edited facts).
function factValue(fact: FactDefinition): fc.Arbitrary<unknown> {
  const typed = fact.type === 'string[]' ? listOf(fact, 0) : scalarOf(fact);
  return fc.oneof({ weight: 8, arbitrary: typed }, { weight: 1, arbitrary: fc.constantFrom('5', 'x', null, [], 7) });
}

/** Fact sets of the catalogue's types, some facts missing or mistyped. */
export const factsArbitrary = fc.record(Object.fromEntries(FACT_CATALOGUE.map((f) => [f.name, factValue(f)])), { requiredKeys: [] });

function domainValue(fact: FactDefinition): fc.Arbitrary<unknown> {
  const min = fact.min ?? -5,
    max = fact.max ?? 40;
  switch (fact.type) {
    case 'number':
      return fact.integer ? fc.integer({ min, max }) : fc.oneof(fc.integer({ min, max }), fc.double({ min, max, noNaN: true }));
    case 'boolean':
      return fc.boolean();
    case 'string':
      return stringOf(fact);
    case 'string[]':
      return listOf(fact, 0);
  }
}

/** Every fact present and inside its catalogue domain, as computeFacts produces them. */
export const wellTypedFactsArbitrary = fc.record(Object.fromEntries(FACT_CATALOGUE.map((f) => [f.name, domainValue(f)])));
