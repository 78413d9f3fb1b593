// Starting a worker thread on a TypeScript entry. A worker does not inherit the parent's loader hooks
// on Node 20, so its first code registers tsx's, then loads the entry named in workerData.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx)
  .then((tsx) => { tsx.register(); return import(workerData.entry); })
  .catch((error) => { setImmediate(() => { throw error; }); });
`;

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

// Workers take no loader flags (BOOT registers tsx), only the CPU profiler's, so --cpu-prof covers them.
const PROFILING = process.execArgv.filter((a) => a.startsWith('--cpu-prof'));

/** A worker running `entry` (a .ts module URL); `data` reaches it as workerData.data. */
export function startTsWorker(entry: URL, opts: { data?: unknown; resourceLimits?: ResourceLimits } = {}): Worker {
  return new Worker(BOOT, {
    eval: true,
    execArgv: PROFILING,
    ...(opts.resourceLimits ? { resourceLimits: opts.resourceLimits } : {}),
    workerData: { tsx: TSX_API, entry: entry.href, data: opts.data },
  });
}
