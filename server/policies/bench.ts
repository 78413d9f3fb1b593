// Runs per second of the reference (json-rules-engine) and the fast engine on a 20-rule policy,
// for the project benchmark (test/bench). Measures only; writes nothing.

import { BENCH_FACTS, BENCH_POLICY } from './bench-policy.ts';
import { compilePolicy } from './fast-engine.ts';
import { createReferenceEngine } from './reference-engine.ts';

export interface BenchOptions {
  /** Measuring time per engine, after a short warm-up. */
  durationMs?: number;
}

/**
 * Measures both engines on the same policy and facts (full traces in both). Keys:
 * `policy.referenceRunsPerSec`, `policy.fastRunsPerSec`, `policy.speedup`, and
 * `policy.fastFireRunsPerSec` (events only, the order pipeline's path).
 */
export async function benchPolicy({ durationMs = 1000 }: BenchOptions = {}): Promise<Record<string, number>> {
  const reference = createReferenceEngine(BENCH_POLICY);
  const compiled = compilePolicy(BENCH_POLICY);
  const facts = BENCH_FACTS;
  let sink = 0;
  const referenceRate = await measure(durationMs, async (i) => {
    sink += (await reference.evaluate(facts[i % facts.length]!)).events.length;
  });
  const fastRate = await measure(durationMs, (i) => {
    sink += compiled.evaluate(facts[i % facts.length]!).events.length;
  });
  const fireRate = await measure(durationMs, (i) => {
    sink += compiled.fire(facts[i % facts.length]!).length;
  });
  if (sink < 0) throw new Error('unreachable: keeps the results observable');
  return {
    'policy.referenceRunsPerSec': Math.round(referenceRate),
    'policy.fastRunsPerSec': Math.round(fastRate),
    'policy.speedup': Math.round((fastRate / referenceRate) * 10) / 10,
    'policy.fastFireRunsPerSec': Math.round(fireRate),
  };
}

// Runs in batches so the clock is read rarely; synchronous bodies stay synchronous.
async function measure(durationMs: number, body: (i: number) => void | Promise<void>): Promise<number> {
  const batch = async (n: number, offset: number) => {
    for (let i = 0; i < n; i++) {
      const pending = body(offset + i);
      if (pending) await pending;
    }
  };
  await batch(200, 0); // warm-up: JIT and the engines' caches
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < durationMs) {
    await batch(100, runs);
    runs += 100;
  }
  return runs / ((performance.now() - start) / 1000);
}
