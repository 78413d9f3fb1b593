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

/**
 * Requests to a worker thread, each answered by a reply carrying its id. A worker that throws or
 * exits fails every request waiting on it, and every later one.
 */
export class WorkerLink<Request extends object, Reply extends { id: number }> {
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;
  private closing = false;
  private readonly exited: Promise<void>;

  constructor(
    private readonly worker: Worker,
    private readonly o: {
      /** The worker, as error messages name it. */
      what: string;
      /** Only a request in flight keeps the process alive. */
      idleUnref?: boolean;
      onExit?: () => void;
      /** Told once if the worker fails, unless it was asked to close. */
      onFailure?: (error: Error) => void;
    },
  ) {
    if (o.idleUnref) worker.unref();
    worker.on('message', (m: Reply) => this.settle(m));
    worker.on('error', (e) => this.fail(e instanceof Error ? e : new Error(String(e))));
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        o.onExit?.();
        this.fail(new Error(`${o.what} exited (code ${code}) before answering`));
        resolve();
      }),
    );
  }

  /** The worker's failure, once it failed. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /** Sends a request; resolves with its reply, rejects when the worker fails first. */
  request(r: Request): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.o.idleUnref && this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...r, id });
    });
  }

  /** Sends the request that ends the worker and waits for it to exit, terminating it after `ms` (at once when it failed). */
  async close(request: Request, ms: number): Promise<void> {
    if (this.failure) return this.terminate();
    this.closing = true;
    const late = setTimeout(() => void this.worker.terminate(), ms);
    await this.request(request).catch(() => undefined);
    await this.exited;
    clearTimeout(late);
  }

  /** Ends the worker at once, as a crash would. */
  async terminate(): Promise<void> {
    await this.worker.terminate();
    await this.exited;
  }

  private settle(m: Reply): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (this.o.idleUnref && this.pending.size === 0) this.worker.unref();
    p.resolve(m);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    if (!this.closing) this.o.onFailure?.(error);
  }
}
