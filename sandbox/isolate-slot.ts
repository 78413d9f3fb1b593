// One pooled isolate: the isolated-vm adapter. Each call runs in a fresh context that was warmed
// (created, host API installed) while the isolate was idle, and is thrown away after one call, so
// no call sees another's globals or module state. Scripts are compiled once per isolate. The
// isolate is replaced after anything fatal: CPU timeout, memory limit, or the wall-clock deadline.
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

interface WarmContext {
  context: ivm.Context;
  caller: ivm.Reference;
}

interface LiveIsolate {
  isolate: ivm.Isolate;
  install: ivm.Script;
  scripts: Map<string, { js: string; script: ivm.Script }>;
  spare: Promise<WarmContext> | undefined;
}

const DEADLINE = Symbol('deadline');

export class IsolateSlot {
  readonly #limits: SlotLimits;
  readonly #installSource: string;
  #live: LiveIsolate | undefined;

  constructor(limits: SlotLimits) {
    this.#limits = limits;
    this.#installSource = installScriptSource(limits);
    this.#warm(this.#ensureLive());
  }

  /** Runs one hook call; resolves with its outcome, whatever the macro does. */
  async call(call: SlotCall): Promise<SlotOutcome> {
    const live = this.#ensureLive();
    const outcome = await this.#execute(live, call).catch((error: unknown) => this.#classify(live, error));
    const fatal = (!outcome.ok && outcome.kind !== 'internal') || live.isolate.isDisposed;
    if (fatal) this.#discard(live);
    else this.#warm(live);
    return outcome;
  }

  /** Disposes the isolate; a later call would start a new one. */
  dispose(): void {
    if (this.#live !== undefined) this.#discard(this.#live);
  }

  async #execute(live: LiveIsolate, call: SlotCall): Promise<SlotOutcome> {
    const warm = await this.#takeContext(live);
    // The isolate is idle once its warm-up settled, so these synchronous steps never wait on its
    // lock; they cost microseconds where each asynchronous isolated-vm step costs a thread hop.
    try {
      const script = this.#script(live, call);
      const factory = script.runSync(warm.context, { reference: true, timeout: this.#limits.timeoutMs });
      try {
        return await this.#invoke(live, warm, factory, call);
      } finally {
        release(factory);
      }
    } finally {
      release(warm.caller);
      release(warm.context);
    }
  }

  /**
   * Calls the hook. The CPU limit bounds what runs synchronously (microtasks included); the
   * wall-clock deadline, counted from here so warm-up time is never charged to the macro, bounds
   * a promise that never settles. Past it, disposing the isolate stops whatever still runs.
   */
  async #invoke(live: LiveIsolate, warm: WarmContext, factory: ivm.Reference, call: SlotCall): Promise<SlotOutcome> {
    const { timeoutMs, deadlineMs } = this.#limits;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof DEADLINE>((resolve) => {
      timer = setTimeout(() => resolve(DEADLINE), deadlineMs);
    });
    try {
      const args = [factory.derefInto(), call.hook, call.inputJson, call.seed];
      const reply: Promise<unknown> = warm.caller.applySync(undefined, args, { timeout: timeoutMs, result: { promise: true, copy: true } });
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
    return warm ?? this.#createContext(live);
  }

  /** Creates a context and installs the host API in it, off the main thread. */
  async #createContext(live: LiveIsolate): Promise<WarmContext> {
    const context = await live.isolate.createContext();
    const caller = await live.install.run(context, { reference: true, timeout: this.#limits.timeoutMs });
    return { context, caller };
  }

  #script(live: LiveIsolate, call: SlotCall): ivm.Script {
    const cached = live.scripts.get(call.key);
    live.scripts.delete(call.key);
    if (cached !== undefined && cached.js === call.js) {
      live.scripts.set(call.key, cached); // most recently used last
      return cached.script;
    }
    if (cached !== undefined) release(cached.script);
    const script = live.isolate.compileScriptSync(wrapMacro(call.js), { filename: `macro:${call.key}` });
    live.scripts.set(call.key, { js: call.js, script });
    const oldest = live.scripts.keys().next();
    if (live.scripts.size > this.#limits.scriptCacheSize && !oldest.done) {
      const evicted = live.scripts.get(oldest.value);
      if (evicted !== undefined) release(evicted.script);
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

  /** Starts warming the next context while the isolate is idle. */
  #warm(live: LiveIsolate): void {
    if (live.spare !== undefined || live.isolate.isDisposed || this.#live !== live) return;
    live.spare = this.#createContext(live);
    live.spare.catch(() => undefined); // a failed warm-up is retried by the next call
  }

  #ensureLive(): LiveIsolate {
    if (this.#live !== undefined && !this.#live.isolate.isDisposed) return this.#live;
    const isolate = new ivm.Isolate({ memoryLimit: this.#limits.memoryLimitMb });
    const install = isolate.compileScriptSync(this.#installSource, { filename: 'conveyor:host-api' });
    this.#live = { isolate, install, scripts: new Map(), spare: undefined };
    return this.#live;
  }

  #discard(live: LiveIsolate): void {
    if (!live.isolate.isDisposed) live.isolate.dispose();
    if (this.#live === live) this.#live = undefined;
  }
}

function release(handle: { release(): void }): void {
  try {
    handle.release();
  } catch {
    // Already gone with its isolate.
  }
}
