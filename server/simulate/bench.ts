// Simulation throughput and memory: 100,000 generated orders through a 20-rule policy with one
// macro over ten warehouses (bench-network.ts), decided on a worker thread while the main thread
// reads orders and pages results into libSQL, as `npm run simulate` does. Each run is a process of
// its own (like a CLI run), so its peak RSS (sampled throughout; it covers the worker threads) is
// its own; a run of 300,000 orders shows whether memory grows with the history.
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureSimulationTables, insertSimulation } from '../store/simulation-repo.ts';
import { withDemoBench } from './bench-harness.ts';
import { BENCH_SIM_POLICY, BENCH_WAREHOUSES, benchReplenishments, benchStock } from './bench-network.ts';
import { runReplay } from './engine.ts';
import { generateOrders } from './generator.ts';
import { databaseSink } from './inputs.ts';
import { closeIdleReplayWorkers } from './parallel-pool.ts';
import type { VariantSpec } from './types.ts';

export interface BenchSimulationOptions {
  /** Orders of the main run. Default 100,000. */
  orders?: number;
  /** Orders of the memory run (0 skips it). Default 300,000. */
  memoryOrders?: number;
  /** Orders of the single-thread and two-variant runs. Default 30,000. */
  sideOrders?: number;
}

interface BenchRun {
  orders: number;
  candidates: VariantSpec[];
  /** Worker threads: 0 decides in the main thread. */
  workers: number | 'auto';
  /**
   * Replay WARM_ORDERS first, untimed, so the timed replay runs on warm threads, its worker taken from
   * the pool as a server's second simulation job takes it (see parallel-pool.ts).
   */
  warm?: boolean;
}

/** Orders of a warm-up replay: about how many a fresh worker decides before it reaches its steady pace. */
const WARM_ORDERS = 20_000;

interface RunFigures {
  ordersPerSec: number;
  peakRssMb: number;
}

/**
 * `simulation.ordersPerSec` for the main run on warm threads (a server's simulation job after its first),
 * `simulation.coldOrdersPerSec` and `simulation.peakRssMb` for it in a fresh process (a CLI run, or the
 * server's first job: a second or so of it is the worker warming up); `simulation.singleThreadOrdersPerSec`
 * (the same policy decided in the main thread); `simulation.twoVariantOrdersPerSec` (a draft without the Amazon
 * express rule beside it, each on its own worker: both decide every order, about a quarter differently, and
 * those orders' traces are kept); `simulation.peakRssMb300k` and, on the line through the two peaks,
 * `simulation.rss1MExtrapolatedMb`.
 */
export async function benchSimulation(options: BenchSimulationOptions = {}): Promise<Record<string, number>> {
  const count = options.orders ?? 100_000;
  const memoryCount = options.memoryOrders ?? 300_000;
  const side = options.sideOrders ?? 30_000;
  const main = await inChild({ orders: count, candidates: [], workers: 'auto' });
  const warm = await inChild({ orders: count, candidates: [], workers: 'auto', warm: true });
  const single = await inChild({ orders: side, candidates: [], workers: 0 });
  const pair = await inChild({
    orders: side,
    candidates: [{ name: 'no-amazon-express', policy: 'draft' }],
    workers: 'auto',
  });
  const memory = memoryCount > 0 ? await inChild({ orders: memoryCount, candidates: [], workers: 'auto' }) : undefined;
  return {
    'simulation.ordersPerSec': warm.ordersPerSec,
    'simulation.coldOrdersPerSec': main.ordersPerSec,
    'simulation.peakRssMb': main.peakRssMb,
    'simulation.orders': count,
    'simulation.singleThreadOrdersPerSec': single.ordersPerSec,
    'simulation.twoVariantOrdersPerSec': pair.ordersPerSec,
    ...(memory ? memoryFigures(main, count, memory, memoryCount) : {}),
  };
}

/** Peak RSS at the larger run and, on the line through both runs' peaks, at a million orders. */
function memoryFigures(main: RunFigures, count: number, memory: RunFigures, memoryCount: number): Record<string, number> {
  const perOrder = Math.max(0, (memory.peakRssMb - main.peakRssMb) / (memoryCount - count));
  return {
    [`simulation.peakRssMb${Math.round(memoryCount / 1000)}k`]: memory.peakRssMb,
    'simulation.rss1MExtrapolatedMb': Math.round(memory.peakRssMb + perOrder * (1_000_000 - memoryCount)),
  };
}

