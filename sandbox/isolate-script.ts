// The sources that go into an isolate: the host API (host-api.ts bundled to one script) and a
// macro wrapped as a factory, plus a throwaway-isolate probe that compile.ts uses to list hooks.
import { buildSync } from 'esbuild';
import ivm from 'isolated-vm';
import { fileURLToPath } from 'node:url';
import type { HostApiLimits } from './host-api.ts';

const HOST_API_PATH = fileURLToPath(new URL('./host-api.ts', import.meta.url));

let hostApiModule: string | undefined;

/** An expression evaluating to host-api.ts's exports, bundled once per process from our own files. */
function hostApiExpression(): string {
  if (hostApiModule === undefined) {
    const built = buildSync({
      entryPoints: [HOST_API_PATH],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'neutral',
      target: 'es2022',
      logLevel: 'silent',
    });
    const js = built.outputFiles[0]?.text ?? '';
    // Strict, so a sloppy macro function cannot climb .caller into the host API's frames.
    hostApiModule = `(function () { "use strict"; var module = { exports: {} }, exports = module.exports;\n${js}\nreturn module.exports; })()`;
  }
  return hostApiModule;
}

// Where the install script leaves the hook caller for the bind script, which removes it before any
// macro code runs in the context. Two scripts in the isolate's task queue, one reply to the host.
const CALLER_KEY = JSON.stringify('__conveyorHookCaller');

/** A script that installs the host API and leaves the context's hook caller (see HookCaller) for the bind script. */
export function installScriptSource(limits: HostApiLimits): string {
  const caller = `${hostApiExpression()}.installHostApi(${JSON.stringify(limits)})`;
  return `Object.defineProperty(globalThis, ${CALLER_KEY}, { value: ${caller}, configurable: true })`;
}

/**
 * A script run after the install script: takes the hook caller off the global object and returns it
 * bound to a macro's factory, or to none when `js` is undefined. The bound caller takes
 * (hook, inputJson, seed, factory?), a factory passed in taking the place of the bound one. The
 * factory expression sits outside the binding function, so macro code cannot see its variables.
 */
export function bindScriptSource(js: string | undefined): string {
  const factory = js === undefined ? 'undefined' : wrapMacro(js);
  return `(function (call, factory) { "use strict";
  if (typeof call !== 'function') throw new TypeError('the host API is not installed in this context');
  delete globalThis[${CALLER_KEY}];
  return function callHook(hook, inputJson, seed, other) { return call(other === undefined ? factory : other, hook, inputJson, seed); };
})(globalThis[${CALLER_KEY}], ${factory})`;
}

/** Wraps compiled macro JS (CommonJS) as a factory expression; strict because the source was a module. */
export function wrapMacro(js: string): string {
  return `(function (module, exports) { "use strict";\n${js}\n})`;
}

export type ProbeResult = { ok: true; types: Record<string, string> } | { ok: false; message: string };

/**
 * Loads compiled macro JS once in a throwaway isolate, with the same host API and limits as a call,
 * and reports the type of each export. Synchronous: compile is rare and bounded by the timeout.
 */
export function probeExports(js: string, limits: HostApiLimits & { memoryLimitMb: number; timeoutMs: number }): ProbeResult {
  const isolate = new ivm.Isolate({ memoryLimit: limits.memoryLimitMb });
  try {
    const context = isolate.createContextSync();
    const source = `(function (api) { api.installHostApi(${JSON.stringify(limits)}); return api.describeExports(${wrapMacro(js)}); })(${hostApiExpression()})`;
    const out: unknown = isolate
      .compileScriptSync(source, { filename: 'macro.js' })
      .runSync(context, { timeout: limits.timeoutMs, copy: true });
    const parsed: unknown = typeof out === 'string' ? JSON.parse(out) : undefined;
    if (isProbeReply(parsed)) return parsed.types ? { ok: true, types: parsed.types } : { ok: false, message: parsed.error ?? 'unknown' };
    return { ok: false, message: 'the module interfered with loading' };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  } finally {
    if (!isolate.isDisposed) isolate.dispose();
  }
}

function isProbeReply(value: unknown): value is { types?: Record<string, string>; error?: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { types, error } = value as { types?: unknown; error?: unknown };
  return (typeof types === 'object' && types !== null) || typeof error === 'string';
}
