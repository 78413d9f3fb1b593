// One pooled isolate: the isolated-vm adapter. Each call runs in a fresh context, thrown away after
// one call, so no call sees another's globals or module state. Every step runs asynchronously on
// the isolate's own thread: a runaway macro holds its isolate for the CPU limit, never the event
// loop. The next context is warmed (created, host API installed, its hook caller bound to the
// latest macro) in the isolate's queue right behind the running call. The isolate is replaced
// after anything fatal: CPU timeout, memory limit, or the wall-clock deadline.
import ivm from 'isolated-vm';
import type { HostApiLimits } from './host-api.ts';
import { bindScriptSource, installScriptSource, wrapMacro } from './isolate-script.ts';

export interface SlotLimits extends HostApiLimits {
  memoryLimitMb: number;
  /** Limit per isolated-vm operation; isolated-vm counts the time the macro's code is running. */
  timeoutMs: number;
  /** Wall clock from the hook's start: bounds promises that never settle. */
  deadlineMs: number;
  /** Compiled macro scripts kept per isolate. */
  scriptCacheSize: number;
}

export interface SlotCall {
  /** Cache key of the macro's compiled script, e.g. name@version. */
  key: string;
  js: string;
  hook: string;
  inputJson: string;
  seed: string;
}

/** `raw` is the hook caller's reply (see HookCaller); failures here are the ones the isolate cannot report itself. */
export type SlotOutcome = { ok: true; raw: string } | { ok: false; kind: 'timeout' | 'memory' | 'internal'; message: string };

type MacroSource = Pick<SlotCall, 'key' | 'js'>;

interface WarmContext {
  context: ivm.Context;
  /** The hook caller, bound to the factory of `bound` when set (only the function exists; its module has not run). */
  caller: ivm.Reference;
  bound: MacroSource | undefined;
}

/** A macro's script bound to the hook caller (see bindScriptSource), or its bare factory expression. */
type ScriptForm = 'bound' | 'bare';

interface LiveIsolate {
  isolate: ivm.Isolate;
  install: Promise<ivm.Script>;
  unbound: Promise<ivm.Script>;
  scripts: Map<string, { js: string; script: Promise<ivm.Script> }>;
  spare: Promise<WarmContext> | undefined;
  /** The macro of the latest call: the likeliest next one, so warm contexts are bound to it. */
  latest: MacroSource | undefined;
}

const DEADLINE = Symbol('deadline');

export class IsolateSlot {
  readonly #limits: SlotLimits;
  readonly #installSource: string;
  readonly #runOptions: { reference: true; timeout: number };
  #live: LiveIsolate | undefined;
  #disposed = false;

  constructor(limits: SlotLimits) {
    this.#limits = limits;
    this.#installSource = installScriptSource(limits);
    this.#runOptions = { reference: true, timeout: limits.timeoutMs };
    this.#warm(this.#ensureLive());
  }

  /** Runs one hook call; resolves with its outcome, whatever the macro does. */
  async call(call: SlotCall): Promise<SlotOutcome> {
    if (this.#disposed) return { ok: false, kind: 'internal', message: 'the isolate is disposed' };
    const live = this.#ensureLive();
    const outcome = await this.#execute(live, call).catch((error: unknown) => this.#classify(live, error));
    const fatal = (!outcome.ok && outcome.kind !== 'internal') || live.isolate.isDisposed;
    if (fatal) {
      this.#discard(live);
      if (!this.#disposed) this.#warm(this.#ensureLive()); // the replacement warms before the next call needs it
    } else {
      this.#warm(live); // when the call failed before it queued the warm-up
    }
    return outcome;
  }

  /** Disposes the isolate for good. */
  dispose(): void {
    this.#disposed = true;
    if (this.#live !== undefined) this.#discard(this.#live);
  }

  async #execute(live: LiveIsolate, call: SlotCall): Promise<SlotOutcome> {
    live.latest = { key: call.key, js: call.js };
    const warm = await this.#takeContext(live);
    let factory: ivm.Reference | undefined;
    try {
      // Another macro than the one bound: its factory goes in with the call, one more step.
      const isBound = warm.bound !== undefined && sameSource(warm.bound, call);
      if (!isBound) factory = await (await this.#script(live, call, 'bare')).run(warm.context, this.#runOptions);
      return await this.#invoke(live, warm, factory, call);
    } finally {
      if (factory !== undefined) release(factory);
      release(warm.caller);
      release(warm.context);
    }
  }

  /**
   * Calls the hook with one asynchronous step into the isolate: the input is parsed, the hook run
   * and its result checked and serialised there. The CPU limit bounds what runs synchronously
   * (microtasks included); the wall-clock deadline, counted from here so warm-up time is never
   * charged to the macro, bounds a promise that never settles. Past it, disposing the isolate
   * stops whatever still runs.
   */
  async #invoke(live: LiveIsolate, warm: WarmContext, factory: ivm.Reference | undefined, call: SlotCall): Promise<SlotOutcome> {
    const { timeoutMs, deadlineMs } = this.#limits;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof DEADLINE>((resolve) => {
      // A reply that came in while the event loop was busy is handled in the poll phase, which
      // follows the timers: let that phase pass before calling the deadline.
      timer = setTimeout(() => setImmediate(() => resolve(DEADLINE)), deadlineMs);
    });
    try {
      const args = [call.hook, call.inputJson, call.seed, ...(factory === undefined ? [] : [factory.derefInto()])];
      const reply: Promise<unknown> = warm.caller.apply(undefined, args, { timeout: timeoutMs, result: { promise: true, copy: true } });
      this.#warm(live); // queued behind the call on the isolate's thread
      const raw = await Promise.race([reply, deadline]);
      if (raw === DEADLINE) {
        reply.catch(() => undefined); // it rejects as abandoned once the isolate is gone
        this.#discard(live);
        return { ok: false, kind: 'timeout', message: `the macro did not finish within ${deadlineMs} ms (wall clock)` };
      }
      return typeof raw === 'string' ? { ok: true, raw } : { ok: false, kind: 'internal', message: 'the host API replied with no text' };
    } finally {
      clearTimeout(timer);
    }
  }

