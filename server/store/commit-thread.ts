// The main thread's side of the commit thread (commit-worker.ts). With an embedded database every
// statement runs on the calling thread, and intake's writes (reserve, insert the order, its
// fulfillments and events, commit) were about a quarter of the event loop's time; on their own
// thread they run beside request handling, on the machine's other core. The write queue still
// decides what commits when, so writers stay one at a time and group commit is unchanged.
import { startTsWorker, WorkerLink } from '../worker-thread.ts';
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
  private readonly link: WorkerLink<Request, CommitReply>;

  constructor(
    data: CommitThreadData,
    /** Told once if the thread fails; procedures then commit on the main thread. */
    onFailure?: (error: Error) => void,
  ) {
    this.link = new WorkerLink(startTsWorker(ENTRY, { data }), { what: 'the commit thread', idleUnref: true, onFailure });
  }

  get usable(): boolean {
    return this.link.failed === undefined;
  }

  /** Commits the calls in one transaction on the thread: one outcome per call. */
  async commit(calls: ProcedureCall[]): Promise<JobOutcome[]> {
    const reply = await this.link.request({
      op: 'commit',
      calls: JSON.stringify(calls.map((c) => ({ name: c.name, args: c.args }))),
      texts: calls.map((c) => c.text),
    });
    return reply.outcomes.map((o) => (o.ok ? o : { ok: false, error: decodeFailure(o.failure) }));
  }

  /** Runs a read on the thread's connection, between commits. */
  async query(call: QueryCall): Promise<unknown> {
    const [outcome] = (await this.link.request({ op: 'query', call })).outcomes;
    if (!outcome) throw new Error('the commit thread gave no answer');
    if (!outcome.ok) throw decodeFailure(outcome.failure);
    return outcome.value;
  }

  /** Ends the thread at once, as a crash would: batches in flight fail, and later ones commit on the main thread. */
  terminate(): Promise<void> {
    return this.link.terminate();
  }

  /** Closes the thread's connection and ends it (terminated if it does not in time). */
  close(): Promise<void> {
    return this.link.close({ op: 'close' }, CLOSE_MS);
  }
}
