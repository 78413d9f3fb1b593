// Composition root: config -> database -> services -> HTTP app -> serve, with a graceful stop.
// With CONVEYOR_WORKERS > 1 the primary prepares the database once and forks stateless workers
// that share the port; every worker talks to the same database.
import cluster from 'node:cluster';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { createApp } from './app.ts';
import { banner } from './banner.ts';
import { loadConfig } from './config.ts';
import { prepare } from './prepare.ts';
import { createServices } from './services/container.ts';
import { openDatabase } from './store/client.ts';
import { serveWriteLock, workerWriteLock } from './store/cluster-lock.ts';
import { tuneHeap } from './heap.ts';

tuneHeap();

const config = loadConfig();
const log = pino({ level: config.logLevel, redact: ['req.headers.authorization', 'token', 'apiKey', 'secret'] });

async function open() {
  const db = await openDatabase({
    url: config.databaseUrl,
    authToken: config.databaseAuthToken,
    secretKey: config.secretKey,
    synchronous: config.synchronous,
    writeLock: cluster.isWorker ? workerWriteLock() : undefined,
    commitThread: config.commitThread && (cluster.isWorker || config.workers === 1),
    onCommitThreadFailure: (error) => log.error({ err: error }, 'the commit thread failed; intake commits on the main thread from now on'),
  });
  // The secret key, found (a key file made on first start) and checked against the database's now,
  // so a wrong one stops the server here rather than failing webhooks later.
  await db.secretBox();
  return { db, services: await createServices({ db, log }) };
}

async function runPrimary(): Promise<void> {
  const { db, services } = await open();
  const prepared = await prepare(config, services, log);
  await services.dispose();
  await db.close();
  let listening = 0;
  serveWriteLock();
  for (let i = 0; i < config.workers; i++) cluster.fork();
  cluster.on('listening', () => {
    if (++listening === config.workers) process.stdout.write(banner(config, { port: config.port, workers: config.workers, ...prepared }));
  });
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) log.error({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
    if (!stopping) cluster.fork();
  });
  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    let left = Object.keys(cluster.workers ?? {}).length;
    if (left === 0) process.exit(0);
    cluster.on('exit', () => {
      if (--left > 0) return;
      log.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function runServer(): Promise<void> {
  const { db, services } = await open();
  const prepared = cluster.isWorker ? undefined : await prepare(config, services, log);
  const app = createApp(services);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    if (prepared) process.stdout.write(banner(config, { port: info.port, workers: 1, ...prepared }));
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: finishing in-flight requests');
    const force = setTimeout(() => (server as unknown as { closeAllConnections(): void }).closeAllConnections(), 5_000);
    force.unref();
    server.close(async () => {
      await services.dispose();
      await db.close();
      log.info('stopped');
      process.exit(0);
    });
    (server as unknown as { closeIdleConnections(): void }).closeIdleConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

await (config.workers > 1 && cluster.isPrimary ? runPrimary() : runServer());
