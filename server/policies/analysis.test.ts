import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzePolicy } from './analysis.ts';
import type { PolicyCondition, PolicyDocument, PolicyEvent, RootCondition } from './document.ts';
import { compilePolicy } from './fast-engine.ts';
import { policyArbitrary, wellTypedFactsArbitrary } from './test-arbitraries.ts';

const leaf = (fact: string, operator: string, value: unknown) => ({ fact, operator, value }) as PolicyCondition;
const tag: PolicyEvent = { type: 'tag', params: { tag: 't' } };

function policy(...rules: [string, RootCondition, PolicyEvent?, number?][]): PolicyDocument {
  return {
    rules: rules.map(([name, conditions, event = tag, priority]) => ({ name, conditions, event, ...(priority ? { priority } : {}) })),
  };
}

const kinds = (doc: PolicyDocument) => analyzePolicy(doc).warnings.map((w) => [w.rule, w.kind]);

describe('analyzePolicy: rules that can never fire', () => {
  it('finds contradictory bounds on one fact', () => {
    const { warnings } = analyzePolicy(
      policy(['r', { all: [leaf('orderValue', 'greaterThan', 100), leaf('orderValue', 'lessThan', 50)] }]),
    );
    expect(warnings).toEqual([
      { rule: 'r', kind: 'never-fires', message: 'can never fire: orderValue greaterThan 100 and orderValue lessThan 50 cannot all hold' },
    ]);
  });

  it('finds a fact required to equal two values', () => {
    expect(kinds(policy(['r', { all: [leaf('channel', 'equal', 'a'), { all: [leaf('channel', 'equal', 'b')] }] }]))).toEqual([
      ['r', 'never-fires'],
    ]);
  });

  it("finds values outside a fact's domain", () => {
    const { warnings } = analyzePolicy(
      policy(
        ['hour', { all: [leaf('placedAtHour', 'equal', 25)] }],
        ['level', { any: [leaf('serviceLevel', 'equal', 'warp')] }],
        ['class', { all: [leaf('shippingClasses', 'contains', 'crate')] }],
        ['fraction', { all: [leaf('unitCount', 'between', [1.2, 1.8])] }],
      ),
    );
    expect(warnings.map((w) => w.rule)).toEqual(['hour', 'level', 'class', 'fraction']);
    expect(warnings[0]?.message).toBe('can never fire: placedAtHour equal 25 can never hold: placedAtHour is an integer from 0 to 23');
  });

  it('sees through not and De Morgan', () => {
    expect(
      kinds(policy(['r', { all: [leaf('hasLiquids', 'equal', true), { not: { any: [leaf('hasLiquids', 'equal', true)] } }] }])),
    ).toEqual([['r', 'never-fires']]);
    expect(kinds(policy(['r', { not: { all: [] } }]))).toEqual([['r', 'never-fires']]);
  });

  it('needs every alternative of an any to be impossible', () => {
    const cond = (x: number): RootCondition => ({
      all: [leaf('orderValue', 'lessThan', 10), { any: [leaf('orderValue', 'greaterThan', x), leaf('channel', 'equal', 'a')] }],
    });
    expect(kinds(policy(['r', cond(20)]))).toEqual([]);
    const impossible: RootCondition = {
      all: [leaf('orderValue', 'lessThan', 10), { any: [leaf('orderValue', 'greaterThan', 20), leaf('orderValue', 'equal', 30)] }],
    };
    expect(kinds(policy(['r', impossible]))).toEqual([['r', 'never-fires']]);
  });

  it('accepts conditions that can hold, however tight', () => {
    expect(
      kinds(
        policy(
          ['a', { all: [leaf('orderValue', 'greaterThanInclusive', 100), leaf('orderValue', 'lessThanInclusive', 100)] }],
          ['b', { all: [leaf('placedAtHour', 'between', [3, 4]), leaf('placedAtHour', 'notEqual', 3)] }],
          ['c', { all: [leaf('destinationPostalCode', 'startsWith', 'IV'), leaf('destinationPostalCode', 'startsWith', 'IV2')] }],
          ['d', { all: [leaf('skus', 'containsAny', ['A', 'B']), leaf('skus', 'doesNotContain', 'A')] }],
          ['e', { not: { all: [leaf('orderValue', 'between', [0, 10])] } }],
        ),
      ),
    ).toEqual([]);
  });

  it('finds impossible integer ranges and list contradictions', () => {
    expect(
      kinds(
        policy(
          ['a', { all: [leaf('placedAtHour', 'between', [3, 4]), leaf('placedAtHour', 'notIn', [3, 4])] }],
          ['b', { all: [leaf('skus', 'containsAll', ['A', 'B']), leaf('skus', 'containsNone', ['B'])] }],
          ['c', { all: [leaf('destinationPostalCode', 'startsWith', 'IV'), leaf('destinationPostalCode', 'startsWith', 'HS')] }],
        ),
      ),
    ).toEqual([
      ['a', 'never-fires'],
      ['b', 'never-fires'],
      ['c', 'never-fires'],
    ]);
  });
});

