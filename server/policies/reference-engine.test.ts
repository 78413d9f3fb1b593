import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { MISSING_FACT_POLICY, ORDERING_POLICY, TRACE_EXPECTED, TRACE_FACTS, TRACE_POLICY } from './engine-cases.ts';
import { createReferenceEngine, evaluateReference } from './reference-engine.ts';

describe('evaluateReference', () => {
  it('fires rules by priority, then in document order', async () => {
    const { events, rules } = await evaluateReference(ORDERING_POLICY, { orderValue: 5, hasLiquids: false });
    expect(events.map((e) => e.rule)).toEqual(['top', 'deep-first', 'shallow-second', 'tag-low']);
    expect(rules.map((r) => r.priority)).toEqual([10, 5, 5, 1]);
  });

  it('re-orders json-rules-engine, which settles a shallow rule before a deep one of the same priority', async () => {
    const engine = new Engine(ORDERING_POLICY.rules.map((r) => ({ ...r, priority: r.priority ?? 1 })) as never, {
      allowUndefinedFacts: true,
    });
    const { events } = await engine.run({ orderValue: 5, hasLiquids: false });
    expect(events.map((e) => e.type)).toEqual(['hold', 'forbid-split', 'tag', 'tag']);
  });

  it('turns fired events into directives', async () => {
    const { events } = await evaluateReference(ORDERING_POLICY, { orderValue: 5, hasLiquids: true });
    expect(events).toEqual([
      { rule: 'deep-first', priority: 5, directive: { type: 'tag', params: { tag: 'deep' } } },
      { rule: 'shallow-second', priority: 5, directive: { type: 'forbid-split' } },
      { rule: 'tag-low', priority: 1, directive: { type: 'tag', params: { tag: 'low' } } },
    ]);
  });

  it('traces every leaf with its fact value, also under any and not', async () => {
    const { rules } = await evaluateReference(TRACE_POLICY, TRACE_FACTS);
    expect(rules).toEqual([TRACE_EXPECTED]);
  });

  it('treats a missing fact as undefined: only notEqual and notIn pass', async () => {
    const { events } = await evaluateReference(MISSING_FACT_POLICY, {});
    expect(events.map((e) => e.rule)).toEqual(['not-equal', 'not-in']);
  });

  it('keeps overlapping runs on one engine apart', async () => {
    // On a bare Engine, a run started ~20 microtasks after another loses its last priority levels.
    const engine = createReferenceEngine(ORDERING_POLICY);
    const runs: Promise<{ events: unknown[] }>[] = [];
    for (let i = 0; i < 4; i++) {
      runs.push(engine.evaluate({ orderValue: 1, hasLiquids: false }));
      for (let tick = 0; tick < 20; tick++) await Promise.resolve();
    }
    expect((await Promise.all(runs)).map((r) => r.events.length)).toEqual([4, 4, 4, 4]);
  });
});
