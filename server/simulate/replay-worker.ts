// A replay worker thread: some of a replay's variants, each with its own stock, deciding the
// batches the replay sends on this thread's own macro isolates. Calls are answered in the order
// they came, except traces, which only read what an answered batch kept.
import { parentPort, workerData } from 'node:worker_threads';
import { useHostApiBundle } from '../../sandbox/isolate-script.ts';
import { systemClock } from '../domain/ports.ts';
import type { Product } from '../domain/types.ts';
import { MacroLibrary } from '../services/macros.ts';
import type { Db } from '../store/client.ts';
import { batchResultText, ShippedNetwork, VariantGroup, type BatchResult, type ReplayBatch, type TraceWant } from './parallel-batch.ts';
import type { ReplayWorkerData } from './parallel-pool.ts';
import { activate, variantRunOf, type ReplaySetup, type VariantPlan } from './parallel-setup.ts';
import { SteadyMacroRunner } from './steady-runner.ts';

export interface WorkerInit {
  variants: VariantPlan[];
  products: ReadonlyMap<string, Product>;
  warehouseIds: readonly string[];
  setup: ReplaySetup;
}

/** Calls the replay makes, with their arguments. */
export type WorkerCall =
  | { call: 'init'; args: WorkerInit }
  /** The batch as JSON text: see WorkerHost.decide. */
  | { call: 'decide'; args: string }
  | { call: 'traces'; args: { batchId: number; wants: TraceWant[] } }
  | { call: 'finish'; args?: undefined }
  /** Forget the replay's variants; the thread (warm code, macro isolates) waits for the next replay. */
  | { call: 'reset'; args?: undefined }
  | { call: 'close'; args?: undefined };

export type WorkerRequest = WorkerCall & { id: number };

/** `text`: the value comes as text (decisions and traces: much cheaper to send than to clone; see AS_TEXT). */
export type WorkerReply =
  | { id: number; ok: true; value: unknown; text?: boolean }
  | { id: number; ok: false; error: { name: string; message: string; stack?: string } };

// The library only runs the macro versions it is handed; nothing here reads a database.
const NO_DATABASE = {} as Db;

if (!parentPort) throw new Error('replay-worker.ts runs as a worker thread (see parallel-pool.ts)');
const port = parentPort;

useHostApiBundle((workerData as { data: ReplayWorkerData }).data.hostApi);
// Nothing else runs on this thread, so macros run on it directly rather than hopping to an isolate's thread.
const runner = new SteadyMacroRunner({ blocking: true });
let group: VariantGroup | undefined;
let queue: Promise<unknown> = Promise.resolve();
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function handle(req: WorkerCall): unknown {
  if (req.call === 'init') {
    const { variants, products, warehouseIds, setup } = req.args;
    const network = new ShippedNetwork(products, warehouseIds);
    const library = new MacroLibrary(NO_DATABASE, systemClock, runner);
    const runs = variants.map((v) => variantRunOf({ spec: v.spec, policy: activate(v) }, setup, network, library));
    group = new VariantGroup(
      runs,
      variants.map((v) => v.index),
      setup.traces,
      network,
    );
    return true;
  }
  if (req.call === 'reset') {
    group = undefined;
    return true;
  }
  if (req.call === 'close') {
    runner.dispose();
    // After the answer has gone: with the port closed and the isolates freed, the thread ends.
    setImmediate(() => port.close());
    return true;
  }
  if (!group) throw new Error(`${req.call} before init`);
  if (req.call === 'decide') return group.decide(JSON.parse(req.args) as ReplayBatch);
  if (req.call === 'traces') return group.takeTraces(req.args.batchId, req.args.wants);
  return group.finish();
}

// Decisions and traces are many small objects: text crosses far faster than a structured clone,
// and loses nothing the replay keeps (it stores them as JSON).
const AS_TEXT: Partial<Record<WorkerCall['call'], (value: unknown) => string>> = {
  decide: (value) => batchResultText(value as BatchResult),
  traces: (value) => JSON.stringify(value),
};

function reply(req: WorkerRequest): Promise<void> {
  const { id } = req;
  return Promise.resolve()
    .then(() => handle(req))
    .then(
      (value) => {
        const asText = AS_TEXT[req.call];
        port.postMessage((asText ? { id, ok: true, value: asText(value), text: true } : { id, ok: true, value }) satisfies WorkerReply);
      },
      (e: unknown) => {
        const error =
          e instanceof Error
            ? { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) }
            : { name: 'Error', message: String(e) };
        port.postMessage({ id, ok: false, error } satisfies WorkerReply);
      },
    );
}

port.on('message', (req: WorkerRequest) => {
  if (req.call === 'traces') {
    void reply(req);
    return;
  }
  // One turn of the event loop between calls lets a traces request in ahead of queued batches.
  queue = queue.then(turn).then(() => reply(req));
});
