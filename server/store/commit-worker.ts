// The commit thread: its own connection to the database file, on which it runs batches of write
// procedures in one transaction each (a savepoint per call) and commits, fsync included, while the
// event loop of the process goes on serving requests.
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { EmbeddedClient } from './embedded-client.ts';
import { encodeFailure, type ProcedureCall, runProcedure, runQuery } from './procedures.ts';
import { commitJobs, type JobOutcome, type WriteJob } from './write-queue.ts';
import type { CommitReply, CommitRequest, CommitThreadData } from './commit-thread.ts';

const { path, synchronous, busyTimeoutMs, walLimitBytes } = (workerData as { data: CommitThreadData }).data;

/** How often the log is copied into the database file. */
const CHECKPOINT_MS = 250;
// Its requests wait on each other anyway, so BEGIN and COMMIT wait here rather than hop to libsql's pool.
const client = new EmbeddedClient(path, { busyTimeoutMs, waitOnPool: false });
await client.execute(`PRAGMA synchronous = ${synchronous}`);
await client.execute('PRAGMA foreign_keys = ON');

// Checkpoints leave the commit path: by default the connection whose commit fills the log past 1,000
// pages copies it into the database file and syncs it, and every order waiting on that commit waits
// for that too. A second connection copies the log passively on libsql's pool a few times a second
// instead. Copying beside a busy writer never catches up with it, and only a caught-up log starts
// over from its beginning, so once the file passes walLimitBytes this thread, between two commits,
// copies the little the passive checkpoints left and empties the file. It does that itself: another
// connection doing it would hold the write lock, and this one would meet it at SQLite's busy handler,
// which sleeps in steps of up to 100 ms.
await client.execute('PRAGMA wal_autocheckpoint = 0');
const checkpointer = new EmbeddedClient(path, { busyTimeoutMs: 0 });
let checkpointing: Promise<void> | undefined;
const checkpoints = setInterval(() => {
  checkpointing ??= checkpointer
    .checkpoint()
    .catch(() => undefined)
    .finally(() => (checkpointing = undefined));
}, CHECKPOINT_MS);
checkpoints.unref();

/** Empties the log once it has grown past the limit (busy, because a passive checkpoint runs: next time). */
async function boundLog(): Promise<void> {
  let bytes = 0;
  try {
    bytes = statSync(`${path}-wal`).size;
  } catch {
    return;
  }
  if (bytes > walLimitBytes) await client.execute('PRAGMA wal_checkpoint(TRUNCATE)').catch(() => undefined);
}

const port = parentPort;
if (!port) throw new Error('commit-worker.ts runs as a worker thread');

// One request at a time, in the order they came: a read never meets a commit's open transaction.
let tail: Promise<void> = Promise.resolve();
port.on('message', (m: CommitRequest) => {
  tail = tail.then(() => handle(m));
});

async function handle(m: CommitRequest): Promise<void> {
  if (m.op === 'close') {
    clearInterval(checkpoints);
    await checkpointing;
    await checkpointer.checkpoint().catch(() => undefined);
    checkpointer.close();
    client.close();
    port?.postMessage({ id: m.id, outcomes: [] } satisfies CommitReply);
    port?.close();
    return;
  }
  if (m.op === 'query') {
    let outcome: JobOutcome;
    try {
      outcome = { ok: true, value: await runQuery(client, m.call) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    port?.postMessage({ id: m.id, outcomes: [encode(outcome)] } satisfies CommitReply);
    return;
  }
  const calls = JSON.parse(m.calls) as Omit<ProcedureCall, 'text'>[];
  const jobs: WriteJob[] = calls.map((call, i) => ({ fn: (sql) => runProcedure(sql, { ...call, text: m.texts[i] ?? '' }) }));
  await commitJobs(client, jobs);
  port?.postMessage({ id: m.id, outcomes: jobs.map((j) => encode(j.outcome)) } satisfies CommitReply);
  // After the reply: the orders of this commit need not wait for the log to be emptied (tens of ms).
  await boundLog();
}

/** An outcome as it crosses to the main thread (a failure by encodeFailure). */
const encode = (o: JobOutcome | undefined): CommitReply['outcomes'][number] =>
  o?.ok ? { ok: true, value: o.value } : { ok: false, failure: encodeFailure(o?.error) };
