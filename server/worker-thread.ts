// Starting a worker thread on a TypeScript entry. A worker does not inherit the parent's loader
// hooks on Node 20, and loading it file by file through tsx took about 250 ms; instead the entry
// and our modules under it are bundled once per process with esbuild (about 40 ms; packages stay
// imports Node resolves), and a worker loads that one file in about 100 ms. If bundling fails (or
// CONVEYOR_WORKER_BUNDLE is 0), the worker registers tsx's hooks and loads the TypeScript.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';

/** Under the project's node_modules, so the bundle's package imports resolve as our sources' do. */
const CACHE_DIR = fileURLToPath(new URL('../node_modules/.cache/conveyor-workers/', import.meta.url));

// The worker's first code: the bundle, or tsx's hooks and then the TypeScript entry.
const BOOT = `
const { workerData } = require('node:worker_threads');
(workerData.bundle
  ? import(workerData.bundle)
  : import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); })
).catch((error) => { setImmediate(() => { throw error; }); });
`;

// Workers take no loader flags, only the CPU profiler's, so --cpu-prof covers them.
const PROFILING = process.execArgv.filter((a) => a.startsWith('--cpu-prof'));

const bundles = new Map<string, string | undefined>();

/** A worker running `entry` (a .ts module URL); `data` reaches it as workerData.data. */
export function startTsWorker(entry: URL, opts: { data?: unknown; resourceLimits?: ResourceLimits } = {}): Worker {
  return new Worker(BOOT, {
    eval: true,
    execArgv: PROFILING,
    ...(opts.resourceLimits ? { resourceLimits: opts.resourceLimits } : {}),
    workerData: { bundle: bundleOf(entry), tsx: TSX_API, entry: entry.href, data: opts.data },
  });
}

/** The entry bundled to one module file (named by its content, so processes share it), or undefined. */
function bundleOf(entry: URL): string | undefined {
  if (process.env.CONVEYOR_WORKER_BUNDLE === '0') return undefined;
  if (bundles.has(entry.href)) return bundles.get(entry.href);
  let url: string | undefined;
  try {
    const built = buildSync({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    const text = built.outputFiles[0]?.text ?? '';
    const file = join(CACHE_DIR, `${basename(entry.pathname, '.ts')}-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(file)) {
      mkdirSync(CACHE_DIR, { recursive: true });
      const partial = `${file}.${process.pid}.part`;
      writeFileSync(partial, text);
      renameSync(partial, file);
    }
    url = pathToFileURL(file).href;
  } catch {
    url = undefined;
  }
  bundles.set(entry.href, url);
  return url;
}

const TSX_API = tsxApi();

/** tsx's ESM register API (its CommonJS twin registers the hooks from the wrong directory). */
function tsxApi(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  return pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
}
