// One pooled isolate: the isolated-vm adapter. The isolate holds one macro context, set up once:
// host API installed, then locked down (lockdown.ts: everything reachable frozen), so calls share
// it without sharing data; each call runs its macro's module anew, so module state starts fresh.
// Creating a V8 context costs about 300 µs; a call into a warm one, about 60. Every step runs
// asynchronously on the isolate's own thread: a runaway macro holds its isolate for the CPU limit,
// never the event loop. The isolate is replaced after anything fatal: CPU timeout, memory limit,
// or the wall-clock deadline.
import ivm from 'isolated-vm';
import type { HostApiLimits } from './host-api.ts';
import { contextScriptSource, wrapMacro } from './isolate-script.ts';

export interface SlotLimits extends HostApiLimits {
  memoryLimitMb: number;
  /** Limit per isolated-vm operation; isolated-vm counts the time the macro's code is running. */
  timeoutMs: number;
  /** Wall clock from the hook's start: bounds promises that never settle. */
  deadlineMs: number;
  /** Macro factories kept per isolate. */
  scriptCacheSize: number;
}

export interface SlotCall {
  /** Cache key of the macro's factory, e.g. name@version. */
  key: string;
  js: string;
  hook: string;
  inputJson: string;
  seed: string;
}

/** `raw` is the hook caller's reply (see HookCaller); failures here are the ones the isolate cannot report itself. */
export type SlotOutcome = { ok: true; raw: string } | { ok: false; kind: 'timeout' | 'memory' | 'internal'; message: string };

interface MacroContext {
  context: ivm.Context;
  /** The hook callers (see HostEntry in host-api.ts). */
  call: ivm.Reference;
  callBlocking: ivm.Reference;
  takeSettled: ivm.Reference;
}

interface LiveIsolate {
  isolate: ivm.Isolate;
  /** Started by the first asynchronous call (or the warm-up of an asynchronous slot). */
  macroContext: Promise<MacroContext> | undefined;
  /** Set once the macro context is ready, for blocking calls. */
  ready: MacroContext | undefined;
  /** Each macro's module factory, evaluated once in the macro context (least recently used evicted). */
  factories: Map<string, { js: string; factory: Promise<ivm.Reference>; ready?: ivm.Reference }>;
  /**
   * Compiles started by readyToBlock and not yet settled: while the isolate's thread holds the
   * isolate, a blocking call would wait for it before its own time limit even starts.
   */
  compiling: number;
  /** Macros (key, then source) that failed to compile for readyToBlock: not tried again in this isolate. */
  uncompilable: Map<string, string>;
}

/** How long a slot set up ahead waits before setting up again after its set-up failed. */
const SET_UP_RETRY_MS = 1000;

const DEADLINE = Symbol('deadline');
// Setting up the context runs only our code (the lockdown walk takes a few ms), so it gets room
// beyond a macro's CPU limit on a loaded machine.
const SETUP_TIMEOUT_MS = 2000;

export class IsolateSlot {
  readonly #limits: SlotLimits;
  readonly #contextSource: string;
  readonly #runOptions: { reference: true; timeout: number };
  readonly #setUpOnCall: boolean;
  readonly #setUpAhead: boolean;
  #live: LiveIsolate | undefined;
  /** When a slot set up ahead may set up again, after a failed set-up. */
  #setUpAgainAt = 0;
  #disposed = false;

  /**
   * `blocking`: the slot serves callBlocking, so it sets up on the calling thread when first called,
   * not ahead of time, unless `setUpAhead` (then see readyToBlock).
   */
  constructor(limits: SlotLimits, options: { blocking?: boolean; setUpAhead?: boolean } = {}) {
    this.#limits = limits;
    this.#contextSource = contextScriptSource(limits);
    this.#runOptions = { reference: true, timeout: limits.timeoutMs };
    this.#setUpAhead = options.blocking === true && options.setUpAhead === true;
    this.#setUpOnCall = options.blocking === true && !this.#setUpAhead;
    this.#ensureLive();
  }

