// The main thread's side of the commit thread (commit-worker.ts). With an embedded database every
// statement runs on the calling thread, and intake's writes (reserve, insert the order, its
// fulfillments and events, commit) were about a quarter of the event loop's time; on their own
// thread they run beside request handling, on the machine's other core. The write queue still
// decides what commits when, so writers stay one at a time and group commit is unchanged.
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../worker-thread.ts';
import { decodeFailure, type EncodedFailure, type ProcedureCall, type QueryCall } from './procedures.ts';
import type { JobOutcome, RemoteCommitter } from './write-queue.ts';

export interface CommitThreadData {
  path: string;
  synchronous: 'FULL' | 'NORMAL';
  busyTimeoutMs: number;
  /** Log size past which a checkpoint also empties the log (see commit-worker.ts). */
  walLimitBytes: number;
}

/** `calls`: the procedure calls' names and arguments as one JSON text; `texts`: their texts (see procedures.ts). */
export type CommitRequest =
  | { id: number; op: 'commit'; calls: string; texts: string[] }
  | { id: number; op: 'query'; call: QueryCall }
  | { id: number; op: 'close' };

type Request = CommitRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface CommitReply {
  id: number;
  outcomes: ({ ok: true; value: unknown } | { ok: false; failure: EncodedFailure })[];
}

const ENTRY = new URL('./commit-worker.ts', import.meta.url);

/** How long the thread may take to close its connection before it is terminated. */
const CLOSE_MS = 5_000;

export class CommitThread implements RemoteCommitter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, (reply: CommitReply | Error) => void>();
  private nextId = 0;
  private failure: Error | undefined;
  private closing = false;
  private readonly exited: Promise<void>;

  constructor(
    data: CommitThreadData,
    /** Told once if the thread fails; procedures then commit on the main thread. */
    private readonly onFailure?: (error: Error) => void,
  ) {
    this.worker = startTsWorker(ENTRY, { data });
    // Only a batch in flight keeps the process alive (see request and settle).
    this.worker.unref();
    this.worker.on('message', (m: CommitReply) => this.settle(m));
    this.worker.on('error', (e) => this.fail(e instanceof Error ? e : new Error(String(e))));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        this.fail(new Error(`the commit thread exited (code ${code})`));
        resolve();
      }),
    );
  }

  get usable(): boolean {
    return this.failure === undefined;
  }

  /** Commits the calls in one transaction on the thread: one outcome per call. */
  async commit(calls: ProcedureCall[]): Promise<JobOutcome[]> {
    const reply = await this.request({
      op: 'commit',
      calls: JSON.stringify(calls.map((c) => ({ name: c.name, args: c.args }))),
      texts: calls.map((c) => c.text),
    });
    return reply.outcomes.map((o) => (o.ok ? o : { ok: false, error: decodeFailure(o.failure) }));
  }

  /** Runs a read on the thread's connection, between commits. */
  async query(call: QueryCall): Promise<unknown> {
    const [outcome] = (await this.request({ op: 'query', call })).outcomes;
    if (!outcome) throw new Error('the commit thread gave no answer');
    if (!outcome.ok) throw decodeFailure(outcome.failure);
    return outcome.value;
  }

  /** Ends the thread at once, as a crash would: batches in flight fail, and later ones commit on the main thread. */
  async terminate(): Promise<void> {
    await this.worker.terminate();
    await this.exited;
  }

  /** Closes the thread's connection and ends it (terminated if it does not in time). */
  async close(): Promise<void> {
    if (this.failure) return this.exited;
    this.closing = true;
    const late = setTimeout(() => void this.worker.terminate(), CLOSE_MS);
    await this.request({ op: 'close' }).catch(() => undefined);
    await this.exited;
    clearTimeout(late);
  }

  private request(r: Request): Promise<CommitReply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, (reply) => (reply instanceof Error ? reject(reply) : resolve(reply)));
      this.worker.postMessage({ ...r, id } satisfies CommitRequest);
    });
  }

  private settle(m: CommitReply): void {
    const done = this.pending.get(m.id);
    this.pending.delete(m.id);
    if (this.pending.size === 0) this.worker.unref();
    done?.(m);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const done of this.pending.values()) done(error);
    this.pending.clear();
    if (!this.closing) this.onFailure?.(error);
  }
}
