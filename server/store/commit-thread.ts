// The main thread's side of the commit thread (commit-worker.ts). With an embedded database every
// statement runs on the calling thread, and intake's writes (reserve, insert the order, its
// fulfillments and events, commit) were about a quarter of the event loop's time; on their own
// thread they run beside request handling, on the machine's other core. The write queue still
// decides what commits when, so writers stay one at a time and group commit is unchanged.
import { startTsWorker, WorkerLink } from '../worker-thread.ts';
import { EmbeddedClient, walBytes } from './embedded-client.ts';
import { decodeFailure, type EncodedFailure, type ProcedureCall, type QueryCall } from './procedures.ts';
import type { JobOutcome, RemoteCommitter } from './write-queue.ts';

export interface CommitThreadData {
  path: string;
  synchronous: 'FULL' | 'NORMAL';
  busyTimeoutMs: number;
  /** Log size past which a checkpoint also empties the log (see commit-worker.ts). */
  walLimitBytes: number;
  /**
   * Log size past which a batch waits for the checkpoint under way (see CommitThread), and to which
   * the log is cut back when it starts over.
   */
  walSoftLimitBytes: number;
}

/** `calls`: the procedure calls' names and arguments as one JSON text; `texts`: their texts (see procedures.ts). */
export type CommitRequest =
  | { id: number; op: 'commit'; calls: string; texts: string[] }
  | { id: number; op: 'query'; calls: QueryCall[] }
  | { id: number; op: 'close' };

type Request = CommitRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface CommitReply {
  id: number;
  outcomes: ({ ok: true; value: unknown } | { ok: false; failure: EncodedFailure })[];
}

const ENTRY = new URL('./commit-worker.ts', import.meta.url);

/** How long the thread may take to close its connection before it is terminated. */
const CLOSE_MS = 5_000;

/** Writers committed between two copies of the log into the database file, under load (see checkpointer). */
const COPY_AFTER_WRITERS = 128;

/** How long after the last commit the log waits for its copy when commits pause. */
const COPY_IDLE_MS = 20;

export class CommitThread implements RemoteCommitter {
  private readonly link: WorkerLink<Request, CommitReply>;
  /**
   * Copies the log into the database file, passively on libsql's pool, once COPY_AFTER_WRITERS
   * writers have committed since the last copy (a few commits under load), or once commits pause
   * for COPY_IDLE_MS. A copy takes a millisecond or two, mostly while this thread answers orders and
   * gathers the next batch. SQLite starts the log over from its beginning at a commit whose
   * transaction began on a log all copied (with no reader still in it), which the gap between two
   * batches usually allows: the log stays a few commits long. Copying after every commit cost about
   * 10 µs of CPU per order more (23-27 against 14-16 on the pool's threads, seven pairs at 64 connections):
   * consecutive commits rewrite the same last pages of every index, and each copy syncs the file.
   * Should copies keep finishing after the next batch began, the log grows; past walSoftLimitBytes
   * the next batch waits for the copy under way, so the log starts over, rather than let it reach
   * the limit, whose emptying would stall the commit thread for tens of ms. (Waiting for every copy
   * cost about 10 % of intake's throughput.) It runs from this thread, not the commit thread:
   * libsql's pool aborts the process if the thread that asked is gone when the answer comes, and the
   * commit thread may be terminated.
   */
  private readonly checkpointer: EmbeddedClient;
  private checkpointing: Promise<void> | undefined;
  /** Writers committed since the last copy began. */
  private uncopiedWriters = 0;
  /** The copy due once commits pause (see copyWhenIdle). */
  private idleCopy: NodeJS.Timeout | undefined;
  /** Reads asked since the last were sent (see query). */
  private reads: { call: QueryCall; resolve: (value: unknown) => void; reject: (error: unknown) => void }[] = [];
  private readonly path: string;
  private readonly walSoftLimitBytes: number;

