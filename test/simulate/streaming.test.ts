// A 50,000-order NDJSON history streams through staging and replay in bounded memory: the heap
// that stays live after garbage collection does not grow with the orders replayed.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../server/demo/catalogue.ts';
import { DEMO_WAREHOUSES } from '../../server/demo/network.ts';
import { runReplay } from '../../server/simulate/engine.ts';
import { generateOrders } from '../../server/simulate/generator.ts';
import { appendStream, createHistory, readHistory } from '../../server/simulate/history-store.ts';
import { databaseSink } from '../../server/simulate/inputs.ts';
import { ndjsonFile } from '../../server/simulate/ndjson.ts';
import { insertSimulation } from '../../server/store/simulation-repo.ts';
import { simHarness, type SimHarness } from './support.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const liveHeapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const COUNT = 50_000;
let h: SimHarness;
let empty: number;
beforeAll(async () => {
  h = await simHarness({ demo: true });
  await h.s.policies.saveDraft({ rules: [] }, 'test');
  empty = (await h.s.policies.publish('test')).version;
});
afterAll(() => h.close());

it(`stages and replays ${COUNT.toLocaleString('en-GB')} orders from NDJSON without holding them`, { timeout: 60_000 }, async () => {
  const file = join(h.dir, 'history.ndjson');
  const out = createWriteStream(file);
  for (const o of generateOrders({ count: COUNT, seed: 'stream' })) {
    if (!out.write(`${JSON.stringify(o)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));

  const base = liveHeapMb();
  await createHistory(h.s.db, { id: 'hist_big', name: 'big', createdAt: '2026-01-01T00:00:00Z', createdBy: 'test' });
  expect(await appendStream(h.s.db, 'hist_big', ndjsonFile(file))).toBe(COUNT);
  const afterStaging = liveHeapMb();

  await h.s.db.write((sql) =>
    insertSimulation(sql, { id: 'sim_big', name: 'big', request: {}, total: COUNT, createdAt: '2026-01-01T00:00:00Z', createdBy: 'test' }),
  );
  // Ample stock, so no backorders pile up: this measures the streaming path itself.
  const stock = DEMO_WAREHOUSES.flatMap((w) => DEMO_PRODUCTS.map((p) => ({ sku: p.sku, warehouseId: w.id, onHand: 1_000_000 })));
  const samples: { processed: number; mb: number }[] = [];
  const result = await runReplay({
    services: h.s,
    baseline: { name: 'baseline', policy: empty },
    candidates: [],
    orders: readHistory(h.s.db, 'hist_big'),
    total: COUNT,
    stock,
    sink: databaseSink(h.s.db, 'sim_big'),
    pageSize: 500,
    onPage: (p) => {
      if (p.processed % 10_000 === 0) samples.push({ processed: p.processed, mb: liveHeapMb() });
    },
  });
  expect(result.history.replayed).toBe(COUNT);
  const stored = await h.s.db.client.execute({
    sql: 'SELECT COUNT(*) AS n FROM simulation_orders WHERE simulation_id = ?',
    args: ['sim_big'],
  });
  expect(Number(stored.rows[0]?.n)).toBe(COUNT);
  // Holding 50k orders and their summaries would take well over 100 MB; the replay keeps aggregates only.
  expect(afterStaging - base).toBeLessThan(30);
  const first = samples[0]!;
  const last = samples.at(-1)!;
  expect(last.processed).toBe(COUNT);
  expect(last.mb - first.mb, JSON.stringify(samples)).toBeLessThan(16);
  expect(Math.max(...samples.map((s) => s.mb)) - base).toBeLessThan(60);
});
