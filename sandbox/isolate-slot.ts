// One pooled isolate: the isolated-vm adapter. Each call runs in a fresh context, thrown away after
// one call, so no call sees another's globals or module state. Every step runs asynchronously on
// the isolate's own thread: a runaway macro holds its isolate for the CPU limit, never the event
// loop. The next context is warmed (created, host API installed, the latest macro's factory made)
// in the isolate's queue right behind the running call. The isolate is replaced after anything
// fatal: CPU timeout, memory limit, or the wall-clock deadline.
import ivm from 'isolated-vm';
import type { HostApiLimits } from './host-api.ts';
import { installScriptSource, wrapMacro } from './isolate-script.ts';

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
  caller: ivm.Reference;
  /** A macro's factory made ahead in this context; only the function exists, its module has not run. */
  made: { source: MacroSource; factory: ivm.Reference } | undefined;
}

interface LiveIsolate {
  isolate: ivm.Isolate;
  install: Promise<ivm.Script>;
  scripts: Map<string, { js: string; script: Promise<ivm.Script> }>;
  spare: Promise<WarmContext> | undefined;
  /** The macro of the latest call: the likeliest next one, so warm contexts make its factory ahead. */
  latest: MacroSource | undefined;
}

const DEADLINE = Symbol('deadline');

export class IsolateSlot {
  readonly #limits: SlotLimits;
  readonly #installSource: string;
  #live: LiveIsolate | undefined;
  #disposed = false;

  constructor(limits: SlotLimits) {
    this.#limits = limits;
    this.#installSource = installScriptSource(limits);
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
      const made = warm.made !== undefined && sameSource(warm.made.source, call) ? warm.made.factory : undefined;
      factory = made ?? (await this.#makeFactory(live, warm.context, call));
      return await this.#invoke(live, warm, factory, call);
    } finally {
      if (factory !== undefined) release(factory);
      if (warm.made !== undefined && warm.made.factory !== factory) release(warm.made.factory);
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
  async #invoke(live: LiveIsolate, warm: WarmContext, factory: ivm.Reference, call: SlotCall): Promise<SlotOutcome> {
    const { timeoutMs, deadlineMs } = this.#limits;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof DEADLINE>((resolve) => {
      // A reply that came in while the event loop was busy is handled in the poll phase, which
      // follows the timers: let that phase pass before calling the deadline.
      timer = setTimeout(() => setImmediate(() => resolve(DEADLINE)), deadlineMs);
    });
    try {
      const args = [factory.derefInto(), call.hook, call.inputJson, call.seed];
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

  /** Creates a context, installs the host API and makes the expected macro's factory, off the main thread. */
  async #createContext(live: LiveIsolate, expected: MacroSource | undefined): Promise<WarmContext> {
    const context = await live.isolate.createContext();
    try {
      const install = await live.install;
      const caller = await install.run(context, { reference: true, timeout: this.#limits.timeoutMs });
      // Failing here is left to the call, which makes the factory again and reports why.
      const factory = expected === undefined ? undefined : await this.#makeFactory(live, context, expected).catch(() => undefined);
      return { context, caller, made: factory === undefined || expected === undefined ? undefined : { source: expected, factory } };
    } catch (error) {
      release(context);
      throw error;
    }
  }

  /** Evaluates the macro's factory expression in the context; the module body runs only in the call. */
  async #makeFactory(live: LiveIsolate, context: ivm.Context, source: MacroSource): Promise<ivm.Reference> {
    const script = await this.#script(live, source);
    return script.run(context, { reference: true, timeout: this.#limits.timeoutMs });
  }

  /** The macro's compiled script, compiled off the main thread once per isolate (least recently used evicted). */
  #script(live: LiveIsolate, source: MacroSource): Promise<ivm.Script> {
    const cached = live.scripts.get(source.key);
    live.scripts.delete(source.key);
    if (cached !== undefined && cached.js === source.js) {
      live.scripts.set(source.key, cached); // most recently used last
      return cached.script;
    }
    if (cached !== undefined) releaseLater(cached.script);
    const script = live.isolate.compileScript(wrapMacro(source.js), { filename: `macro:${source.key}` });
    script.catch(() => undefined); // awaited by the call, which reports the error
    live.scripts.set(source.key, { js: source.js, script });
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
    install.catch(() => undefined); // awaited by every warm-up, which fails the call with it
    this.#live = { isolate, install, scripts: new Map(), spare: undefined, latest: undefined };
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
