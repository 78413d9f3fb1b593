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
import { openDatabase, type Db } from '../store/client.ts';
import { ensureSimulationTables, finishSimulation, insertSimulation, listDiff } from '../store/simulation-repo.ts';
import { parseCliArgs, UsageError, USAGE, type CliOptions } from './cli-args.ts';
import { cliInput } from './cli-input.ts';
import { runReplay, type SimulationResult } from './engine.ts';
import { databaseSink } from './inputs.ts';
import { kpiTable } from './kpi-table.ts';
import { ProgressBar } from './progress-bar.ts';

const SIMULATION_ID = 'sim_cli';

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
  const db = await openDatabase({ url: opts.database ?? config.databaseUrl, authToken: config.databaseAuthToken });
  const s = await createServices({ db, log: pino({ level: 'silent' }) });
  const scratch = opts.results ? undefined : mkdtempSync(join(tmpdir(), 'conveyor-simulate-'));
  const results = await openDatabase({ url: opts.results ?? `file:${join(scratch as string, 'results.db')}` });
  try {
    await ensureSimulationTables(results);
    const result = await simulate(opts, s, results);
    process.stdout.write(`${kpiTable(result.result, result.currency ?? config.currency)}\n${diffLines(result.result)}`);
    if (opts.out)
      writeFileSync(
        opts.out,
        `${JSON.stringify({ ...result.result, changedOrders: await firstDiffs(results, result.result) }, null, 2)}\n`,
      );
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
  const input = await cliInput(opts, s, results);
  const candidates = opts.candidates.map((c, i) => ({ ...c, name: uniqueName(c.name, i, opts) }));
  const request = { baseline: opts.baseline, candidates, source: opts.source };
  await results.write((sql) =>
    insertSimulation(sql, {
      id: SIMULATION_ID,
      name: 'cli',
      request,
      total: input.total,
      createdAt: new Date(0).toISOString(),
      createdBy: 'cli',
    }),
  );
  const bar = opts.quiet ? undefined : new ProgressBar();
  const result = await runReplay({
    services: s,
    baseline: { name: 'baseline', policy: opts.baseline },
    candidates,
    orders: input.orders,
    total: input.total,
    stock: input.stock,
    replenishments: input.replenishments,
    network: input.network,
    sink: databaseSink(results, SIMULATION_ID),
    onPage: (p) => void bar?.update(p.processed, p.total),
  });
  bar?.done(result.history.orders, input.total);
  await results.write((sql) => finishSimulation(sql, SIMULATION_ID, { status: 'done', at: new Date(0).toISOString(), result }));
  return { result, currency: input.currency };
}

const uniqueName = (name: string, i: number, opts: CliOptions) =>
  opts.candidates.findIndex((c) => c.name === name) === i && name !== 'baseline' ? name : `${name} #${i + 1}`;

function diffLines(result: SimulationResult): string {
  return result.diff
    .map(
      (d) =>
        `${d.candidate}: ${d.changed.toLocaleString('en-GB')} order(s) decided differently${
          Object.keys(d.byChange).length
            ? ` (${Object.entries(d.byChange)
                .map(([k, n]) => `${k} ${n}`)
                .join(', ')})`
            : ''
        }\n`,
    )
    .join('');
}

/** The first hundred changed orders of each candidate, both sides' summaries, for the --out file. */
async function firstDiffs(results: Db, result: SimulationResult) {
  return Promise.all(
    result.diff.map(async (d) => ({
      candidate: d.candidate,
      orders: (await results.read((sql) => listDiff(sql, SIMULATION_ID, d.index, 0, 100))).map((r) => ({
        ...r,
        decisions: [r.decisions[0], r.decisions[d.index]],
      })),
    })),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2));