  async #takeContext(live: LiveIsolate): Promise<WarmContext> {
    const spare = live.spare;
    live.spare = undefined;
    const warm = spare === undefined ? undefined : await spare.catch(() => undefined);
    return warm ?? this.#createContext(live, undefined);
  }

  /**
   * Creates a context, installs the host API and binds its hook caller to the expected macro, off
   * the main thread. The install script goes without a reply: the isolate runs its tasks in order.
   */
  async #createContext(live: LiveIsolate, expected: MacroSource | undefined): Promise<WarmContext> {
    // Compiling the expected macro can fail; the call then reports why, on an unbound context.
    const bind = expected === undefined ? undefined : await this.#script(live, expected, 'bound').catch(() => undefined);
    const [install, binding] = await Promise.all([live.install, bind ?? live.unbound]);
    const context = await live.isolate.createContext();
    try {
      install.runIgnored(context, { timeout: this.#limits.timeoutMs });
      const caller = await binding.run(context, this.#runOptions);
      return { context, caller, bound: bind === undefined ? undefined : expected };
    } catch (error) {
      release(context);
      throw error;
    }
  }

  /** A macro's script in one form, compiled off the main thread once per isolate (least recently used evicted). */
  #script(live: LiveIsolate, source: MacroSource, form: ScriptForm): Promise<ivm.Script> {
    const key = `${form} ${source.key}`;
    const cached = live.scripts.get(key);
    live.scripts.delete(key);
    if (cached !== undefined && cached.js === source.js) {
      live.scripts.set(key, cached); // most recently used last
      return cached.script;
    }
    if (cached !== undefined) releaseLater(cached.script);
    const text = form === 'bound' ? bindScriptSource(source.js) : wrapMacro(source.js);
    const script = live.isolate.compileScript(text, { filename: `macro:${source.key}` });
    script.catch(() => undefined); // awaited by the call, which reports the error
    live.scripts.set(key, { js: source.js, script });
    const oldest = live.scripts.keys().next();
    if (live.scripts.size > this.#limits.scriptCacheSize && !oldest.done) {
      const evicted = live.scripts.get(oldest.value);
      if (evicted !== undefined) releaseLater(evicted.script);
      live.scripts.delete(oldest.value);
    }
    return script;
  }

  #classify(live: LiveIsolate, error: unknown): SlotOutcome {
    const message = error instanceof Error ? error.message : String(error);
    if (live.isolate.isDisposed && /memory limit/i.test(message)) {
      return { ok: false, kind: 'memory', message: `the macro ran past its ${this.#limits.memoryLimitMb} MB memory limit` };
    }
    if (/timed out/i.test(message)) {
      return { ok: false, kind: 'timeout', message: `the macro ran past its ${this.#limits.timeoutMs} ms CPU limit` };
    }
    return { ok: false, kind: 'internal', message };
  }

  /** Starts warming the next context; the isolate runs it after whatever it is running now. */
  #warm(live: LiveIsolate): void {
    if (live.spare !== undefined || live.isolate.isDisposed || this.#live !== live) return;
    live.spare = this.#createContext(live, live.latest);
    live.spare.catch(() => undefined); // a failed warm-up is retried by the next call
  }

  #ensureLive(): LiveIsolate {
    if (this.#live !== undefined && !this.#live.isolate.isDisposed) return this.#live;
    const isolate = new ivm.Isolate({ memoryLimit: this.#limits.memoryLimitMb });
    const install = isolate.compileScript(this.#installSource, { filename: 'conveyor:host-api' });
    const unbound = isolate.compileScript(bindScriptSource(undefined), { filename: 'conveyor:bind' });
    for (const script of [install, unbound]) script.catch(() => undefined); // awaited by every warm-up, which fails the call with it
    this.#live = { isolate, install, unbound, scripts: new Map(), spare: undefined, latest: undefined };
    return this.#live;
  }

  #discard(live: LiveIsolate): void {
    if (!live.isolate.isDisposed) live.isolate.dispose();
    if (this.#live === live) this.#live = undefined;
  }
}

function sameSource(a: MacroSource, b: MacroSource): boolean {
  return a.key === b.key && a.js === b.js;
}

function releaseLater(script: Promise<ivm.Script>): void {
  script.then(release, () => undefined);
}

function release(handle: { release(): void }): void {
  try {
    handle.release();
  } catch {
    // Already gone with its isolate.
  }
}
