import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { OPERATORS, operatorSpec, operatorsFor, registerOperators } from './operators.ts';

const op = (name: string) => {
  const spec = operatorSpec(name);
  if (!spec) throw new Error(name);
  return spec.evaluate;
};

describe('custom operators', () => {
  it('containsAny is true when the list holds at least one value', () => {
    expect(op('containsAny')(['a', 'b'], ['x', 'b'])).toBe(true);
    expect(op('containsAny')(['a', 'b'], ['x'])).toBe(false);
    expect(op('containsAny')([], ['x'])).toBe(false);
  });

  it('containsAll needs every value', () => {
    expect(op('containsAll')(['a', 'b', 'c'], ['a', 'c'])).toBe(true);
    expect(op('containsAll')(['a'], ['a', 'c'])).toBe(false);
  });

  it('containsNone is true only when no value is present', () => {
    expect(op('containsNone')(['a'], ['b', 'c'])).toBe(true);
    expect(op('containsNone')(['a', 'c'], ['b', 'c'])).toBe(false);
  });

  it('startsWith compares prefixes, case-sensitively', () => {
    expect(op('startsWith')('IV2 3AB', 'IV')).toBe(true);
    expect(op('startsWith')('IV2 3AB', 'iv')).toBe(false);
  });

  it('between is inclusive at both ends', () => {
    expect([9, 10, 15, 20, 21].map((n) => op('between')(n, [10, 20]))).toEqual([false, true, true, true, false]);
  });

  it('every custom operator is false for a missing fact', () => {
    for (const spec of OPERATORS.filter((o) => !o.builtIn)) expect(spec.evaluate(undefined, ['a']), spec.name).toBe(false);
  });
});

describe('built-in operators', () => {
  it("keep json-rules-engine's answers for a missing fact: only notEqual and notIn pass", () => {
    const passing = OPERATORS.filter((o) => o.builtIn && o.evaluate(undefined, o.value === 'list' ? ['a'] : 1)).map((o) => o.name);
    expect(passing).toEqual(['notEqual', 'notIn']);
  });

  it("keep json-rules-engine's numeric-string leniency", () => {
    expect(op('lessThan')('5', 10)).toBe(true);
    expect(op('greaterThan')('abc', 1)).toBe(false);
  });
});

describe('operatorsFor', () => {
  it('offers list operators for list facts and comparisons for numbers', () => {
    expect(operatorsFor('string[]')).toEqual(['contains', 'doesNotContain', 'containsAny', 'containsAll', 'containsNone']);
    expect(operatorsFor('number')).toContain('between');
    expect(operatorsFor('boolean')).toEqual(['equal', 'notEqual']);
  });
});

describe('registerOperators', () => {
  it('makes the custom operators usable in json-rules-engine', async () => {
    const engine = new Engine([], { allowUndefinedFacts: true });
    registerOperators(engine);
    engine.addRule({
      conditions: {
        all: [
          { fact: 'n', operator: 'between', value: [1, 3] },
          { fact: 'l', operator: 'containsAny', value: ['x'] },
        ],
      },
      event: { type: 'hit' },
    });
    const { events } = await engine.run({ n: 2, l: ['x', 'y'] });
    expect(events.map((e) => e.type)).toEqual(['hit']);
  });
});
