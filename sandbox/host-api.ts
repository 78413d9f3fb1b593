// The whole world a macro sees, installed once in each isolate's macro context: captured console,
// a seeded Math.random, a Date without a clock, and the escape hatches removed; then everything is
// frozen (lockdown.ts), so the context serves call after call and no call sees another's data.
// This file runs INSIDE the isolate (isolate-script.ts compiles it with esbuild), so it imports
// nothing at runtime and captures every intrinsic it needs before macro code can tamper with them.
import { createResultCheck } from './host-result-check.ts';
import { lockdown } from './lockdown.ts';

export interface HostApiLimits {
  maxLogLines: number;
  maxLogLineChars: number;
  maxResultBytes: number;
}

/** The macro module, wrapped by the runner as a CommonJS-style function. */
export type MacroFactory = (module: { exports: Record<string, unknown> }, exports: Record<string, unknown>) => void;

/**
 * Calls one hook once. Returns `<status>\n<logs JSON>\n<payload JSON>` (or a promise of it), where
 * status is `ok` (payload: the result) or an error kind (payload: the message). JSON text never
 * holds a raw newline, so the host can split it without escaping the result twice.
 */
export type HookCaller = (factory: MacroFactory, hook: string, inputJson: string, seed: string) => string | Promise<string>;

/**
 * The context's entry points. `callBlocking` is for a host that calls synchronously: when the hook
 * returns a promise it answers '' at once, and `takeSettled` gives the reply after the microtasks
 * have run (isolated-vm drains them when a call returns). No timers or I/O exist in a macro
 * context, so a promise still pending then never settles.
 */
export interface HostEntry {
  call: HookCaller;
  callBlocking: (factory: MacroFactory, hook: string, inputJson: string, seed: string) => string;
  takeSettled: () => string | undefined;
}

const WAYS_OUT = ['WebAssembly', 'SharedArrayBuffer', 'Atomics', 'FinalizationRegistry', 'WeakRef', 'Intl'];
const MAX_MESSAGE_CHARS = 2000;

/**
 * Installs the macro environment into this context's global object and locks the context down;
 * returns the hook callers. Each call runs the macro's module anew (fresh module state), with the
 * log and Math.random reset, so a call's outcome depends on its input and seed alone.
 */
export function installHostApi(limits: HostApiLimits): HostEntry {
  const { parse } = JSON;
  const applyFn = Reflect.apply;
  const promiseThen = Promise.prototype.then;
  const PromiseCtor = Promise;
  const promiseProto = Promise.prototype;
  const getProto = Object.getPrototypeOf;
  const logs = createLogSink(limits);
  const { fail, threw, finish } = createReplies(limits, logs);
  const reseed = installSeededRandom();
  for (const name of WAYS_OUT) Reflect.deleteProperty(globalThis, name);
  tameDate();
  Reflect.defineProperty(globalThis, 'console', { value: logs.console, writable: true, configurable: true });
  lockdown();

  const callHook: HookCaller = (factory, hook, inputJson, seed) => {
    reseed(seed);
    logs.reset();
    const module = { exports: {} as Record<string, unknown> };
    let hookFn: unknown;
    try {
      factory(module, module.exports);
      hookFn = module.exports[hook];
    } catch (error) {
      return fail('threw', `while loading: ${describeThrown(error)}`);
    }
    if (typeof hookFn !== 'function') return fail('missing_hook', `the macro does not export a "${hook}" hook`);
    try {
      const out: unknown = applyFn(hookFn, undefined, [parse(inputJson)]);
      if (typeof out !== 'object' || out === null || getProto(out) !== promiseProto) return finish(out);
      const settled: Promise<unknown> = new PromiseCtor((resolve) => resolve(out));
      return applyFn(promiseThen, settled, [finish, threw]) as Promise<string>;
    } catch (error) {
      return threw(error);
    }
  };
  let settledReply: string | undefined;
  const keep = (reply: string): void => {
    settledReply = reply;
  };
  const callBlocking = (factory: MacroFactory, hook: string, inputJson: string, seed: string): string => {
    settledReply = undefined;
    const reply = callHook(factory, hook, inputJson, seed);
    if (typeof reply === 'string') return reply;
    applyFn(promiseThen, reply, [keep]);
    return '';
  };
  // One trusted call while the context is being set up moves its cold start (hidden classes,
  // inline caches of this file) off the first macro's clock; it logs nothing and leaves no state.
  callHook(primeFactory, 'pack', PRIME_INPUT, '');
  return { call: callHook, callBlocking, takeSettled: () => settledReply };
}

interface Replies {
  fail(kind: string, message: string): string;
  threw(error: unknown): string;
  /** Encodes a hook's return value, or the reason it cannot leave the isolate. */
  finish(value: unknown): string;
}

