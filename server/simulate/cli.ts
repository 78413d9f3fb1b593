// `npm run simulate`: replays a history through the policies and macros of a database, baseline
// against candidates, with a progress bar on stderr and a KPI table on stdout. Reads policies,
// macros, the catalogue and (optionally) live stock; writes only to a results database
// (a temporary file unless --results names one) and the --out file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { createServices } from '../services/container.ts';
import { readRoutingOptions } from '../services/routing-settings.ts';
import { openDatabase, type Db } from '../store/client.ts';
import { ensureSimulationTables, finishSimulation, insertSimulation, listDiff } from '../store/simulation-repo.ts';
import { parseCliArgs, UsageError, USAGE, type CliOptions } from './cli-args.ts';
import { cliInput } from './cli-input.ts';
import { runReplay, type SimulationResult } from './engine.ts';
import { databaseSink } from './inputs.ts';
import { kpiTable } from './kpi-table.ts';
import { closeIdleReplayWorkers } from './parallel-pool.ts';
import { ProgressBar } from './progress-bar.ts';
import { replayServices } from './steady-runner.ts';

/** Runs the CLI; answers the exit code (0 done, 1 failed, 2 usage). */
export async function main(argv: string[]): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseCliArgs(argv);
  } catch (error) {
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n${error instanceof UsageError && error.message === USAGE ? '' : `${USAGE}\n`}`,
    );
    return 2;
  }
  const config = loadConfig();
  const db = await openDatabase({
    url: opts.database ?? config.databaseUrl,
    authToken: config.databaseAuthToken,
    secretKey: config.secretKey,
  });
  const s = await createServices({ db, log: pino({ level: 'silent' }) });
  const scratch = opts.results ? undefined : mkdtempSync(join(tmpdir(), 'conveyor-simulate-'));
  const results = await openDatabase({ url: opts.results ?? `file:${join(scratch as string, 'results.db')}` });
  try {
    await ensureSimulationTables(results);
    const run = await simulate(opts, s, results);
    const { rejected } = run.result.history;
    if (rejected.orders > 0) {
      const example = rejected.examples[0];
      process.stderr.write(
        `${rejected.orders} order(s) were not replayed, e.g. ${example?.channelId}/${example?.externalId}: ${example?.reason}\n`,
      );
    }
    process.stdout.write(`${kpiTable(run.result, run.currency ?? config.currency)}\n${diffLines(run.result)}`);
    if (opts.out) {
      const changedOrders = await firstDiffs(results, run.id, run.result);
      writeFileSync(opts.out, `${JSON.stringify({ ...run.result, changedOrders }, null, 2)}\n`);
    }
    return 0;
  } catch (error) {
    process.stderr.write(`simulation failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await s.dispose();
    await db.close();
    await results.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

async function simulate(opts: CliOptions, s: Awaited<ReturnType<typeof createServices>>, results: Db) {
  // Ids and times label rows in the results database only; nothing of them reaches the result.
  const id = s.ids.next('sim');
  const now = () => new Date().toISOString();
  const input = await cliInput(opts, s, { db: results, historyId: s.ids.next('hist') });
  const candidates = opts.candidates.map((c, i) => ({ ...c, name: uniqueName(c.name, i, opts) }));
  const request = { baseline: opts.baseline, candidates, source: opts.source };
  await results.write((sql) =>
    insertSimulation(sql, {
      id,
      name: 'cli',
      request,
      total: input.total,
      createdAt: now(),
      createdBy: 'cli',
    }),
  );
  const bar = opts.quiet ? undefined : new ProgressBar();
  const replay = replayServices(s);
  const result = await runReplay({
    services: replay.services,
    baseline: { name: 'baseline', policy: opts.baseline },
    candidates,
    orders: input.orders,
    total: input.total,
    stock: input.stock,
    replenishments: input.replenishments,
    network: input.network,
    // The database's routing settings (split penalty, duties, promises, look-ahead), as live intake routes.
    routing: await readRoutingOptions(s.db),
    sink: databaseSink(results, id),
    onPage: (p) => void bar?.update(p.processed, p.total),
    // Variants decide on worker threads (one per variant up to the cores) while this thread reads and writes.
    workers: 'auto',
  }).finally(async () => {
    replay.dispose();
    await closeIdleReplayWorkers();
  });
  bar?.done(result.history.orders, input.total);
  await results.write((sql) => finishSimulation(sql, id, { status: 'done', at: now(), result }));
  return { id, result, currency: input.currency };
}

const uniqueName = (name: string, i: number, opts: CliOptions) =>
  opts.candidates.findIndex((c) => c.name === name) === i && name !== 'baseline' ? name : `${name} #${i + 1}`;

function diffLines(result: SimulationResult): string {
  const line = (d: SimulationResult['diff'][number]) => {
    const kinds = Object.entries(d.byChange).map(([k, n]) => `${k} ${n}`);
    return `${d.candidate}: ${d.changed.toLocaleString('en-GB')} order(s) decided differently${kinds.length ? ` (${kinds.join(', ')})` : ''}\n`;
  };
  return result.diff.map(line).join('');
}

/** The first hundred changed orders of each candidate, both sides' summaries, for the --out file. */
async function firstDiffs(results: Db, id: string, result: SimulationResult) {
  return Promise.all(
    result.diff.map(async (d) => ({
      candidate: d.candidate,
      orders: (await results.read((sql) => listDiff(sql, id, d.index, 0, 100))).map((r) => ({
        ...r,
        decisions: [r.decisions[0], r.decisions[d.index]],
      })),
    })),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2));
