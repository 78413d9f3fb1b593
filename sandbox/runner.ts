// Runs macro hooks in a pool of isolates with limits on every call. A macro's failure is data
// (an error kind and message), never an exception, so the order pipeline can put the order on hold.
// Each isolate keeps one locked-down macro context (see isolate-slot.ts and lockdown.ts): frozen
// globals and intrinsics, and the macro's module run anew per call, so no call sees another's data.
// A call first runs on the calling thread within a small time budget (the fast lane): a typical macro
// takes tens of microseconds, less than the hop to an isolate's thread costs. Past the budget, or
// on any failure of the lane itself, the call runs again on an isolate's own thread with the full
// limits, and its macro skips the lane for a while, so the event loop keeps serving while a slow
// macro runs, or runs away until its CPU limit; it is blocked for the budget, once in a while.
import { availableParallelism } from 'node:os';
import type { MacroHook } from './compile.ts';
import { readHookReply } from './hook-reply.ts';
import { IsolateSlot, type SlotCall, type SlotLimits, type SlotOutcome } from './isolate-slot.ts';

export interface MacroRunnerOptions {
  /**
   * Isolates run in parallel; calls beyond that wait. Default: twice the cores, at least 4. A call
   * holds its isolate until the event loop takes the answer, which under load is mostly the wait
   * for a busy loop, so the cores alone leave isolates idle while calls queue: at 3,400 intake
   * orders/s on 2 cores, calls waited p50 1.3 ms, p99 11 ms for one of 2 isolates, 0.9 and 7 ms
   * with 4; with 8 the calls themselves slowed, the isolates contending for the cores. Two or more
   * keep one runaway macro from stalling every call. Isolates past the first start when concurrent
   * calls need them.
   */
  poolSize?: number;
  /** Heap limit per isolate. Default 32. */
  memoryLimitMb?: number;
  /** CPU time per call. Default 50. */
  timeoutMs?: number;
  /** Wall-clock limit from the hook's start, for promises that never settle. Default timeoutMs + 100. */
  deadlineMs?: number;
  /** UTF-8 bytes of a result's JSON. Default 256 KiB. */
  maxResultBytes?: number;
  /** console lines kept per call. Default 100. */
  maxLogLines?: number;
  /**
   * Run each call on the calling thread, blocking it while the macro runs (one isolate; CPU limit
   * and outcomes as usual). For threads that do nothing else, such as simulation workers: it saves
   * the hop to the isolate's thread, which costs more than a typical macro. Never on a server's
   * main thread (the fast lane is for that).
   */
  blocking?: boolean;
  /**
   * The fast lane's budget per call, in ms (see above); 0 turns the lane off. Default 5. A call past
   * it runs again on an isolate's thread with the full limits, with the same outcome it would have
   * had there; its macro then skips the lane for `fastLaneCooldownMs` (default 1 s), twice as long
   * each time it goes past again soon after its last skip ended, up to 64 times that. The budget is
   * wall-clock time, so a loaded machine that holds the thread back can trip it: a short first skip
   * costs such a macro little, while a runaway soon skips for a minute at a time.
   */
  fastLaneMs?: number;
  fastLaneCooldownMs?: number;
  /** Milliseconds now, for the lane's cooldowns. Default Date.now. */
  now?: () => number;
}

/** How the runner's calls ran: on the fast lane, on an isolate's thread, and of those, how many the lane gave up. */
export interface MacroRunnerStats {
  fastLane: number;
  pooled: number;
  fellBack: number;
}

export type MacroErrorKind = 'threw' | 'timeout' | 'memory' | 'result_too_large' | 'invalid_result' | 'missing_hook' | 'internal';

export interface MacroCall {
  macro: { name: string; version: number; js: string };
  hook: MacroHook;
  input: unknown;
  /** Seeds Math.random; the order id makes a call repeatable. */
  seed: string;
}

export type MacroCallResult =
  | { ok: true; value: unknown; logs: string[]; durationUs: number }
  | { ok: false; error: { kind: MacroErrorKind; message: string }; logs: string[]; durationUs: number };

