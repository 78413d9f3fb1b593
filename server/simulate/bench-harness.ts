// What the simulation benchmarks replay in: a temporary file database seeded with the demo, its
// services, and replay services on their own macro runner; all of it gone when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { seedDemo } from '../demo/seed.ts';
import { createServices, type Services } from '../services/container.ts';
import { type Db, openDatabase } from '../store/client.ts';
import type { ReplayServices } from './engine.ts';
import { replayServices } from './steady-runner.ts';

export interface DemoBench {
  db: Db;
  services: Services;
  replay: ReplayServices;
}

/** Runs `fn` on a freshly seeded demo database (under a temp directory named by `name`), then removes it. */
export async function withDemoBench<T>(name: string, fn: (bench: DemoBench) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `conveyor-bench-${name}-`));
  const db = await openDatabase({ url: `file:${join(dir, 'bench.db')}` });
  const services = await createServices({ db, log: pino({ level: 'silent' }) });
  const replay = replayServices(services);
  try {
    await seedDemo(services);
    return await fn({ db, services, replay: replay.services });
  } finally {
    replay.dispose();
    await services.dispose();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
