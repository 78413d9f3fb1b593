// Replay worker threads: starting one (see worker-thread.ts), calling it, and shutting it down.
// A worker that throws or exits fails every call waiting on it, so the replay fails with its error.
import { hostApiBundle } from '../../sandbox/isolate-script.ts';
import { startTsWorker, WorkerLink } from '../worker-thread.ts';
import type { WorkerCall, WorkerReply } from './replay-worker.ts';

const ENTRY = new URL('./replay-worker.ts', import.meta.url);

/**
 * A worker's young generation, MB (V8's default is 48 on 64-bit: 16 MB semi-spaces). Deciding an order
 * leaves many short-lived objects; more room means fewer scavenges, which each cost about what
 * survives, not what died. 64 gave the same throughput as 192 on the bench (13,263 against ~13,000
 * orders/s) with a peak RSS of 455 MB instead of 495 MB, and less growth to 300,000 orders. Override
 * with CONVEYOR_REPLAY_YOUNG_MB.
 */
const YOUNG_GENERATION_MB = Number(process.env.CONVEYOR_REPLAY_YOUNG_MB) || 64;

/** How long a worker asked to close may take before it is terminated. */
const CLOSE_MS = 5_000;

let live = 0;

/** Replay worker threads started and not yet ended (tests check a replay leaves none behind). */
export const liveReplayWorkers = (): number => live;

/** What a replay worker starts with (workerData.data): the host API already bundled here. */
export interface ReplayWorkerData {
  hostApi: string;
}

/** One replay worker thread and the calls waiting on it. */
export class ReplayWorker {
  private readonly link: WorkerLink<WorkerCall, WorkerReply>;

  constructor() {
    const worker = startTsWorker(ENTRY, {
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      data: { hostApi: hostApiBundle() } satisfies ReplayWorkerData,
    });
    live++;
    this.link = new WorkerLink(worker, { what: 'a replay worker', onExit: () => live-- });
  }

  /** Calls the worker; rejects with the worker's error, or when it dies. */
  call<T>(c: WorkerCall): Promise<T> {
    return this.send(c, false) as Promise<T>;
  }

  /** As call, for a call answered in text (see AS_TEXT in replay-worker.ts): the text, unread. */
  callForText(c: WorkerCall): Promise<string> {
    return this.send(c, true) as Promise<string>;
  }

  /** Asks the worker to free its isolates and end; terminates it if it does not in time, or at once when it failed. */
  close(): Promise<void> {
    return this.link.close({ call: 'close' }, CLOSE_MS);
  }

  private async send(c: WorkerCall, asText: boolean): Promise<unknown> {
    const m = await this.link.request(c);
    if (!m.ok) throw Object.assign(new Error(m.error.message), { name: m.error.name, stack: m.error.stack ?? m.error.message });
    return m.text && !asText ? JSON.parse(m.value as string) : m.value;
  }
}
