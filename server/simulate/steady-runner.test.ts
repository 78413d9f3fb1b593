import { afterEach, expect, it, vi } from 'vitest';
import { compileMacro } from '../../sandbox/compile.ts';
import { MacroRunner, type MacroCall } from '../../sandbox/runner.ts';
import { SteadyMacroRunner } from './steady-runner.ts';

const callOf = (source: string): MacroCall => {
  const compiled = compileMacro(source);
  if (!compiled.ok) throw new Error('does not compile');
  return { macro: { name: 'm', version: 1, js: compiled.js }, hook: 'score', input: { order: {}, candidates: [] }, seed: 'web:1' };
};
const quick = callOf('export function score() { return { "UK-MAN": 5 }; }');
const endless = callOf('export function score() { for (;;) {} }');

afterEach(() => vi.restoreAllMocks());

it('runs a call again when it timed out only because the machine was busy', async () => {
  const runner = new SteadyMacroRunner({ timeoutMs: 50 });
  try {
    vi.spyOn(MacroRunner.prototype, 'run').mockResolvedValueOnce({
      ok: false,
      error: { kind: 'timeout', message: 'busy' },
      logs: [],
      durationUs: 0,
    });
    expect(await runner.run(quick)).toMatchObject({ ok: true, value: { 'UK-MAN': 5 } });
  } finally {
    runner.dispose();
  }
});

it('keeps the live limits: a macro that really runs too long fails on every attempt', async () => {
  const runner = new SteadyMacroRunner({ timeoutMs: 20 }, 3);
  const spy = vi.spyOn(MacroRunner.prototype, 'run');
  try {
    const result = await runner.run(endless);
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(spy).toHaveBeenCalledTimes(3);
  } finally {
    runner.dispose();
  }
});
