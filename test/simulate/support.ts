// Helpers for simulation tests: real services over a temp database (optionally the demo), an
// in-memory sink that records every page, and a replay with the demo's live stock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { seedDemo } from '../../server/demo/seed.ts';
import { createServices, type Services } from '../../server/services/container.ts';
import { runReplay, type ReplayOptions, type ReplaySink } from '../../server/simulate/engine.ts';
import { liveStock } from '../../server/simulate/inputs.ts';
import { openDatabase } from '../../server/store/client.ts';
import { ensureSimulationTables, type NewOrderRow, type OrderRow } from '../../server/store/simulation-repo.ts';

export interface SimHarness {
  s: Services;
  dir: string;
  close(): Promise<void>;
}

/** Real services on a temp file database, with the simulation tables, optionally seeded with the demo. */
export async function simHarness(opts: { demo?: boolean } = {}): Promise<SimHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'conveyor-sim-'));
  const db = await openDatabase({ url: `file:${join(dir, 'sim.db')}` });
  await ensureSimulationTables(db);
  const s = await createServices({ db, log: pino({ level: 'silent' }) });
  if (opts.demo) await seedDemo(s);
  return {
    s,
    dir,
    async close() {
      await s.dispose();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Page = Parameters<ReplaySink['write']>[0];

/** A row's decisions, read from their JSON when that is what it carries (as libSQL stores them). */
const rowDecisions = (o: NewOrderRow): unknown[] => ('decisionsJson' in o ? (JSON.parse(o.decisionsJson) as unknown[]) : o.decisions);

/** A sink that keeps every page in memory, each order's decisions read as libSQL would store them (tests only). */
export function memorySink(): ReplaySink & { pages: (Omit<Page, 'orders'> & { orders: OrderRow[] })[] } {
  const pages: (Omit<Page, 'orders'> & { orders: OrderRow[] })[] = [];
  return {
    pages,
    write: async (p) => {
      const orders = p.orders.map((o): OrderRow => {
        const { seq, channelId, externalId, placedAt } = o;
        return { seq, channelId, externalId, placedAt, decisions: rowDecisions(o) };
      });
      pages.push(structuredClone({ ...p, orders }));
    },
  };
}

/** Replays with the live stock of the harness's database, into a memory sink. */
export async function replay(h: SimHarness, opts: Omit<ReplayOptions, 'services' | 'sink' | 'stock'> & { stock?: ReplayOptions['stock'] }) {
  const sink = memorySink();
  const result = await runReplay({ services: h.s, stock: opts.stock ?? (await liveStock(h.s.db)), sink, ...opts });
  return { result, sink, orders: sink.pages.flatMap((p) => p.orders), diffs: sink.pages.flatMap((p) => p.diffs) };
}
