// Serialises writers in this process and lets those waiting share one transaction and one commit
// (group commit): each writer runs in its own savepoint, so one failing rolls back only itself.
// Writers that are procedures (procedures.ts) may commit on the commit thread instead of here.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Sql } from './client.ts';
import type { WriteLock } from './cluster-lock.ts';
import type { DbClient, DbTransaction } from './embedded-client.ts';
import { type ProcedureCall, runProcedure } from './procedures.ts';

export type JobOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A writer: a function of the transaction, or a procedure call (which is also one). */
export interface WriteJob {
  fn: (sql: Sql) => Promise<unknown>;
  call?: ProcedureCall | undefined;
  outcome?: JobOutcome;
}

interface Job extends WriteJob {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface WriteStats {
  /** Commits. */
  batches: number;
  /** Writers they carried (the group-commit ratio is writers / batches). */
  writers: number;
  /** Of those, writers committed on the commit thread. */
  remoteWriters: number;
}

/** Commits procedure calls elsewhere (the commit thread), one outcome per call, in one transaction. */
export interface RemoteCommitter {
  /** False once it has failed: procedures then commit in this thread. */
  readonly usable: boolean;
  commit(calls: ProcedureCall[]): Promise<JobOutcome[]>;
}

/**
 * Whether the current async call chain runs inside a writer, tracked only when CONVEYOR_TX_CHECK is 1
 * (the test suite sets it): a database call from inside a writer would queue behind that writer's own
 * commit and wait forever, so there it fails at once, naming the call. Production does not track it:
 * AsyncLocalStorage's promise hooks cost about 30 µs of intake's event loop per order (its throughput
 * rose about 12 % without them).
 */
const insideWriter = process.env.CONVEYOR_TX_CHECK === '1' ? new AsyncLocalStorage<true>() : undefined;

/** Throws if called from inside a writer (only where CONVEYOR_TX_CHECK is 1: see insideWriter). */
export function assertOutsideWriter(call: string): void {
  if (insideWriter?.getStore()) {
    throw new Error(`${call} was called from inside a writer, where it would wait for itself: use the writer's own sql`);
  }
}

const asWriter = <T>(fn: () => Promise<T>): Promise<T> => (insideWriter ? insideWriter.run(true, fn) : fn());

export class WriteQueue {
  private pending: Job[] = [];
  private tail: Promise<void> = Promise.resolve();
  /** The running drain, if any: it ends when no writer is left waiting. */
  private draining: Promise<void> | undefined;
  readonly stats: WriteStats = { batches: 0, writers: 0, remoteWriters: 0 };

  constructor(
    private readonly client: DbClient,
    private readonly maxBatch: number,
    /** Taken around each commit when processes share the database (cluster workers). */
    private readonly lock?: WriteLock | undefined,
    /** Where procedure calls commit, when not in this thread. */
    private readonly remote?: RemoteCommitter | undefined,
  ) {}

  /** Queues a writer; resolves once its transaction has committed. */
  enqueue<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return this.push({ fn }) as Promise<T>;
  }

  /** Queues a procedure call; resolves with its result once committed, here or on the commit thread. */
  call(call: ProcedureCall): Promise<unknown> {
    return this.push({ fn: (sql) => runProcedure(sql, call), call });
  }

