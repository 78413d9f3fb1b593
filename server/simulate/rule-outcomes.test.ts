import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../policies/index.ts';
import { RuleOutcomes } from './rule-outcomes.ts';
import type { DecisionSummary } from './types.ts';

const DOC = {
  rules: [
    {
      name: 'express-for-amazon',
      conditions: { all: [{ fact: 'channel', operator: 'equal', value: 'amazon' }] },
      event: { type: 'set-service-level', params: { serviceLevel: 'express' } },
    },
    {
      name: 'pack-liquids',
      conditions: { all: [{ fact: 'hasLiquids', operator: 'equal', value: true }] },
      event: { type: 'run-macro', params: { macro: 'split-liquids' } },
    },
    {
      name: 'polar',
      conditions: { all: [{ fact: 'destinationCountry', operator: 'equal', value: 'AQ' }] },
      event: { type: 'run-macro', params: { macro: 'polar-check' } },
    },
  ],
} as unknown as PolicyDocument;

const decision = (patch: Partial<DecisionSummary> = {}): DecisionSummary => ({
  status: 'routed',
  serviceLevel: 'standard',
  policyVersion: 1,
  shipments: [],
  items: [],
  holds: [],
  tags: [],
  rules: [],
  macros: {},
  cost: 500,
  deliveryDays: 2,
  notes: [],
  ...patch,
});
const traced = (fired: string[]) => DOC.rules.map((r) => ({ name: r.name, result: fired.includes(r.name) }));

describe('rule coverage', () => {
  it('counts how often each rule was evaluated and matched, dead rules at zero', () => {
    const o = new RuleOutcomes(DOC);
    o.add(traced(['express-for-amazon']), decision());
    o.add(traced([]), decision({ status: 'backordered' }));
    expect(o.finish().map((r) => [r.rule, r.evaluated, r.matched])).toEqual([
      ['express-for-amazon', 2, 1],
      ['pack-liquids', 2, 0],
      ['polar', 2, 0],
    ]);
  });

  it('counts macro calls per hook, failures by kind and holds, and lists the macros that never ran', () => {
    const o = new RuleOutcomes(DOC);
    const pack = { macro: 'split-liquids', hook: 'pack', ok: true, durationUs: 300 };
    o.add(traced(['pack-liquids']), decision(), [pack, pack]);
    o.add(
      traced(['pack-liquids']),
      decision({ status: 'on_hold', holds: [{ reason: 'macro_failed', macro: 'split-liquids', message: 'timeout: too slow' }] }),
      [{ ...pack, ok: false, error: { kind: 'timeout' }, durationUs: 900 }],
    );
    expect(o.finishMacros()).toEqual([
      {
        macro: 'split-liquids',
        referenced: true,
        orders: 2,
        calls: 3,
        failures: 1,
        errors: { timeout: 1 },
        hooks: { pack: { calls: 3, failures: 1 } },
        holds: 1,
      },
      { macro: 'polar-check', referenced: true, orders: 0, calls: 0, failures: 0, errors: {}, hooks: {}, holds: 0 },
    ]);
  });

  it('keeps the mean call duration only when asked (replays must be byte-identical)', () => {
    const o = new RuleOutcomes(DOC, { timings: true });
    o.add(traced([]), decision(), [
      { macro: 'split-liquids', hook: 'pack', ok: true, durationUs: 100 },
      { macro: 'split-liquids', hook: 'pack', ok: true, durationUs: 300 },
    ]);
    expect(o.finishMacros().map((m) => [m.macro, m.meanDurationUs])).toEqual([
      ['split-liquids', 200],
      ['polar-check', 0],
    ]);
  });

  it('takes in the rules of a later version, keeping what was counted', () => {
    const o = new RuleOutcomes({ rules: DOC.rules.slice(0, 1) } as PolicyDocument);
    o.add(traced(['express-for-amazon']), decision());
    o.include(DOC);
    expect(o.finish().map((r) => [r.rule, r.matched])).toEqual([
      ['express-for-amazon', 1],
      ['pack-liquids', 0],
      ['polar', 0],
    ]);
    expect(o.finishMacros().map((m) => m.macro)).toEqual(['split-liquids', 'polar-check']);
  });
});
