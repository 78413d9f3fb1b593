// Macro latency under abuse: split-liquids calls arriving at a steady rate while 1 % of the calls
// run a macro that loops until its CPU limit, against the same load without the loops. Also the
// event loop's longest delay meanwhile, which a call that blocked it would stretch to the CPU limit.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { percentile, round, splitLiquidsCall } from './bench.ts';
import { compileMacro } from './compile.ts';
import { MacroRunner, type MacroCall } from './runner.ts';

export interface BenchMacroAbuseOptions {
  /** Calls per run, looping ones included. Default 2000. */
  calls?: number;
  /** Calls started per second. Default 500. */
  perSecond?: number;
  /** Every nth call loops forever. Default 100 (1 %). */
  loopEvery?: number;
  /** The runner's pool size. Default: the runner's default. */
  poolSize?: number;
}

interface RunFigures {
  latenciesUs: number[];
  /** Calls with another outcome than expected: a normal call that failed, a looping one that did not time out. */
  unexpected: number;
  loopDelayMaxUs: number;
}

/**
 * Benchmarks normal macro calls while others loop forever: `macro.abuseP99Us` against
 * `macro.cleanP99Us` (and the medians), in microseconds from a call's start to its result, plus
 * the longest event-loop delay of each run and the calls whose outcome was not the expected one.
 */
export async function benchMacroAbuse(options: BenchMacroAbuseOptions = {}): Promise<Record<string, number>> {
  const calls = options.calls ?? 2000;
  const perSecond = options.perSecond ?? 500;
  const loopEvery = options.loopEvery ?? 100;
  const { call } = splitLiquidsCall();
  const looping = compileMacro('export function pack() { for (;;) {} }');
  if (!looping.ok) throw new Error('the looping macro does not compile');
  const loopCall: MacroCall = { ...call, macro: { name: 'forever', version: 1, js: looping.js } };
  const runner = new MacroRunner(options.poolSize === undefined ? {} : { poolSize: options.poolSize });
  try {
    await runAtRate(runner, { calls: Math.min(calls, 300), perSecond, pick: () => call }); // warm up
    const clean = await runAtRate(runner, { calls, perSecond, pick: () => call });
    const abuse = await runAtRate(runner, { calls, perSecond, pick: (i) => (i % loopEvery === loopEvery - 1 ? loopCall : call) });
    return {
      'macro.cleanP50Us': round(percentile(clean.latenciesUs, 0.5)),
      'macro.cleanP99Us': round(percentile(clean.latenciesUs, 0.99)),
      'macro.abuseP50Us': round(percentile(abuse.latenciesUs, 0.5)),
      'macro.abuseP99Us': round(percentile(abuse.latenciesUs, 0.99)),
      'macro.cleanLoopDelayMaxUs': round(clean.loopDelayMaxUs),
      'macro.abuseLoopDelayMaxUs': round(abuse.loopDelayMaxUs),
      'macro.cleanUnexpected': clean.unexpected,
      'macro.abuseUnexpected': abuse.unexpected,
    };
  } finally {
    runner.dispose();
  }
}

/** Starts `calls` calls at `perSecond` (open loop: a slow call delays no later start); latencies of the normal ones. */
async function runAtRate(
  runner: MacroRunner,
  plan: { calls: number; perSecond: number; pick: (i: number) => MacroCall },
): Promise<RunFigures> {
  const figures: RunFigures = { latenciesUs: [], unexpected: 0, loopDelayMaxUs: 0 };
  const pending: Promise<void>[] = [];
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  for (let i = 0; i < plan.calls; ) {
    const due = Math.min(plan.calls, Math.floor(((performance.now() - started) * plan.perSecond) / 1000) + 1);
    for (; i < due; i++) pending.push(timeCall(runner, plan.pick(i), figures));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  delay.disable();
  // The maximum, not a percentile: the histogram counts samples, and a blocked loop takes few.
  figures.loopDelayMaxUs = delay.max / 1000;
  return figures;
}

async function timeCall(runner: MacroRunner, call: MacroCall, figures: RunFigures): Promise<void> {
  const started = performance.now();
  const result = await runner.run(call);
  const elapsedUs = (performance.now() - started) * 1000;
  if (call.macro.name === 'forever') {
    if (result.ok || result.error.kind !== 'timeout') figures.unexpected++;
  } else if (result.ok) {
    figures.latenciesUs.push(elapsedUs);
  } else {
    figures.unexpected++; // e.g. a normal call past the CPU limit on a starved machine
  }
}
