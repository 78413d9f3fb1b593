// The fast lane: a call first runs on the calling thread within a small CPU budget; past it, the call
// runs again on an isolate's thread with the full limits, and its macro skips the lane for a while.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { type MacroCall, MacroRunner } from './runner.ts';
import { macroCall, packInput, product } from './test-support.ts';

const ECHO_PACK = `import type { PackInput, PackResult } from '../../sandbox/macro-api.d.ts';
export function pack(input: PackInput): PackResult {
  return input.fulfillment.lines.map((line) => ({ lines: [{ sku: line.sku, quantity: line.quantity }] }));
}`;

// Spins for `rounds` steps of arithmetic, then packs as ECHO_PACK does: about 25 ms for 20 million.
const spinningPack = (rounds: number) => `import type { PackInput, PackResult } from '../../sandbox/macro-api.d.ts';
export function pack(input: PackInput): PackResult {
  let x = 0;
  for (let i = 0; i < ${rounds}; i++) x = (x + i) % 7919;
  console.log('spun to ' + x);
  return input.fulfillment.lines.map((line) => ({ lines: [{ sku: line.sku, quantity: line.quantity }] }));
}`;

const input = packInput([{ sku: 'A', quantity: 2, product: product() }]);

/** Waits for the runner's fast lane to be ready for the call's macro (set up and compiled on the lane's thread). */
const laneReady = (runner: MacroRunner, call: MacroCall) => expect.poll(() => runner.fastLaneReady(call.macro)).toBe(true);