  /**
   * Whether a blocking call would find the macro context set up and this macro compiled (both on
   * the isolate's thread, ahead of time) and that thread idle, so the call costs the calling thread
   * only the macro's run; if not, what is missing is under way (a macro that failed to compile is
   * not tried again in this isolate: it is never ready).
   */
  readyToBlock(call: Pick<SlotCall, 'key' | 'js'>): boolean {
    if (this.#disposed || (this.#live === undefined && Date.now() < this.#setUpAgainAt)) return false;
    const live = this.#ensureLive();
    if (live.ready === undefined || live.compiling > 0) return false;
    const cached = live.factories.get(call.key);
    if (cached?.js === call.js && cached.ready !== undefined) {
      live.factories.delete(call.key); // most recently used last
      live.factories.set(call.key, cached);
      return true;
    }
    if (live.uncompilable.get(call.key) === call.js) return false;
    live.compiling++;
    this.#factory(live, live.ready, call)
      .catch(() => live.uncompilable.set(call.key, call.js))
      .finally(() => live.compiling--);
    return false;
  }

  /** Runs one hook call; resolves with its outcome, whatever the macro does. */
  async call(call: SlotCall): Promise<SlotOutcome> {
    if (this.#disposed) return { ok: false, kind: 'internal', message: 'the isolate is disposed' };
    const live = this.#ensureLive();
    const outcome = await this.#execute(live, call).catch((error: unknown) => this.#classify(live, error));
    const fatal = (!outcome.ok && outcome.kind !== 'internal') || live.isolate.isDisposed;
    if (fatal) {
      this.#discard(live);
      if (!this.#disposed) this.#ensureLive(); // the replacement sets up before the next call needs it
    }
    return outcome;
  }

  /**
   * Runs one hook call on the calling thread, blocking it while the macro runs (up to the CPU
   * limit): for a thread that does nothing else, such as a simulation worker, where the hop to the
   * isolate's thread would cost more than the macro. Same outcomes as `call`, byte for byte.
   */
  callBlocking(call: SlotCall): SlotOutcome {
    if (this.#disposed) return { ok: false, kind: 'internal', message: 'the isolate is disposed' };
    const live = this.#ensureLive();
    let outcome: SlotOutcome;
    try {
      outcome = this.#executeBlocking(live, call);
    } catch (error) {
      outcome = this.#classify(live, error);
    }
    if ((!outcome.ok && outcome.kind !== 'internal') || live.isolate.isDisposed || live.ready === undefined) this.#discard(live);
    return outcome;
  }

  /** Disposes the isolate for good. */
  dispose(): void {
    this.#disposed = true;
    if (this.#live !== undefined) this.#discard(this.#live);
  }

  async #execute(live: LiveIsolate, call: SlotCall): Promise<SlotOutcome> {
    const macroContext = await this.#macroContext(live).catch((error: unknown) => {
      this.#discard(live); // set up again for the next call
      throw error;
    });
    const factory = await this.#factory(live, macroContext, call);
    return this.#invoke(live, macroContext, factory, call);
  }

  /**
   * Calls the hook with one asynchronous step into the isolate: the input is parsed, the module
   * run, the hook called and its result checked and serialised there. The CPU limit bounds what
   * runs synchronously (microtasks included); the wall-clock deadline bounds a promise that never
   * settles. Past it, disposing the isolate stops whatever still runs.
   */
  async #invoke(live: LiveIsolate, macroContext: MacroContext, factory: ivm.Reference, call: SlotCall): Promise<SlotOutcome> {
    const { timeoutMs, deadlineMs } = this.#limits;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof DEADLINE>((resolve) => {
      // A reply that came in while the event loop was busy is handled in the poll phase, which
      // follows the timers: let that phase pass before calling the deadline.
      timer = setTimeout(() => setImmediate(() => resolve(DEADLINE)), deadlineMs);
    });
    try {
      const args = [factory.derefInto(), call.hook, call.inputJson, call.seed];
      const reply: Promise<unknown> = macroContext.call.apply(undefined, args, {
        timeout: timeoutMs,
        result: { promise: true, copy: true },
      });
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

  #executeBlocking(live: LiveIsolate, call: SlotCall): SlotOutcome {
    const macroContext = live.ready ?? this.#createMacroContextSync(live);
    const cached = live.factories.get(call.key);
    let factory = cached?.js === call.js ? cached.ready : undefined;
    if (factory === undefined) {
      if (cached !== undefined) releaseLater(cached.factory);
      const script = live.isolate.compileScriptSync(wrapMacro(call.js), { filename: `macro:${call.key}` });
      try {
        factory = script.runSync(macroContext.context, this.#runOptions) as ivm.Reference;
      } finally {
        release(script);
      }
      live.factories.set(call.key, { js: call.js, factory: Promise.resolve(factory), ready: factory });
      this.#evictOldest(live);
    }
    const { timeoutMs, deadlineMs } = this.#limits;
    const args = [factory.derefInto(), call.hook, call.inputJson, call.seed];
    let raw: unknown = macroContext.callBlocking.applySync(undefined, args, { timeout: timeoutMs, result: { copy: true } });
    if (raw === '') raw = macroContext.takeSettled.applySync(undefined, [], { timeout: timeoutMs, result: { copy: true } });
    if (raw === undefined) {
      // Nothing can settle it later: report it as the asynchronous path does once its deadline passes.
      live.isolate.dispose();
      return { ok: false, kind: 'timeout', message: `the macro did not finish within ${deadlineMs} ms (wall clock)` };
    }
    return typeof raw === 'string' ? { ok: true, raw } : { ok: false, kind: 'internal', message: 'the host API replied with no text' };
  }

  /** A macro's factory in the macro context, compiled and evaluated off the main thread once per isolate. */
  #factory(live: LiveIsolate, macroContext: MacroContext, call: Pick<SlotCall, 'key' | 'js'>): Promise<ivm.Reference> {
    const cached = live.factories.get(call.key);
    live.factories.delete(call.key);
    if (cached !== undefined && cached.js === call.js) {
      live.factories.set(call.key, cached); // most recently used last
      return cached.factory;
    }
    if (cached !== undefined) releaseLater(cached.factory);
    const factory = live.isolate.compileScript(wrapMacro(call.js), { filename: `macro:${call.key}` }).then(async (script) => {
      try {
        // Evaluating the wrapper only creates the factory function: no macro code runs yet.
        return await script.run(macroContext.context, this.#runOptions);
      } finally {
        release(script);
      }
    });
    factory.catch(() => live.factories.delete(call.key)); // a failed compile is retried (and reported) next time
    live.factories.set(call.key, { js: call.js, factory });
    factory.then(
      (ready) => {
        const entry = live.factories.get(call.key);
        if (entry?.factory === factory) entry.ready = ready;
      },
      () => undefined,
    );
    this.#evictOldest(live);
    return factory;
  }

  #evictOldest(live: LiveIsolate): void {
    const oldest = live.factories.keys().next();
    if (live.factories.size > this.#limits.scriptCacheSize && !oldest.done) {
      const evicted = live.factories.get(oldest.value);
      if (evicted !== undefined) releaseLater(evicted.factory);
      live.factories.delete(oldest.value);
    }
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

  #ensureLive(): LiveIsolate {
    if (this.#live !== undefined && !this.#live.isolate.isDisposed) return this.#live;
    const isolate = new ivm.Isolate({ memoryLimit: this.#limits.memoryLimitMb });
    const live: LiveIsolate = {
      isolate,
      macroContext: undefined,
      ready: undefined,
      factories: new Map(),
      compiling: 0,
      uncompilable: new Map(),
    };
    if (!this.#setUpOnCall) {
      // Warm-up. A failure fails the call that awaits it; a slot set up ahead, which no call awaits,
      // starts over a while later.
      this.#macroContext(live).catch(() => {
        if (!this.#setUpAhead) return;
        this.#setUpAgainAt = Date.now() + SET_UP_RETRY_MS;
        this.#discard(live);
      });
    }
    this.#live = live;
    return live;
  }

  #macroContext(live: LiveIsolate): Promise<MacroContext> {
    if (live.macroContext !== undefined) return live.macroContext;
    if (live.ready !== undefined) return (live.macroContext = Promise.resolve(live.ready));
    live.macroContext = this.#createMacroContext(live.isolate);
    live.macroContext.then(
      (ready) => {
        live.ready ??= ready;
      },
      () => undefined,
    );
    return live.macroContext;
  }

  async #createMacroContext(isolate: ivm.Isolate): Promise<MacroContext> {
    const script = await isolate.compileScript(this.#contextSource, { filename: 'conveyor:host-api' });
    const context = await isolate.createContext();
    try {
      const entry = await script.run(context, { reference: true, timeout: SETUP_TIMEOUT_MS });
      const [call, callBlocking, takeSettled] = await Promise.all(
        (['call', 'callBlocking', 'takeSettled'] as const).map((name) => entry.get(name, { reference: true }) as Promise<ivm.Reference>),
      );
      release(entry);
      return { context, call, callBlocking, takeSettled } as MacroContext;
    } catch (error) {
      release(context);
      throw error;
    } finally {
      release(script);
    }
  }

  /** The same set-up on the calling thread, for a blocking call that finds the context not yet ready. */
  #createMacroContextSync(live: LiveIsolate): MacroContext {
    const script = live.isolate.compileScriptSync(this.#contextSource, { filename: 'conveyor:host-api' });
    const context = live.isolate.createContextSync();
    try {
      const entry = script.runSync(context, { reference: true, timeout: SETUP_TIMEOUT_MS }) as ivm.Reference;
      const [call, callBlocking, takeSettled] = (['call', 'callBlocking', 'takeSettled'] as const).map(
        (name) => entry.getSync(name, { reference: true }) as ivm.Reference,
      );
      release(entry);
      live.ready = { context, call, callBlocking, takeSettled } as MacroContext;
      return live.ready;
    } catch (error) {
      release(context);
      throw error;
    } finally {
      release(script);
    }
  }

  #discard(live: LiveIsolate): void {
    if (!live.isolate.isDisposed) live.isolate.dispose();
    if (this.#live === live) this.#live = undefined;
  }
}

function releaseLater(factory: Promise<ivm.Reference>): void {
  factory.then(release, () => undefined);
}

function release(handle: { release(): void }): void {
  try {
    handle.release();
  } catch {
    // Already gone with its isolate.
  }
}
