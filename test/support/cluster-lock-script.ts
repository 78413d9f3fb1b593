// Run by cluster-lock.test.ts: a primary serving the write lock and three workers taking it in
// turns, each writing "in"/"out" lines to one file while it holds it; worker 0 dies holding it.
import cluster from 'node:cluster';
import { appendFileSync } from 'node:fs';
import { serveWriteLock, workerWriteLock } from '../../server/store/cluster-lock.ts';

const [log, turns] = [String(process.env.LOCK_LOG), Number(process.env.LOCK_TURNS ?? 30)];

if (cluster.isPrimary) {
  serveWriteLock();
  let exited = 0;
  for (let i = 0; i < 3; i++) cluster.fork({ LOCK_WORKER: String(i) });
  cluster.on('exit', () => {
    if (++exited === 3) process.exit(0);
  });
} else {
  const lock = workerWriteLock();
  const me = process.env.LOCK_WORKER;
  for (let turn = 0; turn < turns; turn++) {
    await lock.acquire();
    appendFileSync(log, `in ${me}\n`);
    await new Promise((r) => setTimeout(r, 1));
    if (me === '0' && turn === 5) process.exit(0);
    appendFileSync(log, `out ${me}\n`);
    lock.release();
  }
  process.exit(0);
}