describe('the fast lane', () => {
  it('runs a quick call on the calling thread, once the lane is set up and the macro compiled there', async () => {
    // A budget no loaded machine overruns: this is about where the call runs.
    const runner = new MacroRunner({ fastLaneMs: 1000 });
    try {
      const quick = macroCall(ECHO_PACK, 'pack', input);
      await laneReady(runner, quick);
      for (let i = 0; i < 3; i++) expect(await runner.run(quick)).toMatchObject({ ok: true });
      expect(runner.stats).toEqual({ fastLane: 3, pooled: 0, fellBack: 0 });
      // A macro the lane has not compiled yet goes to the pool while it compiles there.
      expect(await runner.run(macroCall(ECHO_PACK, 'pack', input, { name: 'new' }))).toMatchObject({ ok: true });
      expect(runner.stats).toEqual({ fastLane: 3, pooled: 1, fellBack: 0 });
    } finally {
      runner.dispose();
    }
  });

  it("keeps calls off the lane while its isolate's thread compiles a macro, which a blocking call would wait for", async () => {
    const runner = new MacroRunner({ fastLaneMs: 1000 });
    try {
      const quick = macroCall(ECHO_PACK, 'pack', input, { name: 'quick' });
      await laneReady(runner, quick);
      const other = macroCall(spinningPack(1), 'pack', input, { name: 'other' });
      expect(runner.fastLaneReady(other.macro)).toBe(false); // starts compiling it on the lane's thread
      expect(await runner.run(quick)).toMatchObject({ ok: true });
      expect(runner.stats).toEqual({ fastLane: 0, pooled: 1, fellBack: 0 });
      await laneReady(runner, other);
      expect(await runner.run(quick)).toMatchObject({ ok: true });
      expect(runner.stats).toEqual({ fastLane: 1, pooled: 1, fellBack: 0 });
      // A macro the lane's isolate cannot compile is never ready there, and the pool reports it.
      const broken = { ...quick, macro: { name: 'broken', version: 1, js: 'export function pack( {' } };
      for (let i = 0; i < 3; i++) {
        expect(runner.fastLaneReady(broken.macro)).toBe(false);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await runner.run(broken)).toMatchObject({ ok: false });
      expect(runner.fastLaneReady(quick.macro)).toBe(true);
    } finally {
      runner.dispose();
    }
  });

  it("gives a call past its budget to an isolate's thread, with the full limits and the same outcome, and sends its macro there for the cooldown", async () => {
    // A budget a quick call keeps to on a loaded machine, and a macro that needs far more.
    const runner = new MacroRunner({ fastLaneMs: 50, timeoutMs: 20_000, fastLaneCooldownMs: 60_000 });
    const blocking = new MacroRunner({ blocking: true, timeoutMs: 20_000 });
    try {
      const slow = macroCall(spinningPack(150_000_000), 'pack', input, { name: 'slow' });
      await laneReady(runner, slow);
      const first = await runner.run(slow);
      // What the call gives where it runs to the end, logs included (the lane's attempt left none).
      const expected = await blocking.run(slow);
      expect(first).toMatchObject({ ok: true, value: [{ lines: [{ sku: 'A', quantity: 2 }] }] });
      expect({ ...first, durationUs: 0 }).toEqual({ ...expected, durationUs: 0 });
      expect(runner.stats).toEqual({ fastLane: 0, pooled: 1, fellBack: 1 });
      // The same macro goes straight to the pool, the lane ready or not; another still takes the lane.
      await laneReady(runner, slow);
      await runner.run(slow);
      expect(runner.stats).toEqual({ fastLane: 0, pooled: 2, fellBack: 1 });
      const quick = macroCall(ECHO_PACK, 'pack', input, { name: 'quick' });
      await laneReady(runner, quick);
      expect(await runner.run(quick)).toMatchObject({ ok: true });
      expect(runner.stats).toEqual({ fastLane: 1, pooled: 2, fellBack: 1 });
    } finally {
      runner.dispose();
      blocking.dispose();
    }
  });

  it('tries the lane again once the cooldown is over, after twice as long each time a macro is soon back past the budget', async () => {
    let now = 0;
    const runner = new MacroRunner({ fastLaneMs: 1, timeoutMs: 10_000, fastLaneCooldownMs: 1000, now: () => now });
    try {
      const slow = macroCall(spinningPack(20_000_000), 'pack', input, { name: 'slow' });
      const cutOffAt = async (at: number) => {
        now = at;
        // The lane's isolate is replaced after each call it cuts off.
        await laneReady(runner, slow);
        const before = runner.stats.fellBack;
        await runner.run(slow);
        return runner.stats.fellBack > before;
      };
      expect(await cutOffAt(0)).toBe(true); // skips the lane for 1 s
      expect(await cutOffAt(999)).toBe(false);
      expect(await cutOffAt(1000)).toBe(true); // back within 4 s of the skip's end: 2 s
      expect(await cutOffAt(2999)).toBe(false);
      expect(await cutOffAt(3000)).toBe(true); // 4 s
      expect(await cutOffAt(6999)).toBe(false);
      expect(await cutOffAt(60_000)).toBe(true); // long after: 1 s again
      expect(await cutOffAt(61_000)).toBe(true); // 2 s
      expect(runner.stats).toEqual({ fastLane: 0, pooled: 8, fellBack: 5 });
    } finally {
      runner.dispose();
    }
  });

  it('stops a runaway macro at its full CPU limit, blocking the event loop only for the budget, once', async () => {
    const runner = new MacroRunner({ fastLaneMs: 5, timeoutMs: 300 });
    const delay = monitorEventLoopDelay({ resolution: 1 });
    try {
      const runaway = macroCall('export function pack() { for (;;) {} }', 'pack', {}, { name: 'runaway' });
      await laneReady(runner, runaway);
      delay.enable();
      const results = await Promise.all([runner.run(runaway), runner.run(runaway), runner.run(runaway)]);
      delay.disable();
      for (const r of results)
        expect(r).toMatchObject({ ok: false, error: { kind: 'timeout', message: expect.stringContaining('300 ms') } });
      expect(runner.stats).toEqual({ fastLane: 0, pooled: 3, fellBack: 1 });
      // Three runaways of 300 ms each ran; the event loop waited for one lane budget, not for them.
      expect(delay.max / 1e6).toBeLessThan(250);
    } finally {
      runner.dispose();
    }
  });
});
