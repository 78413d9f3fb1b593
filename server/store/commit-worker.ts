// The commit thread: its own connection to the database file, on which it runs batches of write
// procedures in one transaction each (a savepoint per call) and commits, fsync included, while the
// event loop of the process goes on serving requests.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { EmbeddedClient, walBytes } from './embedded-client.ts';
import { encodeFailure, type ProcedureCall, runProcedure, runQueries } from './procedures.ts';
import { commitJobs, commitTogether, type JobOutcome, type WriteJob } from './write-queue.ts';
import type { CommitReply, CommitRequest, CommitThreadData } from './commit-thread.ts';

const { path, synchronous, busyTimeoutMs, walLimitBytes, walSoftLimitBytes } = (workerData as { data: CommitThreadData }).data;

// Its requests wait on each other anyway, so BEGIN and COMMIT wait here rather than hop to libsql's pool.
const client = new EmbeddedClient(path, { busyTimeoutMs, waitOnPool: false });
await client.execute(`PRAGMA synchronous = ${synchronous}`);
await client.execute('PRAGMA foreign_keys = ON');
// Reads have a connection of their own, so a read that comes while a batch is being written is
// answered between two of its writers, on what is committed, rather than after the commit: intake's
// read before deciding waited about 5 ms (p99 over 20) behind the commit in progress.
const reader = new EmbeddedClient(path, { busyTimeoutMs });
await reader.execute('PRAGMA query_only = 1');

// Checkpoints leave the commit path: by default the connection whose commit fills the log past 1,000
// pages copies it into the database file and syncs it, and every order waiting on that commit waits
// for that too. Instead, after each commit the main thread's side copies the log passively (see
// CommitThread), so that a later commit starts the log over, cut back to walSoftLimitBytes if it had
// grown. Should it grow past walLimitBytes all the same (a long read held the log), this
// thread, between two commits, copies what is left and empties the file. It does that itself: another
// connection doing it would hold the write lock, and this one would meet it at SQLite's busy handler,
// which sleeps in steps of up to 100 ms.
await client.execute('PRAGMA wal_autocheckpoint = 0');
await client.execute(`PRAGMA journal_size_limit = ${walSoftLimitBytes}`);

/** Empties the log once it has grown past the limit (busy, because a passive checkpoint runs: next time). */
async function boundLog(): Promise<void> {
  if (walBytes(path) > walLimitBytes) await client.execute('PRAGMA wal_checkpoint(TRUNCATE)').catch(() => undefined);
}

if (!parentPort) throw new Error('commit-worker.ts runs as a worker thread');
const port = parentPort;

// Commits run one at a time, in the order they came. Reads go first: they need not wait for a commit
// sent before them, since a caller that must see its commit reads only once the commit is answered.
const backlog: CommitRequest[] = [];

/** Batches committed with a savepoint per writer after one had to run again (see handle). */
const CAUTIOUS_BATCHES = 16;
let cautiousBatches = 0;
let handling = false;
port.on('message', (m: CommitRequest) => {
  backlog.push(m);
  void handleBacklog();
});

async function handleBacklog(): Promise<void> {
  if (handling) return;
  handling = true;
  try {
    for (let m = nextRequest(); m; m = nextRequest()) await handle(m);
  } finally {
    handling = false;
  }
}

function nextRequest(): CommitRequest | undefined {
  const read = backlog.findIndex((m) => m.op === 'query');
  return backlog.splice(read >= 0 ? read : 0, 1)[0];
}

/** Between two writers of a batch: answers the reads that came meanwhile; other requests wait their turn. */
async function answerReads(): Promise<void> {
  for (let r = receiveMessageOnPort(port); r; r = receiveMessageOnPort(port)) {
    const m = r.message as CommitRequest;
    if (m.op === 'query') await handle(m);
    else backlog.push(m);
  }
}

async function handle(m: CommitRequest): Promise<void> {
  if (m.op === 'close') {
    reader.close();
    client.close();
    port.postMessage({ id: m.id, outcomes: [] } satisfies CommitReply);
    port.close();
    return;
  }
  if (m.op === 'query') {
    const outcomes = await runQueries(reader, m.calls);
    port.postMessage({ id: m.id, outcomes: outcomes.map(encode) } satisfies CommitReply);
    return;
  }
  const calls = JSON.parse(m.calls) as Omit<ProcedureCall, 'text'>[];
  const jobs: WriteJob[] = calls.map((call, i) => ({ fn: (sql) => runProcedure(sql, { ...call, text: m.texts[i] ?? '' }) }));
  // Procedures only write through their sql, so a batch may run twice: first without a savepoint
  // per writer, again with them should one refuse (see commitTogether). After a refusal, as when the
  // last units are raced for, the next batches go straight to savepoints for a while.
  if (cautiousBatches > 0) {
    cautiousBatches--;
    await commitJobs(client, jobs, answerReads);
  } else if (!(await commitTogether(client, jobs, answerReads))) {
    cautiousBatches = CAUTIOUS_BATCHES;
    await commitJobs(client, jobs, answerReads);
  }
  port.postMessage({ id: m.id, outcomes: jobs.map((j) => encode(j.outcome)) } satisfies CommitReply);
  // After the reply: the orders of this commit need not wait for the log to be emptied (tens of ms).
  await boundLog();
}

/** An outcome as it crosses to the main thread (a failure by encodeFailure). */
const encode = (o: JobOutcome | undefined): CommitReply['outcomes'][number] =>
  o?.ok ? { ok: true, value: o.value } : { ok: false, failure: encodeFailure(o?.error) };
