// Replay worker threads: starting one (see worker-thread.ts), calling it, and shutting it down.
// A worker that throws or exits fails every call waiting on it, so the replay fails with its error.
// A replay that ends well hands its workers back to a small pool for the next replay: a fresh
// worker spends its first ~20,000 orders' worth of time warming up (V8 compiling the decision path,
// macro isolates set up), about a second of a 100,000-order replay, which the server's next job
// (an analyst's second run) need not pay again. Idle workers never keep the process alive.
import { availableParallelism } from 'node:os';
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

/**
 * How long an idle worker waits for the next replay before it ends (CONVEYOR_REPLAY_WORKER_IDLE_MS;
 * 0 ends each worker with its replay).
 */
const idleMs = (): number => Number(process.env.CONVEYOR_REPLAY_WORKER_IDLE_MS ?? 60_000);

let live = 0;
const idle: ReplayWorker[] = [];
/** Workers being handed back (their reset not yet answered). */
const releasing = new Set<Promise<void>>();

/** Replay worker threads started and not yet ended, idle ones included. */
export const liveReplayWorkers = (): number => live;

/** Replay worker threads a replay holds (tests check a replay leaves none behind). */
export const busyReplayWorkers = (): number => live - idle.length;

/** A worker for a replay: an idle one, warm from an earlier replay, or a new one. */
export function acquireReplayWorker(): ReplayWorker {
  for (let w = idle.pop(); w; w = idle.pop()) {
    if (w.usable) return w.takeFromPool();
    void w.close();
  }
  return new ReplayWorker();
}

/** Ends every idle worker, those being handed back included (at shutdown, and where a caller wants no thread left behind). */
export async function closeIdleReplayWorkers(): Promise<void> {
  await Promise.all(releasing);
  await Promise.all(idle.splice(0).map((w) => w.close()));
}

/** What a replay worker starts with (workerData.data): the host API already bundled here. */
export interface ReplayWorkerData {
  hostApi: string;
}

/** One replay worker thread and the calls waiting on it. */
export class ReplayWorker {
  private readonly link: WorkerLink<WorkerCall, WorkerReply>;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor() {
    const worker = startTsWorker(ENTRY, {
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      data: { hostApi: hostApiBundle() } satisfies ReplayWorkerData,
    });
    live++;
    this.link = new WorkerLink(worker, {
      what: 'a replay worker',
      // Only a call in flight keeps the process alive: an idle pooled worker never does.
      idleUnref: true,
      onExit: () => {
        live--;
        this.leavePool();
      },
    });
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
    this.leavePool();
    return this.link.close({ call: 'close' }, CLOSE_MS);
  }

  /**
   * Hands the worker back after a replay that ended well: it forgets the replay's variants and waits
   * in the pool. A worker that failed, or one the pool has no room for, is closed instead.
   */
  release(): Promise<void> {
    const done = this.handBack().finally(() => releasing.delete(done));
    releasing.add(done);
    return done;
  }

  /** Whether the worker is still answering (it has not failed or exited). */
  get usable(): boolean {
    return this.link.failed === undefined;
  }

  private async handBack(): Promise<void> {
    const ms = idleMs();
    if (!this.usable || !(ms > 0)) return this.close();
    try {
      await this.call({ call: 'reset' });
    } catch {
      return this.close();
    }
    // Checked after the reset: workers handed back together must not overfill the pool.
    if (idle.length >= availableParallelism()) return this.close();
    idle.push(this);
    this.idleTimer = setTimeout(() => void this.close(), ms);
    this.idleTimer.unref();
  }

  /** This worker, out of the pool for a replay. */
  takeFromPool(): ReplayWorker {
    this.leavePool();
    return this;
  }

  private leavePool(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const at = idle.indexOf(this);
    if (at >= 0) idle.splice(at, 1);
  }

  private async send(c: WorkerCall, asText: boolean): Promise<unknown> {
    const m = await this.link.request(c);
    if (!m.ok) throw Object.assign(new Error(m.error.message), { name: m.error.name, stack: m.error.stack ?? m.error.message });
    return m.text && !asText ? JSON.parse(m.value as string) : m.value;
  }
}
