// Turns a macro's TypeScript into the JS the runner loads, or into editor diagnostics. esbuild
// strips types (no type check: the editor does that against macro-api.d.ts) and its metafile lists
// runtime imports and exports; a throwaway isolate confirms which hooks really are functions.
import { buildSync, transformSync, type Message } from 'esbuild';
import { probeExports } from './isolate-script.ts';

export const MACRO_HOOKS = ['pack', 'decide', 'score'] as const;
export type MacroHook = (typeof MACRO_HOOKS)[number];

/** 1-based line and column (UTF-16 units), as Monaco markers want them. */
export interface CompileDiagnostic {
  line: number;
  column: number;
  message: string;
}

export type CompileResult = { ok: true; js: string; hooks: MacroHook[] } | { ok: false; diagnostics: CompileDiagnostic[] };

const SOURCE_FILE = 'macro.ts';
// tsconfigRaw: never read a tsconfig from disk, so a macro compiles the same wherever the server runs.
const TRANSFORM = { loader: 'ts', target: 'es2022', sourcefile: SOURCE_FILE, tsconfigRaw: {} } as const;
const PROBE_LIMITS = { memoryLimitMb: 32, timeoutMs: 200, maxLogLines: 0, maxLogLineChars: 0, maxResultBytes: 0 };

/** Compiles a macro's TypeScript source; never throws for anything in the source. */
export function compileMacro(source: string): CompileResult {
  let esm: string;
  let js: string;
  try {
    // Both from the source, so every error position is the author's line and column.
    esm = transformSync(source, { ...TRANSFORM, format: 'esm' }).code;
    js = transformSync(source, { ...TRANSFORM, format: 'cjs' }).code;
  } catch (error) {
    return { ok: false, diagnostics: toDiagnostics(error) };
  }
  // Read from the type-stripped module: esbuild's metafile of TS source still lists elided imports.
  const shape = readModuleShape(esm);
  if (!shape.ok) return shape;
  const imports = shape.imports.map((path) => ({
    ...locate(source, path),
    message: `"${path}" is imported at runtime: a macro is one file; import types only (import type ...)`,
  }));
  if (imports.length > 0) return { ok: false, diagnostics: imports };
  return checkHooks(source, js, shape.exports);
}

function checkHooks(source: string, js: string, exported: string[]): CompileResult {
  const named = MACRO_HOOKS.filter((hook) => exported.includes(hook));
  if (named.length === 0) {
    return fail(1, 1, 'a macro exports at least one hook: export function pack, decide or score');
  }
  const probe = probeExports(js, PROBE_LIMITS);
  if (!probe.ok) return fail(1, 1, `the macro failed while loading: ${probe.message}`);
  const notFunctions = named.filter((hook) => probe.types[hook] !== 'function');
  if (notFunctions.length > 0) {
    const diagnostics = notFunctions.map((hook) => ({
      ...locate(source, hook),
      message: `the exported "${hook}" is a ${probe.types[hook] ?? 'missing value'}, not a function`,
    }));
    return { ok: false, diagnostics };
  }
  return { ok: true, js, hooks: named };
}

type ModuleShape = { ok: true; imports: string[]; exports: string[] } | { ok: false; diagnostics: CompileDiagnostic[] };

/** Lists runtime imports and export names; bundling with everything external reads no file. */
function readModuleShape(esm: string): ModuleShape {
  try {
    const built = buildSync({
      stdin: { contents: esm, loader: 'js', sourcefile: SOURCE_FILE },
      bundle: true,
      external: ['*'],
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'neutral',
      logLevel: 'silent',
    });
    const input = built.metafile.inputs[SOURCE_FILE];
    const output = Object.values(built.metafile.outputs)[0];
    // '<runtime>' is esbuild's own helper module, not the author's import.
    const imports = (input?.imports ?? []).map((entry) => entry.path).filter((path) => path !== '<runtime>');
    return { ok: true, imports: [...new Set(imports)], exports: output?.exports ?? [] };
  } catch (error) {
    return { ok: false, diagnostics: toDiagnostics(error) };
  }
}

function toDiagnostics(error: unknown): CompileDiagnostic[] {
  const errors = (error as { errors?: Message[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) {
    return [{ line: 1, column: 1, message: error instanceof Error ? error.message : String(error) }];
  }
  return errors.map((message) => {
    const location = message.location;
    if (location === null) return { line: 1, column: 1, message: message.text };
    // esbuild counts columns in UTF-8 bytes; editors count UTF-16 units.
    const column = Buffer.from(location.lineText, 'utf8').subarray(0, location.column).toString('utf8').length + 1;
    return { line: location.line, column, message: message.text };
  });
}

/** Best-effort position of a quoted import specifier or an exported name, skipping type-only imports. */
function locate(source: string, needle: string): { line: number; column: number } {
  const lines = source.split('\n');
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(['"\`])${escaped}\\1|\\bexport\\b[^\\n]*\\b${escaped}\\b`);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const match = pattern.exec(line);
    if (match === null || /^\s*(import|export)\s+type\b/.test(line)) continue;
    const inside = match[0].indexOf(needle);
    return { line: i + 1, column: match.index + (match[0].startsWith('export') ? inside : 0) + 1 };
  }
  return { line: 1, column: 1 };
}

function fail(line: number, column: number, message: string): CompileResult {
  return { ok: false, diagnostics: [{ line, column, message }] };
}
