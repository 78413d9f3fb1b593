// The commit thread: its own connection to the database file, on which it runs batches of write
// procedures in one transaction each (a savepoint per call) and commits, fsync included, while the
// event loop of the process goes on serving requests.
import { parentPort, workerData } from 'node:worker_threads';
import { EmbeddedClient } from './embedded-client.ts';
import { encodeFailure, type ProcedureCall, runProcedure, runQuery } from './procedures.ts';
import { commitJobs, type WriteJob } from './write-queue.ts';
import type { CommitReply, CommitRequest, CommitThreadData } from './commit-thread.ts';

const { path, synchronous, busyTimeoutMs } = (workerData as { data: CommitThreadData }).data;
// Its requests wait on each other anyway, so BEGIN and COMMIT wait here rather than hop to libsql's pool.
const client = new EmbeddedClient(path, { busyTimeoutMs, waitOnPool: false });
await client.execute(`PRAGMA synchronous = ${synchronous}`);
await client.execute('PRAGMA foreign_keys = ON');

const port = parentPort;
if (!port) throw new Error('commit-worker.ts runs as a worker thread');

// One request at a time, in the order they came: a read never meets a commit's open transaction.
let tail: Promise<void> = Promise.resolve();
port.on('message', (m: CommitRequest) => {
  tail = tail.then(() => handle(m));
});

async function handle(m: CommitRequest): Promise<void> {
  if (m.op === 'close') {
    client.close();
    port?.postMessage({ id: m.id, outcomes: [] } satisfies CommitReply);
    port?.close();
    return;
  }
  if (m.op === 'query') {
    try {
      port?.postMessage({ id: m.id, outcomes: [{ ok: true, value: await runQuery(client, m.call) }] } satisfies CommitReply);
    } catch (error) {
      port?.postMessage({ id: m.id, outcomes: [{ ok: false, failure: encodeFailure(error) }] } satisfies CommitReply);
    }
    return;
  }
  const calls = JSON.parse(m.calls) as Omit<ProcedureCall, 'text'>[];
  const jobs: WriteJob[] = calls.map((call, i) => ({ fn: (sql) => runProcedure(sql, { ...call, text: m.texts[i] ?? '' }) }));
  await commitJobs(client, jobs);
  const outcomes = jobs.map((j) =>
    j.outcome?.ok ? { ok: true as const, value: j.outcome.value } : { ok: false as const, failure: encodeFailure(j.outcome?.error) },
  );
  port?.postMessage({ id: m.id, outcomes } satisfies CommitReply);
}