const SELF = fileURLToPath(import.meta.url);

/**
 * Node flags of a run's process, as `npm run simulate` starts the CLI: semi-spaces of 32 MB (V8's
 * default is 16) let the replay's thread keep a batch being read and a page being written without
 * copying them out of the young generation; 5-8 % more orders/s in alternating runs, 64 no better.
 */
const NODE_FLAGS = ['--no-node-snapshot', '--max-semi-space-size=32'];
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs one replay in a fresh process (progress on stderr, figures as JSON on stdout). */
function inChild(run: BenchRun): Promise<RunFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, '--import', 'tsx', SELF, JSON.stringify(run)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out) as RunFigures);
      else reject(new Error(`the simulation bench run of ${run.orders} orders exited with code ${code}`));
    });
  });
}

/** One measured replay on a temporary database seeded with the demo, the ten warehouses and the bench policy. */
function measure(run: BenchRun): Promise<RunFigures> {
  return withDemoBench('sim', async ({ db, services: s, replay }) => {
    await ensureSimulationTables(db);
    for (const w of BENCH_WAREHOUSES) await s.catalogue.putWarehouse(w);
    await s.policies.saveDraft(BENCH_SIM_POLICY, 'bench');
    await s.policies.publish('bench');
    await s.policies.saveDraft({ rules: BENCH_SIM_POLICY.rules.filter((r) => r.name !== 'amazon-express') }, 'bench');
    const replayOf = async (orders: number, quiet: boolean, workers: BenchRun['workers']): Promise<number> => {
      const id = `sim_bench_${orders}_${quiet ? 'warm' : 'run'}`;
      await db.write((sql) =>
        insertSimulation(sql, { id, name: id, request: {}, total: orders, createdAt: new Date().toISOString(), createdBy: 'bench' }),
      );
      const progress = quiet
        ? undefined
        : new Progress(`${orders.toLocaleString('en-GB')} orders, ${1 + run.candidates.length} variant(s)`, orders);
      const started = performance.now();
      const result = await runReplay({
        services: replay,
        baseline: { name: 'baseline', policy: 'published' },
        candidates: run.candidates,
        stock: benchStock(orders),
        replenishments: benchReplenishments(orders),
        orders: generateOrders({ count: orders, seed: 'bench' }),
        total: orders,
        sink: databaseSink(db, id),
        pageSize: 500,
        workers,
        onPage: (p) => progress?.update(p.processed),
      });
      const seconds = (performance.now() - started) / 1000;
      progress?.done(seconds);
      if (result.history.replayed !== orders) throw new Error(`replayed ${result.history.replayed} of ${orders}`);
      return Math.round(orders / seconds);
    };
    // Warms this thread up (JIT, the catalogue snapshot, macro script caches), and a worker for the pool.
    if (run.workers === 0) await replayOf(2_000, true, 0);
    else if (run.warm) await replayOf(WARM_ORDERS, true, run.workers);
    const rss = new PeakRss();
    const ordersPerSec = await replayOf(run.orders, false, run.workers);
    await closeIdleReplayWorkers();
    return { ordersPerSec, peakRssMb: rss.stop() };
  });
}

/** The process's resident set size (every thread's heap, the isolates, libSQL), sampled every 50 ms. */
class PeakRss {
  private peak = process.memoryUsage.rss();
  private readonly timer = setInterval(() => this.sample(), 50);

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return Math.round(this.peak / 2 ** 20);
  }

  private sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
}

/** A progress line on stderr every few seconds. */
class Progress {
  private readonly started = performance.now();
  private last = this.started;

  constructor(
    private readonly label: string,
    private readonly total: number,
  ) {}

  update(processed: number): void {
    const now = performance.now();
    if (now - this.last < 5_000) return;
    this.last = now;
    const rate = Math.round(processed / ((now - this.started) / 1000));
    process.stderr.write(`  ${this.label}: ${Math.round((processed / this.total) * 100)}% (${rate.toLocaleString('en-GB')} orders/s)\n`);
  }

  done(seconds: number): void {
    const rate = Math.round(this.total / seconds);
    process.stderr.write(`  ${this.label}: done in ${seconds.toFixed(1)} s (${rate.toLocaleString('en-GB')} orders/s)\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(JSON.stringify(await measure(JSON.parse(process.argv[2] ?? '{}') as BenchRun)));
}
