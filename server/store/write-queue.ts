// Serialises writers in this process and lets those waiting share one transaction and one commit
// (group commit): each writer runs in its own savepoint, so one failing rolls back only itself.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Sql } from './client.ts';
import type { WriteLock } from './cluster-lock.ts';
import type { DbClient, DbTransaction } from './embedded-client.ts';

interface Job {
  fn: (sql: Sql) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  outcome?: { ok: true; value: unknown } | { ok: false; error: unknown };
}

/**
 * The transaction the current async call chain is writing in, if any. A read or write started from
 * inside a writer joins that transaction: queueing behind it would wait for itself forever.
 */
export const currentTransaction = new AsyncLocalStorage<Sql>();

export class WriteQueue {
  private pending: Job[] = [];
  private tail: Promise<void> = Promise.resolve();
  /** The running drain, if any: it ends when no writer is left waiting. */
  private draining: Promise<void> | undefined;
  /** Commits and the writers they carried, for the group-commit ratio. */
  readonly stats = { batches: 0, writers: 0 };

  constructor(
    private readonly client: DbClient,
    private readonly maxBatch: number,
    /** Taken around each commit when processes share the database (cluster workers). */
    private readonly lock?: WriteLock | undefined,
  ) {}

  /** Queues a writer; resolves once its transaction has committed. */
  enqueue<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ fn, resolve: resolve as (v: unknown) => void, reject });
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
          const batch = this.pending.splice(0, this.maxBatch);
          this.stats.batches++;
          this.stats.writers += batch.length;
          await this.exclusive(() => this.commitBatch(batch));
        } finally {
          this.lock?.release();
        }
      }
    } finally {
      this.draining = undefined;
    }
  }

  private async commitBatch(batch: Job[]): Promise<void> {
    let tx: DbTransaction | undefined;
    try {
      tx = await this.client.transaction('write');
      for (const job of batch) await runInSavepoint(tx, job, batch.length > 1);
      await tx.commit();
    } catch (error) {
      tx?.close();
      for (const job of batch) if (!job.outcome || job.outcome.ok) job.outcome = { ok: false, error };
    }
    for (const job of batch) {
      if (job.outcome?.ok) job.resolve(job.outcome.value);
      else job.reject(job.outcome?.error);
    }
  }
}

async function runInSavepoint(tx: DbTransaction, job: Job, shared: boolean): Promise<void> {
  if (!shared) {
    try {
      job.outcome = { ok: true, value: await currentTransaction.run(tx, () => job.fn(tx)) };
    } catch (error) {
      job.outcome = { ok: false, error };
      throw error;
    }
    return;
  }
  await tx.execute('SAVEPOINT writer');
  try {
    job.outcome = { ok: true, value: await currentTransaction.run(tx, () => job.fn(tx)) };
    await tx.execute('RELEASE writer');
  } catch (error) {
    job.outcome = { ok: false, error };
    await tx.execute('ROLLBACK TO writer');
    await tx.execute('RELEASE writer');
  }
}
