import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from './document.ts';
import { MISSING_FACT_POLICY, ORDERING_POLICY, TRACE_EXPECTED, TRACE_FACTS, TRACE_POLICY } from './engine-cases.ts';
import { compilePolicy } from './fast-engine.ts';

describe('compilePolicy', () => {
  it('fires rules by priority, then in document order', () => {
    const { events } = compilePolicy(ORDERING_POLICY).evaluate({ orderValue: 5, hasLiquids: false });
    expect(events.map((e) => e.rule)).toEqual(['top', 'deep-first', 'shallow-second', 'tag-low']);
  });

  it('traces every leaf with its fact value, also under any and not', () => {
    expect(compilePolicy(TRACE_POLICY).evaluate(TRACE_FACTS).rules).toEqual([TRACE_EXPECTED]);
  });

  it('treats a missing fact as undefined: only notEqual and notIn pass', () => {
    expect(
      compilePolicy(MISSING_FACT_POLICY)
        .fire({})
        .map((e) => e.rule),
    ).toEqual(['not-equal', 'not-in']);
  });

  it('fires the same events without traces', () => {
    const compiled = compilePolicy(ORDERING_POLICY);
    for (const facts of [{ orderValue: 0, hasLiquids: true }, { orderValue: 9 }]) {
      expect(compiled.fire(facts)).toEqual(compiled.evaluate(facts).events);
    }
  });

  it('gives fresh directives, so a caller changing one changes nothing else', () => {
    const compiled = compilePolicy(TRACE_POLICY);
    const first = compiled.fire({ channel: 'web' })[0]?.directive;
    if (first?.type === 'prefer-warehouses') first.params.warehouses.push('X');
    expect(compiled.fire({ channel: 'web' })[0]?.directive).toEqual({ type: 'prefer-warehouses', params: { warehouses: ['UK-MAN'] } });
  });

  it('answers true for an empty any, as json-rules-engine does', () => {
    const policy = { rules: [{ name: 'x', conditions: { any: [] }, event: { type: 'forbid-split' } }] } as unknown as PolicyDocument;
    expect(compilePolicy(policy).evaluate({}).events).toHaveLength(1);
  });

  it('refuses an operator it does not know', () => {
    const policy = {
      rules: [{ name: 'x', conditions: { all: [{ fact: 'a', operator: 'near', value: 1 }] }, event: { type: 'forbid-split' } }],
    };
    expect(() => compilePolicy(policy as PolicyDocument)).toThrow('unknown operator "near"');
  });
});
