// The commit stage alone: what storing intake's orders costs the commit thread, without HTTP, the
// decisions or the rest of the machine's load in the figures. Real orders are placed through intake
// in-process (sequentially, so the stock each one saw is the stock it will see again), their
// storeOrder calls captured as the commit thread receives them (arguments as JSON, the decision as
// text), then replayed in batches on a copy of the same seeded database as the commit thread runs
// them: one transaction per batch, a savepoint per order, a synchronous COMMIT (fsync). It measures
// what a schema or statement change does to the stage that bounds intake (see README, "Where an
// order's time goes"), to a few per cent run to run, where the HTTP benchmark varies by a quarter.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { demoStock } from '../../server/demo/catalogue.ts';
import { seedDemo } from '../../server/demo/seed.ts';
import { OrderRequest } from '../../server/http/schemas.ts';
import { createServices } from '../../server/services/container.ts';
import { type Db, openDatabase } from '../../server/store/client.ts';
import { type DbClient, EmbeddedClient, walBytes } from '../../server/store/embedded-client.ts';
import { type ProcedureCall, runProcedure } from '../../server/store/procedures.ts';
import { commitJobs, commitTogether, type WriteJob } from '../../server/store/write-queue.ts';
import { syntheticOrder } from './orders.ts';

export interface CommitBenchOptions {
  /** Orders placed and replayed. */
  orders?: number;
  /** Orders per commit: 32 is about the mean batch at 64 connections (20-64 by the load's waves). */
  batch?: number;
  /** Leading orders replayed but not timed (the page cache and the statement cache warm up). */
  warmOrders?: number;
  /** Replays of the same calls, each on a fresh copy; the figures are their medians. */
  rounds?: number;
}

const CHANNELS = ['webshop', 'amazon', 'ebay', 'store'];
/** A WAL frame: the page and its 24-byte header. */
const FRAME_HEADER = 24;

interface CapturedCall {
  name: ProcedureCall['name'];
  argsJson: string;
  text: string;
}

