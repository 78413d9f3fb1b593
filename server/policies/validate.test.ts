import { describe, expect, it } from 'vitest';
import { DEMO_MACROS, DEMO_WAREHOUSE_IDS } from './demo-fixtures.ts';
import { validatePolicy } from './validate.ts';

const ctx = { warehouseIds: DEMO_WAREHOUSE_IDS, macroNames: DEMO_MACROS };

function rule(conditions: unknown, event: unknown = { type: 'tag', params: { tag: 't' } }, name = 'r') {
  return { name, conditions, event };
}

function details(doc: unknown) {
  const result = validatePolicy(doc, ctx);
  if (result.ok) throw new Error('expected the policy to be rejected');
  return result.details;
}

const leaf = (fact: string, operator: string, value: unknown) => ({ fact, operator, value });

describe('validatePolicy', () => {
  it('accepts a valid policy and returns it parsed', () => {
    const doc = {
      rules: [
        rule({ all: [leaf('orderValue', 'between', [0, 100]), { not: leaf('skus', 'containsAny', ['X']) }] }, { type: 'forbid-split' }),
      ],
    };
    expect(validatePolicy(doc, ctx)).toEqual({ ok: true, policy: doc });
  });

  it('names an unknown fact with its path', () => {
    expect(
      details({
        rules: [rule({ all: [leaf('orderValue', 'equal', 1)] }), rule({ any: [leaf('colour', 'equal', 'red')] }, undefined, 's')],
      }),
    ).toEqual([{ path: 'rules.1.conditions.any.0.fact', message: expect.stringContaining('unknown fact "colour"') }]);
  });

  it("rejects an operator that does not apply to the fact's type", () => {
    expect(details({ rules: [rule({ all: [leaf('channel', 'lessThan', 3)] })] })).toEqual([
      { path: 'rules.0.conditions.all.0.operator', message: expect.stringContaining('does not apply to channel (string)') },
    ]);
  });

  it('rejects unknown and decorated operators', () => {
    const found = details({ rules: [rule({ all: [leaf('orderValue', 'near', 3), leaf('skus', 'everyFact:equal', 'x')] })] });
    expect(found.map((d) => d.path)).toEqual(['rules.0.conditions.all.0.operator', 'rules.0.conditions.all.1.operator']);
  });

  it('checks the value against the operator and the fact', () => {
    const found = details({
      rules: [
        rule({
          all: [
            leaf('orderValue', 'greaterThan', '100'),
            leaf('channel', 'in', []),
            leaf('placedAtHour', 'between', [10, 2]),
            leaf('skus', 'contains', ['A']),
            leaf('orderValue', 'equal', { fact: 'unitCount' }),
          ],
        }),
      ],
    });
    expect(found.map((d) => d.path)).toEqual([0, 1, 2, 3, 4].map((i) => `rules.0.conditions.all.${i}.value`));
    expect(found[0]?.message).toBe('"greaterThan" on orderValue needs a number');
  });

  it('rejects unknown warehouses and macros in actions', () => {
    const found = details({
      rules: [
        rule({ all: [] }, { type: 'restrict-warehouses', params: { warehouses: ['UK-MAN', 'FR-PAR'] } }, 'a'),
        rule({ all: [] }, { type: 'run-macro', params: { macro: 'nope' } }, 'b'),
      ],
    });
    expect(found.map((d) => d.path)).toEqual(['rules.0.event.params.warehouses.1', 'rules.1.event.params.macro']);
  });

  it('rejects wrong action parameters', () => {
    const found = details({
      rules: [
        rule({ all: [] }, { type: 'set-service-level', params: { serviceLevel: 'warp' } }, 'a'),
        rule({ all: [] }, { type: 'hold', params: {} }, 'b'),
        rule({ all: [] }, { type: 'forbid-split', params: { now: true } }, 'c'),
        rule({ all: [] }, { type: 'prefer-warehouses', params: { warehouses: [] } }, 'd'),
        rule({ all: [] }, { type: 'teleport' }, 'e'),
      ],
    });
    expect(found.map((d) => d.path)).toEqual([
      'rules.0.event.params.serviceLevel',
      'rules.1.event.params.reason',
      'rules.2.event.params.now',
      'rules.3.event.params.warehouses',
      'rules.4.event.type',
    ]);
  });

  it('rejects duplicate rule names', () => {
    expect(details({ rules: [rule({ all: [] }), rule({ all: [] })] })).toEqual([
      { path: 'rules.1.name', message: 'duplicate rule name "r" (also rules.0.name)' },
    ]);
  });

  it('explains unsupported json-rules-engine features', () => {
    const found = details({ rules: [rule({ all: [{ ...leaf('orderValue', 'equal', 1), path: '$.x' }, { condition: 'shared' }] })] });
    expect(found).toEqual([
      { path: 'rules.0.conditions.all.0.path', message: expect.stringContaining('path-based facts are not supported') },
      { path: 'rules.0.conditions.all.1.condition', message: expect.stringContaining('not supported') },
    ]);
  });

  it('reports the errors of the shape a condition was meant to have', () => {
    expect(details({ rules: [rule({ all: [{ any: 'x' }, { fact: 'orderValue', operator: 'equal' }] })] })).toEqual([
      { path: 'rules.0.conditions.all.0.any', message: expect.stringContaining('expected array') },
      { path: 'rules.0.conditions.all.1.value', message: 'value is required' },
    ]);
  });

  it('needs all, any or not at the root and a non-empty any', () => {
    expect(details({ rules: [rule(leaf('orderValue', 'equal', 1))] })[0]?.path).toBe('rules.0.conditions');
    expect(details({ rules: [rule({ any: [] })] })[0]).toEqual({
      path: 'rules.0.conditions.any',
      message: expect.stringContaining('empty "any"'),
    });
  });

  it('rejects a priority below one and unknown rule properties', () => {
    const found = details({ rules: [{ ...rule({ all: [] }), priority: 0, onSuccess: 'x' }] });
    expect(found.map((d) => d.path).sort()).toEqual(['rules.0.onSuccess', 'rules.0.priority']);
  });

  it('rejects something that is not a policy at all', () => {
    expect(details(null)).toEqual([{ path: '', message: expect.any(String) }]);
    expect(details({ rules: [3] })[0]?.path).toBe('rules.0');
  });
});