const MAX_LOG_LINE_CHARS = 1000;
const SCRIPT_CACHE_SIZE = 64;

/** A pool of warm isolates running macro hooks on copied data. */
export class MacroRunner {
  readonly #limits: SlotLimits;
  readonly #poolSize: number;
  readonly #slots: IsolateSlot[] = [];
  readonly #idle: IsolateSlot[] = [];
  readonly #waiting: ((slot: IsolateSlot | undefined) => void)[] = [];
  readonly #blocking: IsolateSlot | undefined;
  readonly #fastLane: IsolateSlot | undefined;
  readonly #fastLaneCooldownMs: number;
  readonly #now: () => number;
  /** Macros (name@version) that went past the fast lane's budget: until when they skip it, and for how long they did. */
  readonly #skipFastLane = new Map<string, { until: number; forMs: number }>();
  readonly stats: MacroRunnerStats = { fastLane: 0, pooled: 0, fellBack: 0 };
  #disposed = false;

  constructor(options: MacroRunnerOptions = {}) {
    const timeoutMs = options.timeoutMs ?? 50;
    this.#limits = {
      memoryLimitMb: options.memoryLimitMb ?? 32,
      timeoutMs,
      deadlineMs: options.deadlineMs ?? timeoutMs + 100,
      maxResultBytes: options.maxResultBytes ?? 256 * 1024,
      maxLogLines: options.maxLogLines ?? 100,
      maxLogLineChars: MAX_LOG_LINE_CHARS,
      scriptCacheSize: SCRIPT_CACHE_SIZE,
    };
    this.#poolSize = Math.max(1, Math.floor(options.poolSize ?? Math.max(4, 2 * availableParallelism())));
    const fastLaneMs = Math.min(options.fastLaneMs ?? 5, timeoutMs);
    this.#fastLaneCooldownMs = options.fastLaneCooldownMs ?? 1000;
    this.#now = options.now ?? Date.now;
    if (options.blocking === true) {
      this.#blocking = new IsolateSlot(this.#limits, { blocking: true });
      this.#slots.push(this.#blocking);
    } else {
      // Set up on its own thread, ahead of calls and again after each discard, and each macro compiled
      // there on its first call: the lane never costs the event loop an isolate's set-up (a few ms)
      // or a compile, only macros' runs; calls go to the pool meanwhile.
      if (fastLaneMs > 0)
        this.#fastLane = new IsolateSlot({ ...this.#limits, timeoutMs: fastLaneMs }, { blocking: true, setUpAhead: true });
      this.#idle.push(this.#startSlot());
    }
  }

  /** Runs one hook of one macro; resolves with the outcome and never rejects. */
  async run(call: MacroCall): Promise<MacroCallResult> {
    if (this.#blocking !== undefined) return this.#runBlocking(this.#blocking, call);
    let slotCall: SlotCall | undefined;
    try {
      slotCall = toSlotCall(call);
    } catch (error) {
      return failure('internal', error instanceof Error ? error.message : String(error), 0);
    }
    if (slotCall === undefined) return failure('internal', 'the hook input is not JSON data', 0);
    let laneUs = 0;
    if (this.#fastLane?.readyToBlock(slotCall) && this.#mayTakeFastLane(slotCall.key)) {
      const started = process.hrtime.bigint();
      const outcome = callQuietly(this.#fastLane, slotCall);
      if (outcome.ok) {
        this.stats.fastLane++;
        return this.#result(outcome, started);
      }
      // Past the budget, or the lane itself failed: the isolate's thread decides the outcome.
      this.#skipLane(slotCall.key);
      this.stats.fellBack++;
      laneUs = elapsedUs(started);
    }
    this.stats.pooled++;
    const slot = await this.#acquire();
    const started = process.hrtime.bigint() - BigInt(laneUs * 1000);
    if (slot === undefined) return failure('internal', 'the macro runner is disposed', 0);
    try {
      return this.#result(await slot.call(slotCall), started);
    } catch (error) {
      return failure('internal', error instanceof Error ? error.message : String(error), elapsedUs(started));
    } finally {
      this.#release(slot);
    }
  }

  /**
   * Whether the fast lane is on and ready for this macro: set up, and the macro compiled there. Both
   * happen on the lane isolate's thread (after start, after each discard, on a macro's first call);
   * calls go to the pool meanwhile.
   */
  fastLaneReady(macro: MacroCall['macro']): boolean {
    return this.#fastLane?.readyToBlock({ key: slotKey(macro), js: macro.js }) === true;
  }

  #mayTakeFastLane(key: string): boolean {
    const skip = this.#skipFastLane.get(key);
    if (skip === undefined) return true;
    const now = this.#now();
    if (now < skip.until) return false;
    // Long enough ago that a new trip would start from the first cooldown: forget it.
    if (now - skip.until >= 4 * skip.forMs) this.#skipFastLane.delete(key);
    return true;
  }

  /** Sends a macro to the pool for a while: longer each time it is back soon, as a runaway is. */
  #skipLane(key: string): void {
    const now = this.#now();
    const last = this.#skipFastLane.get(key);
    const soon = last !== undefined && now - last.until < 4 * last.forMs;
    const forMs = soon ? Math.min(2 * last.forMs, 64 * this.#fastLaneCooldownMs) : this.#fastLaneCooldownMs;
    this.#skipFastLane.set(key, { until: now + forMs, forMs });
  }

  #runBlocking(slot: IsolateSlot, call: MacroCall): MacroCallResult {
    const started = process.hrtime.bigint();
    if (this.#disposed) return failure('internal', 'the macro runner is disposed', 0);
    try {
      const slotCall = toSlotCall(call);
      if (slotCall === undefined) return failure('internal', 'the hook input is not JSON data', elapsedUs(started));
      return this.#result(slot.callBlocking(slotCall), started);
    } catch (error) {
      return failure('internal', error instanceof Error ? error.message : String(error), elapsedUs(started));
    }
  }

  #result(outcome: SlotOutcome, started: bigint): MacroCallResult {
    if (!outcome.ok) return failure(outcome.kind, outcome.message, elapsedUs(started));
    return { ...readHookReply(outcome.raw, this.#limits), durationUs: elapsedUs(started) };
  }

  /** Disposes every isolate; calls waiting for one, and later calls, fail as internal. */
  dispose(): void {
    this.#disposed = true;
    this.#fastLane?.dispose();
    for (const slot of this.#slots) slot.dispose();
    for (const wake of this.#waiting.splice(0)) wake(undefined);
  }

  #acquire(): Promise<IsolateSlot | undefined> {
    if (this.#disposed) return Promise.resolve(undefined);
    const slot = this.#idle.shift() ?? (this.#slots.length < this.#poolSize ? this.#startSlot() : undefined);
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #startSlot(): IsolateSlot {
    const slot = new IsolateSlot(this.#limits);
    this.#slots.push(slot);
    return slot;
  }

  #release(slot: IsolateSlot): void {
    if (this.#disposed) {
      slot.dispose();
      return;
    }
    const next = this.#waiting.shift();
    if (next !== undefined) next(slot);
    else this.#idle.push(slot);
  }
}

/** A blocking call whose exceptions become internal outcomes. */
function callQuietly(slot: IsolateSlot, call: SlotCall): SlotOutcome {
  try {
    return slot.callBlocking(call);
  } catch (error) {
    return { ok: false, kind: 'internal', message: error instanceof Error ? error.message : String(error) };
  }
}

function toSlotCall(call: MacroCall): SlotCall | undefined {
  const inputJson: unknown = JSON.stringify(call.input);
  if (typeof inputJson !== 'string') return undefined;
  return { key: slotKey(call.macro), js: call.macro.js, hook: call.hook, inputJson, seed: call.seed };
}

const slotKey = (macro: MacroCall['macro']): string => `${macro.name}@${macro.version}`;

function elapsedUs(started: bigint): number {
  return Number((process.hrtime.bigint() - started) / 1000n);
}

function failure(kind: MacroErrorKind, message: string, durationUs: number): MacroCallResult {
  return { ok: false, error: { kind, message }, logs: [], durationUs };
}