describe('analyzePolicy: shadowed rules', () => {
  const big = leaf('orderValue', 'greaterThan', 1000);

  it('finds a duplicate of an earlier rule', () => {
    const { warnings } = analyzePolicy(policy(['first', { all: [big] }], ['second', { all: [big] }]));
    expect(warnings).toEqual([
      {
        rule: 'second',
        kind: 'shadowed',
        message: expect.stringContaining('"first" (priority 1) fires first and does the same'),
        related: 'first',
      },
    ]);
  });

  it('finds a lower-priority service level that always loses', () => {
    const express: PolicyEvent = { type: 'set-service-level', params: { serviceLevel: 'express' } };
    const economy: PolicyEvent = { type: 'set-service-level', params: { serviceLevel: 'economy' } };
    const doc = policy(['low', { all: [big, leaf('channel', 'equal', 'a')] }, economy], ['high', { all: [big] }, express, 5]);
    expect(analyzePolicy(doc).warnings).toEqual([
      { rule: 'low', kind: 'shadowed', message: expect.stringContaining('its service level express wins'), related: 'high' },
    ]);
  });

  it('finds restrictions, exclusions and preferences that add nothing', () => {
    const w = (type: 'restrict-warehouses' | 'exclude-warehouses' | 'prefer-warehouses', ...warehouses: string[]): PolicyEvent => ({
      type,
      params: { warehouses },
    });
    expect(
      kinds(
        policy(
          ['r1', { all: [big] }, w('restrict-warehouses', 'A')],
          ['r2', { all: [big] }, w('restrict-warehouses', 'A', 'B')],
          ['x1', { all: [big] }, w('exclude-warehouses', 'C', 'D')],
          ['p1', { all: [big] }, w('prefer-warehouses', 'C')],
          ['p2', { all: [big] }, w('prefer-warehouses', 'B', 'A')],
          ['p3', { all: [big] }, w('prefer-warehouses', 'A')],
          ['x2', { all: [big] }, w('exclude-warehouses', 'D')],
        ),
      ),
    ).toEqual([
      ['r2', 'shadowed'],
      ['p1', 'shadowed'],
      ['p3', 'shadowed'],
      ['x2', 'shadowed'],
    ]);
  });

  it('reports a shadowed rule once and leaves it out of later comparisons', () => {
    const w = (type: 'restrict-warehouses' | 'exclude-warehouses', ...warehouses: string[]): PolicyEvent => ({
      type,
      params: { warehouses },
    });
    expect(
      kinds(
        policy(
          ['r1', { all: [big] }, w('restrict-warehouses', 'A')],
          ['r2', { all: [big] }, w('restrict-warehouses', 'A')],
          ['x1', { all: [] }, w('exclude-warehouses', 'A')],
        ),
      ),
    ).toEqual([
      ['r2', 'shadowed'],
      ['x1', 'contradiction'],
    ]);
  });

  it('does not call a rule shadowed when it can fire without the earlier one', () => {
    expect(kinds(policy(['first', { all: [big, leaf('channel', 'equal', 'a')] }], ['second', { all: [big] }]))).toEqual([]);
  });

  it('recognises identical any groups written in another order', () => {
    const g1: RootCondition = { any: [leaf('channel', 'equal', 'a'), leaf('channel', 'equal', 'b')] };
    const g2: RootCondition = { all: [{ any: [leaf('channel', 'equal', 'b'), leaf('channel', 'equal', 'a')] }, big] };
    expect(kinds(policy(['first', { all: [g1] }], ['second', g2]))).toEqual([['second', 'shadowed']]);
  });
});

