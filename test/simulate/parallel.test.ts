// Replays on worker threads against the same replays in one thread: the same results and pages
// byte for byte (several variants, what-ifs, restocks, traces), errors that surface, cancels that
// stop, and no thread left behind.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PRODUCTS } from '../../server/demo/catalogue.ts';
import { runReplay, type ReplayOptions } from '../../server/simulate/engine.ts';
import { generateOrders } from '../../server/simulate/generator.ts';
import { liveStock } from '../../server/simulate/inputs.ts';
import type { SimNetwork } from '../../server/simulate/network.ts';
import { busyReplayWorkers, closeIdleReplayWorkers, liveReplayWorkers } from '../../server/simulate/parallel-pool.ts';
import { replayServices } from '../../server/simulate/steady-runner.ts';
import type { Replenishment, StockLine } from '../../server/simulate/types.ts';
import { memorySink, simHarness, type SimHarness } from './support.ts';

let h: SimHarness;
let stock: StockLine[];
let steady: ReturnType<typeof replayServices>;
const sample = (file: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../rules-samples/policies', file), 'utf8'));

beforeAll(async () => {
  h = await simHarness({ demo: true });
  await h.s.policies.saveDraft(sample('06-marketplace-sla.json'), 'test');
  stock = (await liveStock(h.s.db)).map((l) => ({ ...l, onHand: Math.floor(l.onHand / 3) }));
  // Replays retry a macro that timed out (steady-runner.ts), as jobs and the CLI do, so load cannot change a result.
  steady = replayServices(h.s);
});
afterAll(async () => {
  await closeIdleReplayWorkers();
  expect(liveReplayWorkers()).toBe(0);
  steady.dispose();
  await h.close();
});

/** A replay on the steady macro runner with the demo's (thinned) stock, into a memory sink. */
async function replay(opts: Omit<ReplayOptions, 'services' | 'sink' | 'stock'>) {
  const sink = memorySink();
  const result = await runReplay({ services: steady.services, stock, sink, ...opts });
  return { result, sink, orders: sink.pages.flatMap((p) => p.orders) };
}

const restock: Replenishment[] = DEMO_PRODUCTS.flatMap((p, i) => [
  { at: '2026-02-10T06:00:00Z', sku: p.sku, warehouseId: 'UK-MAN', delta: 20 + (i % 7) },
  { at: '2026-03-01T06:00:00Z', sku: p.sku, warehouseId: 'DE-BER', delta: 10 },
]);

type Opts = Omit<ReplayOptions, 'services' | 'sink' | 'stock' | 'workers' | 'orders'> & { orders: () => ReplayOptions['orders'] };

const both = async ({ orders, ...opts }: Opts, workers: number) => {
  const run = (w: number) => replay({ ...opts, orders: orders(), workers: w });
  const here = await run(0);
  const there = await run(workers);
  return { here, there };
};

describe('replays on worker threads', () => {
  it('give byte-identical results and pages to a replay in one thread', { timeout: 120_000 }, async () => {
    const { here, there } = await both(
      {
        baseline: { name: 'baseline', policy: 'published' },
        candidates: [
          { name: 'amazon-express', policy: 'draft' },
          { name: 'thin-manchester', policy: 'published', stockMultiplier: { 'UK-MAN': 0.4 }, rateMultiplier: 1.2 },
          { name: 'no-berlin', policy: 'published', disabledWarehouses: ['DE-BER'], lookaheadDays: 5 },
        ],
        orders: () => generateOrders({ count: 1200, seed: 21, days: 90 }),
        replenishments: restock,
        pageSize: 100,
      },
      2,
    );
    expect(JSON.stringify(there.result)).toBe(JSON.stringify(here.result));
    expect(JSON.stringify(there.sink.pages)).toBe(JSON.stringify(here.sink.pages));
    expect(here.result.variants.map((v) => v.kpis.orders)).toEqual([1200, 1200, 1200, 1200]);
    expect(here.result.diff.every((d) => d.changed > 0)).toBe(true);
    expect(here.result.variants[0]?.kpis.backorderFills.orders).toBeGreaterThan(0);
    expect(here.sink.pages.flatMap((p) => p.traces).length).toBeGreaterThan(0);
    expect(busyReplayWorkers()).toBe(0);
  });

  it('give the same result for a lone variant decided on one worker, every trace kept', { timeout: 60_000 }, async () => {
    const { here, there } = await both(
      {
        baseline: { name: 'baseline', policy: 'published' },
        candidates: [],
        orders: () => generateOrders({ count: 500, seed: 4 }),
        keepTraces: 'all',
      },
      1,
    );
    expect(JSON.stringify(there.result)).toBe(JSON.stringify(here.result));
    expect(JSON.stringify(there.sink.pages)).toBe(JSON.stringify(here.sink.pages));
    expect(here.sink.pages.flatMap((p) => p.traces)).toHaveLength(500);
  });

  it('give the same pages for a lone variant keeping no traces (its rules tested ahead, its pages sent as JSON)', {
    timeout: 60_000,
  }, async () => {
    const { here, there } = await both(
      {
        baseline: { name: 'baseline', policy: 'published' },
        candidates: [],
        orders: () => generateOrders({ count: 600, seed: 9 }),
        replenishments: restock,
        pageSize: 100,
      },
      1,
    );
    expect(JSON.stringify(there.result)).toBe(JSON.stringify(here.result));
    expect(JSON.stringify(there.sink.pages)).toBe(JSON.stringify(here.sink.pages));
    const decisions = here.sink.pages.flatMap((p) => p.orders).map((o) => o.decisions[0] as { status?: string } | null);
    expect(decisions).toHaveLength(600);
    expect(decisions.every((d) => typeof d?.status === 'string')).toBe(true);
  });

  it('give the same result over a network whose warehouses depend on the order (sent with each order)', { timeout: 60_000 }, async () => {
    const { warehouses, products } = await h.s.catalogue.snapshot();
    // A fresh list per order, as the Olist network hands out: only warehouses in or beside the buyer's region.
    const near: SimNetwork = {
      products,
      warehouseIds: warehouses.map((w) => w.id),
      warehousesFor: (o) => warehouses.filter((w) => w.country === o.shipTo.country || w.id !== 'US-NJ').map((w) => ({ ...w })),
    };
    const { here, there } = await both(
      {
        baseline: { name: 'baseline', policy: 'published' },
        candidates: [{ name: 'half', policy: 'published', stockMultiplier: 0.5 }],
        orders: () => generateOrders({ count: 400, seed: 6 }),
        network: near,
      },
      1,
    );
    expect(JSON.stringify(there.result)).toBe(JSON.stringify(here.result));
    expect(JSON.stringify(there.sink.pages)).toBe(JSON.stringify(here.sink.pages));
  });

  it('hand a worker back after a replay that ended well: the next replay takes it warm and decides alike', {
    timeout: 60_000,
  }, async () => {
    await closeIdleReplayWorkers();
    const run = () =>
      replay({
        baseline: { name: 'baseline', policy: 'published' },
        candidates: [],
        orders: generateOrders({ count: 600, seed: 12 }),
        replenishments: restock,
        pageSize: 100,
        workers: 1,
      });
    const first = await run();
    expect([liveReplayWorkers(), busyReplayWorkers()]).toEqual([1, 0]);
    const second = await run();
    expect([liveReplayWorkers(), busyReplayWorkers()]).toEqual([1, 0]);
    expect(JSON.stringify(second.result)).toBe(JSON.stringify(first.result));
    expect(JSON.stringify(second.orders)).toBe(JSON.stringify(first.orders));
    // An idle worker ends once its wait is over.
    process.env.CONVEYOR_REPLAY_WORKER_IDLE_MS = '50';
    try {
      await run();
      await vi.waitFor(() => expect(liveReplayWorkers()).toBe(0), { timeout: 10_000 });
    } finally {
      delete process.env.CONVEYOR_REPLAY_WORKER_IDLE_MS;
    }
  });

  it('fail with the error a worker met, and end every worker', { timeout: 60_000 }, async () => {
    const broken = { promisedDays: null } as unknown as ReplayOptions['routing'];
    const run = (workers: number) =>
      replay({
        baseline: { name: 'baseline', policy: 'published' },
        candidates: [{ name: 'half', policy: 'published', stockMultiplier: 0.5 }],
        orders: generateOrders({ count: 50, seed: 1 }),
        routing: broken,
        workers,
      });
    await closeIdleReplayWorkers();
    const here = await run(0).catch((e: Error) => e.message);
    const there = await run(2).catch((e: Error) => e.message);
    expect(typeof here).toBe('string');
    expect(there).toBe(here);
    // Workers of a failed replay end rather than wait for the next.
    expect(liveReplayWorkers()).toBe(0);
  });

  it('stop when cancelled, with every count as of the same order, and end every worker', { timeout: 60_000 }, async () => {
    let pages = 0;
    const { result, orders } = await replay({
      baseline: { name: 'baseline', policy: 'published' },
      candidates: [{ name: 'half', policy: 'published', stockMultiplier: 0.5 }],
      orders: generateOrders({ count: 3000, seed: 8 }),
      pageSize: 100,
      workers: 2,
      onPage: (p) => {
        expect(p.interim().variants).toHaveLength(2);
        return ++pages === 2;
      },
    });
    expect(result.cancelled).toBe(true);
    expect(result.history.replayed).toBeLessThan(3000);
    expect(result.variants.map((v) => v.kpis.orders)).toEqual([result.history.replayed, result.history.replayed]);
    expect(orders).toHaveLength(result.history.replayed);
    expect(busyReplayWorkers()).toBe(0);
  });
});
