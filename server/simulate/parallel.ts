// Where a replay's variants decide: all in the replay's own thread, or spread over worker threads
// (one per core at most), each with its own stock and macro isolates. Variants share nothing but
// the orders, so any split gives the same decisions; the replay assembles them in variant order.
import { availableParallelism } from 'node:os';
import type { MacroLibrary } from '../services/macros.ts';
import type { ActivePolicy } from '../services/policies.ts';
import type { TraceRow } from '../store/simulation-repo.ts';
import type { SimNetwork } from './network.ts';
import { batchResultOf, VariantGroup, type BatchResult, type ReplayBatch, type TraceWant } from './parallel-batch.ts';
import { acquireReplayWorker } from './parallel-pool.ts';
import { planOf, variantRunOf, type ReplaySetup } from './parallel-setup.ts';
import type { VariantSpec } from './types.ts';
import type { VariantResult } from './variant-run.ts';

/** Some of the replay's variants, wherever they run. */
export interface VariantHost {
  /** The indices of its variants among the replay's (0 is the baseline), ascending. */
  readonly variants: number[];
  decide(batch: ReplayBatch): Promise<BatchResult>;
  /** Traces of a decided batch's orders; lets go of the rest of the batch. */
  traces(batchId: number, wants: TraceWant[]): Promise<TraceRow[]>;
  finish(): Promise<VariantResult[]>;
  /** `reuse`: the replay ended well, so a worker may serve the next one (see parallel-pool.ts). */
  close(reuse?: boolean): Promise<void>;
}

export interface HostOptions {
  variants: { spec: VariantSpec; policy: ActivePolicy | null }[];
  setup: ReplaySetup;
  network: SimNetwork;
  /** Macros for variants decided in this thread. */
  macros: MacroLibrary;
  /** Worker threads; 0 decides every variant in this thread. */
  workers: number;
}

/** Below this many orders, `auto` decides in this thread: starting a worker (about a second) would cost more. */
const AUTO_MIN_ORDERS = 5_000;

/** Worker threads for a replay: `auto` is one per variant up to the cores, none for a short history. */
export function workerCount(workers: number | 'auto' | undefined, variants: number, total?: number | null): number {
  if (workers === 'auto') return typeof total === 'number' && total < AUTO_MIN_ORDERS ? 0 : Math.min(variants, availableParallelism());
  return Math.max(0, Math.min(variants, Math.floor(workers ?? 0)));
}

/** Starts the hosts: this thread alone, or workers with the variants dealt round-robin. */
export async function startHosts(o: HostOptions): Promise<VariantHost[]> {
  if (o.workers === 0) {
    const runs = o.variants.map((v) => variantRunOf(v, o.setup, o.network, o.macros));
    return [
      new LocalHost(
        new VariantGroup(
          runs,
          runs.map((_, i) => i),
          o.setup.traces,
        ),
      ),
    ];
  }
  const hosts = Array.from({ length: o.workers }, (_, w) => new WorkerHost(o.variants.flatMap((_, i) => (i % o.workers === w ? [i] : []))));
  try {
    await Promise.all(hosts.map((h) => h.init(o)));
    return hosts;
  } catch (error) {
    await closeHosts(hosts);
    throw error;
  }
}

/** Closes every host, handing workers back for reuse after a replay that ended well; never throws (a worker that will not stop is terminated). */
export async function closeHosts(hosts: VariantHost[], reuse = false): Promise<void> {
  await Promise.all(hosts.map((h) => h.close(reuse).catch(() => undefined)));
}

/** Variants decided in this thread, one batch after another. */
export class LocalHost implements VariantHost {
  readonly variants: number[];
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly group: VariantGroup) {
    this.variants = group.variants;
  }

  decide(batch: ReplayBatch): Promise<BatchResult> {
    const next = this.tail.then(() => this.group.decide(batch));
    this.tail = next.catch(() => undefined);
    return next;
  }

  async traces(batchId: number, wants: TraceWant[]): Promise<TraceRow[]> {
    return this.group.takeTraces(batchId, wants);
  }

  async finish(): Promise<VariantResult[]> {
    await this.tail;
    return this.group.finish();
  }

  async close(): Promise<void> {}
}

/** A batch's results read from the worker's text when first looked at (see Replay.dispatch in engine.ts). */
function readLater(text: string): BatchResult {
  let read: BatchResult | undefined;
  const result = (): BatchResult => (read ??= batchResultOf(text));
  return {
    get decisions() {
      return result().decisions;
    },
    get decisionsJson() {
      return result().decisionsJson;
    },
    get traces() {
      return result().traces;
    },
    get snapshot() {
      return result().snapshot;
    },
  };
}

/** Variants decided on a worker thread. */
class WorkerHost implements VariantHost {
  private readonly worker = acquireReplayWorker();

  constructor(readonly variants: number[]) {}

  init(o: HostOptions): Promise<unknown> {
    const { products, warehouseIds } = o.network;
    const variants = this.variants.map((i) => {
      const v = o.variants[i] as HostOptions['variants'][number];
      return planOf(i, v.spec, v.policy);
    });
    return this.worker.call({ call: 'init', args: { variants, products, warehouseIds, setup: o.setup } });
  }

  decide(batch: ReplayBatch): Promise<BatchResult> {
    // As JSON text (a batch is plain data: validated orders and restocks), read when the worker takes
    // the batch up. A cloned batch is objects from the moment it arrives, so the batches queued
    // behind the one being decided outlived young collections and were copied to the old generation.
    return this.worker.callForText({ call: 'decide', args: JSON.stringify(batch) }).then(readLater);
  }

  traces(batchId: number, wants: TraceWant[]): Promise<TraceRow[]> {
    return this.worker.call({ call: 'traces', args: { batchId, wants } });
  }

  finish(): Promise<VariantResult[]> {
    return this.worker.call({ call: 'finish' });
  }

  close(reuse = false): Promise<void> {
    return reuse ? this.worker.release() : this.worker.close();
  }
}
