// Macro cost as the order pipeline sees it: split-liquids packing a 5-line order through the real
// runner. Returns numbers only; the bench runner (test/bench) merges and records them.
import { readFileSync } from 'node:fs';
import { compileMacro } from './compile.ts';
import type { PackInput } from './macro-api.d.ts';
import { MacroRunner, type MacroCall } from './runner.ts';

export interface BenchMacroOptions {
  /** Back-to-back calls measured. Default 2000. */
  calls?: number;
  /** Calls measured with a pause before each, as when orders trickle in. Default 200. */
  spacedCalls?: number;
}

const SAMPLE = new URL('../rules-samples/macros/split-liquids.ts', import.meta.url);

/**
 * Benchmarks macro calls: `macro.callUs` (mean, back to back, per call) and `macro.p99Us`, plus
 * the median, the median with pauses between calls, the event loop's busy time per call,
 * concurrent throughput, compile time, and the same call on a blocking runner (`macro.blockingCallUs`).
 */
export async function benchMacro(options: BenchMacroOptions = {}): Promise<Record<string, number>> {
  const calls = options.calls ?? 2000;
  const spacedCalls = options.spacedCalls ?? 200;
  const { call, compileMs } = splitLiquidsCall();
  const runner = new MacroRunner();
  try {
    await timeCalls(runner, call, Math.min(calls, 300), 0); // warm up: JIT, script caches, GC sizing
    const loopBefore = performance.eventLoopUtilization();
    const backToBack = await timeCalls(runner, call, calls, 0);
    const loopBusyMs = performance.eventLoopUtilization(loopBefore).active;
    const spaced = await timeCalls(runner, call, spacedCalls, 2);
    const started = performance.now();
    await Promise.all(Array.from({ length: calls }, () => runner.run(call)));
    const concurrentMs = performance.now() - started;
    const blocking = await blockingCalls(call, calls);
    return {
      'macro.callUs': round(mean(backToBack)),
      'macro.p50Us': round(percentile(backToBack, 0.5)),
      'macro.p99Us': round(percentile(backToBack, 0.99)),
      'macro.spacedP50Us': round(percentile(spaced, 0.5)),
      'macro.mainThreadUs': round((loopBusyMs * 1000) / calls),
      'macro.callsPerSec': Math.round((calls / concurrentMs) * 1000),
      'macro.compileMs': round(compileMs),
      'macro.blockingCallUs': round(mean(blocking)),
      'macro.blockingP99Us': round(percentile(blocking, 0.99)),
    };
  } finally {
    runner.dispose();
  }
}

/** A pack call of the split-liquids sample on a 5-line order, and how long compiling it took. */
export function splitLiquidsCall(): { call: MacroCall; compileMs: number } {
  const source = readFileSync(SAMPLE, 'utf8');
  const started = performance.now();
  const compiled = compileMacro(source);
  const compileMs = performance.now() - started;
  if (!compiled.ok) throw new Error(`split-liquids does not compile: ${JSON.stringify(compiled.diagnostics)}`);
  const call: MacroCall = {
    macro: { name: 'split-liquids', version: 1, js: compiled.js },
    hook: 'pack',
    input: fiveLineOrder(),
    seed: 'ord_bench',
  };
  return { call, compileMs };
}

/** Microseconds per call, each awaited; `pauseMs` idles before each call. */
async function timeCalls(runner: MacroRunner, call: MacroCall, count: number, pauseMs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const started = performance.now();
    const result = await runner.run(call);
    times.push((performance.now() - started) * 1000);
    if (!result.ok) throw new Error(`split-liquids failed: ${result.error.kind}: ${result.error.message}`);
  }
  return times;
}

/** Microseconds per call of a blocking runner (as simulation workers use), after a warm-up. */
async function blockingCalls(call: MacroCall, count: number): Promise<number[]> {
  const runner = new MacroRunner({ blocking: true });
  try {
    await timeCalls(runner, call, Math.min(count, 300), 0);
    return await timeCalls(runner, call, count, 0);
  } finally {
    runner.dispose();
  }
}

/** split-liquids' bench input: a 5-line order, three lines of it liquids. */
export function fiveLineOrder(): PackInput {
  const item = (sku: string, quantity: number, volumeLitres: number, weightKg: number, liquid = true) => ({
    sku,
    quantity,
    product: { weightKg, volumeLitres, shippingClass: 'parcel' as const, liquid, hazardous: false },
  });
  const lines = [
    item('OIL-4L', 1, 4, 3.8),
    item('VINEGAR-2L', 3, 2, 2.1),
    item('WATER-1.5L', 2, 1.5, 1.5),
    item('PAN-28', 1, 6, 1.9, false),
    item('SPATULA', 2, 0.3, 0.1, false),
  ];
  const order = {
    id: 'ord_bench',
    externalId: 'WEB-BENCH',
    channelId: 'webshop',
    placedAt: '2026-11-24T10:00:00Z',
    serviceLevel: 'standard' as const,
    shipTo: { name: 'A. Buyer', line1: '1 High St', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' },
    lines: lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitPrice: 899 })),
  };
  return { order, fulfillment: { warehouseId: 'MAN', lines } };
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export function round(value: number): number {
  return Math.round(value * 10) / 10;
}