function createReplies(limits: HostApiLimits, logs: LogSink): Replies {
  const { stringify } = JSON;
  const checkResult = createResultCheck();
  const reply = (status: string, payload: string): string => `${status}\n${logs.json()}\n${payload}`;
  const fail = (kind: string, message: string): string => reply(kind, stringify(message.slice(0, MAX_MESSAGE_CHARS)));
  const finish = (value: unknown): string => {
    // JSON first: it is native and fast, so an oversized result fails on size, not on time.
    let json: unknown;
    try {
      json = stringify(value);
    } catch (error) {
      return fail('invalid_result', checkResult(value) ?? `the result is not JSON data: ${describeThrown(error)}`);
    }
    // UTF-16 length is a lower bound of UTF-8 bytes; the host checks the exact byte count.
    if (typeof json === 'string' && json.length > limits.maxResultBytes) {
      return fail('result_too_large', `the result is over ${limits.maxResultBytes} bytes`);
    }
    try {
      const problem = checkResult(value);
      if (problem !== undefined) return fail('invalid_result', problem);
    } catch (error) {
      return fail('invalid_result', `the result cannot be checked: ${describeThrown(error)}`);
    }
    return typeof json === 'string' ? reply('ok', json) : fail('invalid_result', 'the result is not JSON data');
  };
  return { fail, finish, threw: (error) => fail('threw', describeThrown(error)) };
}

const PRIME_INPUT = JSON.stringify({ fulfillment: { lines: [{ sku: 'A', quantity: 2, product: { weightKg: 1, liquid: true } }] } });

function primeFactory(module: { exports: Record<string, unknown> }): void {
  module.exports.pack = (input: { fulfillment: { lines: { sku: string; quantity: number }[] } }) =>
    input.fulfillment.lines.map((line) => ({ lines: [{ sku: line.sku, quantity: line.quantity }], shippingClass: undefined }));
}

/** For compile-time checks: runs the module once and names the type of each export. */
export function describeExports(factory: MacroFactory): string {
  const module = { exports: {} as Record<string, unknown> };
  try {
    factory(module, module.exports);
    const types: Record<string, string> = {};
    for (const name of Object.keys(module.exports)) types[name] = typeof module.exports[name];
    return JSON.stringify({ types });
  } catch (error) {
    return JSON.stringify({ error: describeThrown(error) });
  }
}

// Captured when the host API loads, before any macro code can replace String.
const text = String;

function describeThrown(error: unknown): string {
  try {
    if (typeof error === 'object' && error !== null) {
      const { name, message } = error as { name?: unknown; message?: unknown };
      if (typeof message === 'string') return typeof name === 'string' && name !== '' ? `${name}: ${message}` : message;
    }
    return text(error);
  } catch {
    return 'the macro threw a value that cannot be described';
  }
}

interface LogSink {
  console: Pick<Console, 'log' | 'info' | 'warn' | 'error'>;
  json(): string;
  /** Forgets the lines of the previous call. */
  reset(): void;
}

function createLogSink(limits: HostApiLimits): LogSink {
  const { stringify } = JSON;
  let lines: string[] = [];
  let dropped = 0;
  const format = (value: unknown): string => {
    if (typeof value === 'string') return value;
    try {
      const json: unknown = typeof value === 'object' && value !== null ? stringify(value) : undefined;
      return typeof json === 'string' ? json : text(value);
    } catch {
      return '[unprintable]';
    }
  };
  const write = (prefix: string) =>
    function log(...values: unknown[]): void {
      if (lines.length >= limits.maxLogLines) return void dropped++;
      let line = prefix;
      for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : ' ') + format(values[i]);
      lines[lines.length] = line.length > limits.maxLogLineChars ? `${line.slice(0, limits.maxLogLineChars)}…` : line;
    };
  return {
    console: { log: write(''), info: write(''), warn: write('warn: '), error: write('error: ') },
    reset: () => {
      lines = [];
      dropped = 0;
    },
    json: () => {
      const all = dropped === 0 ? lines : [...lines, `… ${dropped} more log lines dropped`];
      try {
        return stringify(all);
      } catch {
        return '[]';
      }
    },
  };
}

/** Replaces Math.random with mulberry32 seeded from a string; returns the reseed function. */
function installSeededRandom(): (seed: string) => void {
  const imul = Math.imul;
  let state = 0;
  Math.random = function random(): number {
    state = (state + 0x6d2b79f5) | 0;
    let t = imul(state ^ (state >>> 15), 1 | state);
    t = (t + imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (seed) => {
    let hash = 0x811c9dc5; // FNV-1a: spreads similar seeds apart
    for (let i = 0; i < seed.length; i++) hash = imul(hash ^ seed.charCodeAt(i), 0x01000193);
    state = hash | 0;
  };
}

/** Date keeps parsing and arithmetic but loses the clock; constructor links are rewired so the real one is unreachable. */
function tameDate(): void {
  const RealDate = Date;
  const noClock = (): TypeError => new TypeError('macros have no clock: use input.order.placedAt');
  // biome-ignore lint/suspicious/noShadowRestrictedNames: the stand-in is named Date, as a macro expects of Date.name
  const SafeDate = function Date(...args: unknown[]): unknown {
    if (new.target === undefined || args.length === 0) throw noClock();
    return Reflect.construct(RealDate, args, new.target);
  };
  Object.defineProperties(SafeDate, {
    name: { value: 'Date' },
    prototype: { value: RealDate.prototype },
    now: {
      value: function now(): never {
        throw noClock();
      },
      writable: true,
      configurable: true,
    },
    parse: { value: RealDate.parse, writable: true, configurable: true },
    UTC: { value: RealDate.UTC, writable: true, configurable: true },
  });
  Reflect.defineProperty(RealDate.prototype, 'constructor', { value: SafeDate, writable: true, configurable: true });
  Reflect.defineProperty(globalThis, 'Date', { value: SafeDate, writable: true, configurable: true });
}
