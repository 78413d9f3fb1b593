// Cluster workers take turns at the database's write lock through the primary. Without this they
// meet at SQLite's busy handler, which sleeps the waiting worker's whole event loop (1, 2, 5, 10 ms
// and up) while another commits. Waiting for a turn here is asynchronous: the worker goes on
// deciding orders, and they join its next group commit. SQLite's own locking still guarantees
// correctness, for these workers and any other process on the file; this only orders the queue.
import cluster, { type Worker } from 'node:cluster';

const TOPIC = 'conveyor:write-lock';

interface LockMessage {
  topic: typeof TOPIC;
  op: 'acquire' | 'release' | 'granted';
}

const isLockMessage = (m: unknown): m is LockMessage => (m as LockMessage | null)?.topic === TOPIC;

/** Taken around each commit. */
export interface WriteLock {
  acquire(): Promise<void>;
  release(): void;
}

/** In the primary: grants the lock to one worker at a time, in the order they ask; a worker that dies gives it back. */
export function serveWriteLock(): void {
  const waiting: Worker[] = [];
  let holder: Worker | undefined;
  const grantNext = () => {
    while (!holder && waiting.length > 0) {
      const next = waiting.shift() as Worker;
      if (next.isDead() || !next.isConnected()) continue;
      holder = next;
      next.send({ topic: TOPIC, op: 'granted' } satisfies LockMessage);
    }
  };
  cluster.on('message', (worker, message: unknown) => {
    if (!isLockMessage(message)) return;
    if (message.op === 'acquire') waiting.push(worker);
    else if (message.op === 'release' && holder === worker) holder = undefined;
    grantNext();
  });
  cluster.on('exit', (worker) => {
    const i = waiting.indexOf(worker);
    if (i >= 0) waiting.splice(i, 1);
    if (holder === worker) holder = undefined;
    grantNext();
  });
}

/** In a worker: the primary's lock. Cut off from the primary, it lets every writer through to SQLite's locking. */
export function workerWriteLock(): WriteLock {
  const grants: (() => void)[] = [];
  let connected = process.connected;
  process.on('message', (message: unknown) => {
    if (isLockMessage(message) && message.op === 'granted') grants.shift()?.();
  });
  process.once('disconnect', () => {
    connected = false;
    for (const grant of grants.splice(0)) grant();
  });
  return {
    acquire: () =>
      new Promise<void>((resolve) => {
        if (!connected) return resolve();
        grants.push(resolve);
        process.send?.({ topic: TOPIC, op: 'acquire' } satisfies LockMessage);
      }),
    release: () => {
      if (connected) process.send?.({ topic: TOPIC, op: 'release' } satisfies LockMessage);
    },
  };
}