  constructor(
    data: CommitThreadData,
    /** Told once if the thread fails; procedures then commit on the main thread. */
    onFailure?: (error: Error) => void,
  ) {
    this.link = new WorkerLink(startTsWorker(ENTRY, { data }), { what: 'the commit thread', idleUnref: true, onFailure });
    this.checkpointer = new EmbeddedClient(data.path, { busyTimeoutMs: 0 });
    this.path = data.path;
    this.walSoftLimitBytes = data.walSoftLimitBytes;
  }

  get usable(): boolean {
    return this.link.failed === undefined;
  }

  /** Commits the calls in one transaction on the thread: one outcome per call. */
  async commit(calls: ProcedureCall[]): Promise<JobOutcome[]> {
    if (walBytes(this.path) > this.walSoftLimitBytes) {
      // The log grew past its soft limit: this batch begins after a copy, so that the log starts over.
      this.checkpointSoon();
      await this.checkpointing;
    }
    const reply = await this.link.request({
      op: 'commit',
      calls: `[${calls.map((c) => `{"name":${JSON.stringify(c.name)},"args":${c.argsJson ?? JSON.stringify(c.args) ?? 'null'}}`).join(',')}]`,
      texts: calls.map((c) => c.text),
    });
    this.uncopiedWriters += calls.length;
    // A copy under way may have begun before this commit: then the pause copies it, if none sooner.
    if (this.uncopiedWriters >= COPY_AFTER_WRITERS && !this.checkpointing) this.checkpointSoon();
    else this.copyWhenIdle();
    return reply.outcomes.map((o) => (o.ok ? o : { ok: false, error: decodeFailure(o.failure) }));
  }

  /**
   * Runs a read on the thread's reading connection, on what is committed (answered even during a
   * commit). Reads asked in one turn of the event loop (intake's, of the requests read from the
   * sockets in one go) cross as one message: one wake-up of the thread and one reply rather than
   * one each, which took the event loop's time per order down by about 7 %.
   */
  query(call: QueryCall): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.reads.push({ call, resolve, reject });
      if (this.reads.length === 1) setImmediate(() => this.sendReads());
    });
  }

  private sendReads(): void {
    const reads = this.reads;
    if (reads.length === 0) return;
    this.reads = [];
    this.link.request({ op: 'query', calls: reads.map((r) => r.call) }).then(
      ({ outcomes }) =>
        reads.forEach((r, i) => {
          const outcome = outcomes[i];
          if (!outcome) r.reject(new Error('the commit thread gave no answer'));
          else if (!outcome.ok) r.reject(decodeFailure(outcome.failure));
          else r.resolve(outcome.value);
        }),
      (error: unknown) => {
        for (const r of reads) r.reject(error);
      },
    );
  }

  /** Ends the thread at once, as a crash would: batches in flight fail, and later ones commit on the main thread. */
  terminate(): Promise<void> {
    return this.link.terminate();
  }

  /** Closes the thread's connection and ends it (terminated if it does not in time), then copies what is left of the log. */
  async close(): Promise<void> {
    // Reads asked in this turn go first: the thread answers them before it closes.
    this.sendReads();
    await this.link.close({ op: 'close' }, CLOSE_MS);
    clearTimeout(this.idleCopy);
    this.idleCopy = undefined;
    await this.checkpointing;
    await this.checkpointer.checkpoint().catch(() => undefined);
    this.checkpointer.close();
  }

  /** Starts copying the log into the database file, unless a copy is under way. */
  private checkpointSoon(): void {
    if (this.checkpointing) return;
    this.uncopiedWriters = 0;
    clearTimeout(this.idleCopy);
    this.idleCopy = undefined;
    this.checkpointing = this.checkpointer
      .checkpoint()
      .catch(() => undefined)
      .finally(() => (this.checkpointing = undefined));
  }

  /** Copies the log once no commit has followed for COPY_IDLE_MS (each commit puts it off again). */
  private copyWhenIdle(): void {
    if (this.idleCopy) this.idleCopy.refresh();
    else
      this.idleCopy = setTimeout(() => {
        this.idleCopy = undefined;
        // A copy under way may have begun before the last commits: this one waits its turn.
        if (this.checkpointing) this.copyWhenIdle();
        else this.checkpointSoon();
      }, COPY_IDLE_MS).unref();
  }
}