describe('analyzePolicy: contradictions', () => {
  it('finds a restriction to warehouses another rule excludes', () => {
    const doc = policy(
      ['pallets', { all: [leaf('shippingClasses', 'contains', 'pallet')] }, { type: 'restrict-warehouses', params: { warehouses: ['A'] } }],
      ['eu', { all: [leaf('destinationRegion', 'equal', 'EU')] }, { type: 'exclude-warehouses', params: { warehouses: ['A', 'B'] } }],
    );
    expect(analyzePolicy(doc).warnings).toEqual([
      {
        rule: 'eu',
        kind: 'contradiction',
        message: 'may fire together with "pallets": "pallets" restricts to [A] and "eu" excludes them all: none could ship',
        related: 'pallets',
      },
    ]);
  });

  it('finds disjoint restrictions and differing service levels', () => {
    expect(
      kinds(
        policy(
          ['a', { all: [leaf('hasLiquids', 'equal', true)] }, { type: 'restrict-warehouses', params: { warehouses: ['A'] } }],
          ['b', { all: [leaf('hasHazardous', 'equal', true)] }, { type: 'restrict-warehouses', params: { warehouses: ['B'] } }],
          ['c', { all: [leaf('channel', 'equal', 'x')] }, { type: 'set-service-level', params: { serviceLevel: 'express' } }],
          ['d', { all: [leaf('orderValue', 'lessThan', 100)] }, { type: 'set-service-level', params: { serviceLevel: 'economy' } }],
        ),
      ),
    ).toEqual([
      ['b', 'contradiction'],
      ['d', 'contradiction'],
    ]);
  });

  it('stays quiet when the two rules cannot fire together', () => {
    expect(
      kinds(
        policy(
          ['uk', { all: [leaf('destinationRegion', 'in', ['UK', 'NA'])] }, { type: 'restrict-warehouses', params: { warehouses: ['A'] } }],
          ['eu', { all: [leaf('destinationRegion', 'equal', 'EU')] }, { type: 'exclude-warehouses', params: { warehouses: ['A'] } }],
        ),
      ),
    ).toEqual([]);
  });

  it('stays quiet when a restriction is only partly excluded', () => {
    expect(
      kinds(
        policy(
          ['a', { all: [] }, { type: 'restrict-warehouses', params: { warehouses: ['A', 'B'] } }],
          ['b', { all: [] }, { type: 'exclude-warehouses', params: { warehouses: ['A'] } }],
        ),
      ),
    ).toEqual([]);
  });
});

describe('analyzePolicy is sound', () => {
  it('never-fires rules never fire and shadowed rules only fire with the rule that shadows them', () => {
    fc.assert(
      fc.property(policyArbitrary, fc.array(wellTypedFactsArbitrary, { minLength: 5, maxLength: 5 }), (doc, factSets) => {
        const { warnings } = analyzePolicy(doc);
        const compiled = compilePolicy(doc);
        for (const facts of factSets) {
          const result = new Map(compiled.evaluate(facts).rules.map((r) => [r.name, r.result]));
          for (const w of warnings) {
            if (w.kind === 'never-fires') expect(result.get(w.rule), w.message).toBe(false);
            if (w.kind === 'shadowed' && result.get(w.rule)) expect(result.get(w.related ?? ''), w.message).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