export async function benchCommit(opts: CommitBenchOptions = {}): Promise<Record<string, number>> {
  const orders = opts.orders ?? 4000;
  const batch = opts.batch ?? 32;
  const warmOrders = opts.warmOrders ?? Math.min(500, Math.floor(orders / 4));
  const rounds = opts.rounds ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'conveyor-commit-bench-'));
  try {
    const seeded = join(dir, 'seeded.db');
    await seed(seeded);
    const captureDb = join(dir, 'capture.db');
    copyFileSync(seeded, captureDb);
    const calls = await capture(captureDb, orders);
    const runs: ReplayFigures[] = [];
    for (let round = 0; round < rounds; round++) {
      const path = join(dir, `replay-${round}.db`);
      copyFileSync(seeded, path);
      runs.push(await replay(path, calls, batch, warmOrders));
      rmSync(path, { force: true });
      rmSync(`${path}-wal`, { force: true });
    }
    const median = (pick: (r: ReplayFigures) => number) => {
      const sorted = runs.map(pick).sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)] ?? 0;
    };
    const usPerOrder = median((r) => r.usPerOrder);
    return {
      'commit.ordersPerSec': Math.round(1e6 / usPerOrder),
      'commit.usPerOrder': round1(usPerOrder),
      'commit.sqlUsPerOrder': round1(median((r) => r.sqlUsPerOrder)),
      'commit.commitMsPerBatch': round2(median((r) => r.commitMsPerBatch)),
      'commit.walPagesPerOrder': round2(median((r) => r.walPagesPerOrder)),
      'commit.walKbPerOrder': round1(median((r) => r.walKbPerOrder)),
      'commit.checkpointUsPerOrder': round1(median((r) => r.checkpointUsPerOrder)),
      'commit.batch': batch,
      'commit.orders': calls.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The demo's catalogue, warehouses, channels and policies, with stock no run can exhaust. */
async function seed(path: string): Promise<void> {
  const db = await openDatabase({ url: `file:${path}` });
  const services = await createServices({ db, log: pino({ level: 'silent' }) });
  try {
    await seedDemo(services);
    await services.inventory.adjust(
      'commit bench',
      demoStock().map((s) => ({ ...s, onHand: 10_000_000 })),
    );
  } finally {
    await services.dispose();
    await db.close();
  }
  // The log copied into the file, so a copy of the file alone is the whole database.
  const client = new EmbeddedClient(path, { busyTimeoutMs: 5_000 });
  await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  client.close();
}

/** Places `count` orders through intake, one at a time, and keeps their storeOrder calls. */
async function capture(path: string, count: number): Promise<CapturedCall[]> {
  const db = await openDatabase({ url: `file:${path}` });
  const calls: CapturedCall[] = [];
  const recording: Db = {
    ...db,
    call: (name, args, text, argsJson) => {
      calls.push({ name, argsJson: argsJson ?? JSON.stringify(args), text });
      return db.call(name, args, text, argsJson);
    },
  };
  const services = await createServices({ db: recording, log: pino({ level: 'silent' }) });
  try {
    for (let i = 0; i < count; i++) {
      const channel = CHANNELS[i % CHANNELS.length] as string;
      await services.intake.place(channel, OrderRequest.parse(syntheticOrder(i, 'commit')));
    }
  } finally {
    await services.dispose();
    await db.close();
  }
  return calls;
}

interface ReplayFigures {
  usPerOrder: number;
  sqlUsPerOrder: number;
  commitMsPerBatch: number;
  walPagesPerOrder: number;
  walKbPerOrder: number;
  checkpointUsPerOrder: number;
}

/** Commits the calls in batches as the commit thread does, timing what follows the warm-up. */
async function replay(path: string, calls: CapturedCall[], batch: number, warmOrders: number): Promise<ReplayFigures> {
  const client = new EmbeddedClient(path, { busyTimeoutMs: 5_000, waitOnPool: false });
  try {
    // The commit thread's settings (commit-worker.ts).
    await client.execute('PRAGMA synchronous = FULL');
    await client.execute('PRAGMA foreign_keys = ON');
    await client.execute('PRAGMA wal_autocheckpoint = 0');
    const pageSize = Number((await client.execute('PRAGMA page_size')).rows[0]?.page_size);
    const timed = { commitMs: 0 };
    const timing = commitTimed(client, timed);
    let timedOrders = 0;
    let totalMs = 0;
    let walStart = 0;
    let commits = 0;
    for (let first = 0; first < calls.length; first += batch) {
      const group = calls.slice(first, first + batch);
      const measured = first >= warmOrders;
      if (measured && timedOrders === 0) {
        walStart = walBytes(path);
        timed.commitMs = 0;
      }
      const started = performance.now();
      // As the commit thread receives them: the calls' JSON in one text, the decisions beside it.
      const parsed = JSON.parse(`[${group.map((c) => `{"name":"${c.name}","args":${c.argsJson}}`).join(',')}]`) as Omit<
        ProcedureCall,
        'text'
      >[];
      const jobs: WriteJob[] = parsed.map((call, i) => ({
        fn: (sql) => runProcedure(sql, { ...call, text: group[i]?.text ?? '' }),
      }));
      // As the commit thread does: together, or one savepoint each should an order be refused.
      if (!(await commitTogether(timing, jobs))) await commitJobs(timing, jobs);
      const failed = jobs.find((j) => !j.outcome?.ok);
      if (failed && !failed.outcome?.ok) throw new Error(`a replayed order failed to store: ${String(failed.outcome?.error)}`);
      if (measured) {
        totalMs += performance.now() - started;
        timedOrders += group.length;
        commits++;
      }
    }
    if (timedOrders === 0) throw new Error('no order was timed: fewer orders than the warm-up');
    const wal = walBytes(path) - walStart;
    const checkpointStarted = performance.now();
    await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    const checkpointMs = performance.now() - checkpointStarted;
    return {
      usPerOrder: (totalMs * 1000) / timedOrders,
      sqlUsPerOrder: ((totalMs - timed.commitMs) * 1000) / timedOrders,
      commitMsPerBatch: timed.commitMs / commits,
      walPagesPerOrder: wal / (pageSize + FRAME_HEADER) / timedOrders,
      walKbPerOrder: wal / 1024 / timedOrders,
      // Every order's pages, the warm-up's included, are copied by this one checkpoint.
      checkpointUsPerOrder: (checkpointMs * 1000) / calls.length,
    };
  } finally {
    client.close();
  }
}

/** The client, with the time its transactions spend in COMMIT added to `timed`. */
function commitTimed(client: EmbeddedClient, timed: { commitMs: number }): DbClient {
  return {
    execute: (stmt) => client.execute(stmt),
    batch: (stmts, mode) => client.batch(stmts, mode),
    close: () => client.close(),
    transaction: async (mode) => {
      const tx = await client.transaction(mode);
      return {
        ...tx,
        commit: async () => {
          const started = performance.now();
          await tx.commit();
          timed.commitMs += performance.now() - started;
        },
      };
    },
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
