// Simulation throughput: generated orders through the demo's published policy (rules and macros)
// on a temporary database seeded with the demo, results paged to libSQL as a job would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { seedDemo } from '../demo/seed.ts';
import { createServices } from '../services/container.ts';
import { openDatabase } from '../store/client.ts';
import { ensureSimulationTables, insertSimulation } from '../store/simulation-repo.ts';
import { runReplay } from './engine.ts';
import { generateOrders } from './generator.ts';
import { databaseSink, liveStock } from './inputs.ts';
import { replayServices } from './steady-runner.ts';
import type { VariantSpec } from './types.ts';

export interface BenchSimulationOptions {
  /** Orders replayed per measured run. Default 5000. */
  orders?: number;
}

/**
 * `simulation.ordersPerSec`: orders a second under the published demo policy alone;
 * `simulation.twoVariantOrdersPerSec`: with a stock what-if beside it (both decide every order).
 */
export async function benchSimulation(options: BenchSimulationOptions = {}): Promise<Record<string, number>> {
  const count = options.orders ?? 5000;
  const dir = mkdtempSync(join(tmpdir(), 'conveyor-bench-sim-'));
  const db = await openDatabase({ url: `file:${join(dir, 'bench.db')}` });
  const s = await createServices({ db, log: pino({ level: 'silent' }) });
  const replay = replayServices(s);
  try {
    await ensureSimulationTables(db);
    await seedDemo(s);
    const stock = await liveStock(db);
    let n = 0;
    const run = async (orders: number, candidates: VariantSpec[]) => {
      const id = `sim_bench_${++n}`;
      await db.write((sql) =>
        insertSimulation(sql, { id, name: id, request: {}, total: orders, createdAt: new Date().toISOString(), createdBy: 'bench' }),
      );
      const started = performance.now();
      const result = await runReplay({
        services: replay.services,
        baseline: { name: 'baseline', policy: 'published' },
        candidates,
        stock,
        orders: generateOrders({ count: orders, seed: 'bench' }),
        sink: databaseSink(db, id),
      });
      if (result.history.replayed !== orders) throw new Error(`replayed ${result.history.replayed} of ${orders}`);
      return (orders / (performance.now() - started)) * 1000;
    };
    await run(300, []); // warm up: JIT, macro script caches, the catalogue snapshot
    const single = await run(count, []);
    const pair = await run(count, [{ name: 'half-stock', policy: 'published', stockMultiplier: 0.5 }]);
    return {
      'simulation.ordersPerSec': Math.round(single),
      'simulation.twoVariantOrdersPerSec': Math.round(pair),
      'simulation.orders': count,
    };
  } finally {
    replay.dispose();
    await s.dispose();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