  private push(job: WriteJob): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ...job, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Runs `fn` while no transaction is open (single-connection databases read this way). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Resolves when every queued writer has finished. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        // libSQL's embedded calls complete synchronously, so a commit never yields to I/O by itself:
        // one turn of the event loop lets requests that reached their write join this commit.
        await new Promise<void>((resolve) => setImmediate(resolve));
        // Writers that arrive while another process commits join this batch.
        await this.lock?.acquire();
        try {
          const remote = this.remote?.usable && this.pending[0]?.call ? this.remote : undefined;
          const batch = this.pending.splice(0, remote ? this.runOfCalls() : this.maxBatch);
          this.stats.batches++;
          this.stats.writers += batch.length;
          if (remote) {
            this.stats.remoteWriters += batch.length;
            // The commit thread has its own connection: this thread's reads need not wait for it.
            await this.commitRemotely(remote, batch);
          } else await this.exclusive(() => this.commitBatch(batch));
        } finally {
          this.lock?.release();
        }
      }
    } finally {
      this.draining = undefined;
    }
  }

  /** How many procedure calls lead the queue (at most a batch): they commit together remotely. */
  private runOfCalls(): number {
    let n = 0;
    while (n < this.maxBatch && this.pending[n]?.call) n++;
    return n;
  }

  private async commitBatch(batch: Job[]): Promise<void> {
    await commitJobs(this.client, batch);
    settle(batch);
  }

  private async commitRemotely(remote: RemoteCommitter, batch: Job[]): Promise<void> {
    try {
      const outcomes = await remote.commit(batch.map((j) => j.call as ProcedureCall));
      batch.forEach((job, i) => (job.outcome = outcomes[i] ?? { ok: false, error: new Error('the commit thread gave no outcome') }));
    } catch (error) {
      for (const job of batch) job.outcome = { ok: false, error };
    }
    settle(batch);
  }
}

function settle(batch: Job[]): void {
  for (const job of batch) {
    if (job.outcome?.ok) job.resolve(job.outcome.value);
    else job.reject(job.outcome?.error);
  }
}

/**
 * Runs writers in one transaction, each in its own savepoint when there are several, and commits;
 * sets each writer's outcome (a failed commit fails them all). `between` runs after each writer
 * (the commit thread answers reads there).
 */
export async function commitJobs(client: DbClient, batch: WriteJob[], between?: () => Promise<void>): Promise<void> {
  let tx: DbTransaction | undefined;
  try {
    tx = await client.transaction('write');
    for (const job of batch) {
      await runInSavepoint(tx, job, batch.length > 1);
      await between?.();
    }
    await tx.commit();
  } catch (error) {
    tx?.close();
    for (const job of batch) if (!job.outcome || job.outcome.ok) job.outcome = { ok: false, error };
  }
}

/**
 * Runs writers in one transaction without a savepoint each, and commits, if none of them fails: a
 * savepoint and its release cost about 10 µs of a stored order's 130 (`npm run bench -- commit`).
 * If a writer fails, the transaction is rolled back whole, nothing is written, and (with others in
 * the batch) the outcomes are cleared and false is returned: the caller runs them again with
 * commitJobs, where the failing writer fails alone. So a writer may run twice, and must do nothing
 * but write through its `sql` (procedures.ts). Anything else failing (BEGIN, `between`, COMMIT)
 * fails them all, as in commitJobs, and counts as done.
 */
export async function commitTogether(client: DbClient, batch: WriteJob[], between?: () => Promise<void>): Promise<boolean> {
  let tx: DbTransaction | undefined;
  try {
    tx = await client.transaction('write');
    for (const job of batch) {
      try {
        job.outcome = { ok: true, value: await asWriter(() => job.fn(tx as DbTransaction)) };
      } catch (error) {
        tx.close();
        if (batch.length > 1) {
          for (const j of batch) j.outcome = undefined;
          return false;
        }
        job.outcome = { ok: false, error };
        return true;
      }
      await between?.();
    }
    await tx.commit();
  } catch (error) {
    tx?.close();
    for (const job of batch) job.outcome = { ok: false, error };
  }
  return true;
}

async function runInSavepoint(tx: DbTransaction, job: WriteJob, shared: boolean): Promise<void> {
  if (!shared) {
    try {
      job.outcome = { ok: true, value: await asWriter(() => job.fn(tx)) };
    } catch (error) {
      job.outcome = { ok: false, error };
      throw error;
    }
    return;
  }
  await tx.execute('SAVEPOINT writer');
  try {
    job.outcome = { ok: true, value: await asWriter(() => job.fn(tx)) };
    await tx.execute('RELEASE writer');
  } catch (error) {
    job.outcome = { ok: false, error };
    await tx.execute('ROLLBACK TO writer');
    await tx.execute('RELEASE writer');
  }
}
