// Rule coverage in a replay of the demo policy: every rule's evaluations and matches, and every
// macro's calls, held against counts made independently from the kept traces and summaries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionTrace } from '../../server/domain/types.ts';
import { generateOrders } from '../../server/simulate/generator.ts';
import type { DecisionSummary } from '../../server/simulate/types.ts';
import { replay, simHarness, type SimHarness } from './support.ts';

let h: SimHarness;
beforeAll(async () => {
  h = await simHarness({ demo: true });
});
afterAll(() => h.close());

describe('rule coverage of a replay', () => {
  it('counts each rule and macro as the traces and summaries do, and flags what never fired or ran', async () => {
    const { result, sink, orders } = await replay(h, {
      baseline: { name: 'baseline', policy: 'published' },
      candidates: [{ name: 'same', policy: 'published' }],
      orders: generateOrders({ count: 400, seed: 5 }),
      keepTraces: 'all',
    });
    const base = result.variants[0]!;
    const document = (await h.s.policies.active())!.document;
    expect(base.rules.map((r) => r.rule)).toEqual(document.rules.map((r) => r.name));
    for (const r of base.rules) expect(r.evaluated).toBe(400);
    const decisions = orders.map((o) => o.decisions[0] as DecisionSummary);
    for (const r of base.rules) expect([r.rule, r.matched]).toEqual([r.rule, decisions.filter((d) => d.rules.includes(r.rule)).length]);

    const calls = new Map<string, { calls: number; failures: number; orders: number }>();
    for (const t of sink.pages.flatMap((p) => p.traces).filter((t) => t.variant === 0)) {
      const made = ((t.trace as DecisionTrace).macros ?? []) as { macro: string; ok: boolean }[];
      for (const c of made) {
        const m = calls.get(c.macro) ?? { calls: 0, failures: 0, orders: 0 };
        m.calls++;
        if (!c.ok) m.failures++;
        calls.set(c.macro, m);
      }
      for (const name of new Set(made.map((c) => c.macro))) (calls.get(name) as { orders: number }).orders++;
    }
    const referenced = document.rules.flatMap((r) => (r.event.type === 'run-macro' ? [r.event.params.macro] : []));
    expect(base.macros.map((m) => m.macro)).toEqual([...new Set(referenced)]);
    for (const m of base.macros) {
      const counted = calls.get(m.macro) ?? { calls: 0, failures: 0, orders: 0 };
      expect([m.macro, m.calls, m.failures, m.orders]).toEqual([m.macro, counted.calls, counted.failures, counted.orders]);
      expect(m.referenced).toBe(true);
      // Replays stay byte-identical: no timings.
      expect(m.meanDurationUs).toBeUndefined();
    }
    expect(base.macros.some((m) => m.calls > 0)).toBe(true);
    expect(result.variants[1]!.macros).toEqual(base.macros);
  });
});
