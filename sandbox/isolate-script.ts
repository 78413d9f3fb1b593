// The sources that go into an isolate: the host API (host-api.ts bundled to one script) and a
// macro wrapped as a factory, plus a throwaway-isolate probe that compile.ts uses to list hooks
// (under the same lockdown as a call, so a module that fails at load fails at compile time too).
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

/** The bundled host API, for another thread of this process to reuse (see useHostApiBundle). */
export function hostApiBundle(): string {
  return hostApiExpression();
}

/**
 * Takes the bundle another thread of this process built from the same files (hostApiBundle), so a
 * replay worker starts without running esbuild again (about 50 ms).
 */
export function useHostApiBundle(bundle: string): void {
  hostApiModule ??= bundle;
}

/**
 * A script that installs the host API into a context, locks the context down and evaluates to the
 * hook caller (see HookCaller): called with (factory, hook, inputJson, seed) for each call.
 */
export function contextScriptSource(limits: HostApiLimits): string {
  return `${hostApiExpression()}.installHostApi(${JSON.stringify(limits)})`;
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
