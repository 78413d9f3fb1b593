// Macro abuse under load: 1 % of 300 concurrent orders run a macro that loops forever. Those are
// held with macro_failed; every other order is placed as usual, nothing is lost or stored twice,
// the books balance, and the server answers /health while the looping macros run.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { checkInvariants } from '../../server/services/invariants.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';

const ORDERS = 300;
const LOOP_EVERY = 100;
// GB-bound, no hazardous goods, no first-order holds: whatever is not looping routes or backorders.
// The liquids run split-liquids and the barbecue with parcels pallet-vs-parcel, so the other
// orders call macros too while the loops spin.
const SKUS = [
  'CD-BLUE',
  'BOOK-GARDEN',
  'SEED-TOMATO',
  'GLOVES-GARDEN',
  'BBQ-TONGS',
  'SHEARS',
  'OIL-OLIVE-1L',
  'OIL-RAPESEED-2L',
  'FEED-LAWN-2L',
  'SAUCE-BBQ-1L',
  'BBQ-KETTLE-57',
];

let t: TestServer;
beforeAll(async () => {
  // A CPU limit of a second: the loops spin far longer than an order takes, and no ordinary
  // macro call is cut off because a loaded test machine left it waiting for a core.
  t = await startTestServer({ demo: true, macroLimits: { timeoutMs: 1000 } });
});
afterAll(() => t.close());

function isLooping(i: number): boolean {
  return i % LOOP_EVERY === LOOP_EVERY - 1;
}

function abuseOrder(i: number) {
  const skus = new Set([SKUS[i % SKUS.length] ?? 'CD-BLUE', SKUS[(i * 7 + 3) % SKUS.length] ?? 'CD-BLUE']);
  const lines = [...skus].map((sku) => ({ sku, quantity: 1 + (i % 2) }));
  if (isLooping(i)) lines.push({ sku: 'SEED-BASIL', quantity: 1 });
  return orderBody(`ABUSE-${i}`, lines);
}

/** Counts the looping macro calls in progress, calling through to the real runner. */
function watchLoopingMacros(): { running: () => number } {
  const runner = t.services.macros.runner;
  const run = runner.run.bind(runner);
  let running = 0;
  vi.spyOn(runner, 'run').mockImplementation(async (call) => {
    const looping = call.macro.name === 'forever';
    if (looping) running++;
    try {
      return await run(call);
    } finally {
      if (looping) running--;
    }
  });
  return { running: () => running };
}

/** Asks /health one request after another until stopped; counts the answers that came while a looping macro ran. */
function probeHealth(loops: { running: () => number }): { stop: () => Promise<{ statuses: number[]; duringLoops: number }> } {
  const statuses: number[] = [];
  let duringLoops = 0;
  let stopped = false;
  const probing = (async () => {
    while (!stopped) {
      const res = await t.call('GET', '/health', { token: null });
      statuses.push(res.status);
      if (loops.running() > 0) duringLoops++;
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await probing;
      return { statuses, duringLoops };
    },
  };
}

describe('macro abuse under load', () => {
  it('holds the looping orders, places the rest, loses nothing and keeps answering', async () => {
    const saved = await t.call('PUT', '/v1/macros/forever', { body: { source: 'export function decide() { for (;;) {} }' } });
    expect(saved.status).toBe(200);
    const draft = (await t.call('GET', '/v1/policies/draft')).body.document;
    const rule = {
      name: 'loop-on-basil',
      priority: 5,
      conditions: { all: [{ fact: 'skus', operator: 'containsAny', value: ['SEED-BASIL'] }] },
      event: { type: 'run-macro', params: { macro: 'forever' } },
    };
    expect((await t.call('PUT', '/v1/policies/draft', { body: { rules: [...draft.rules, rule] } })).status).toBe(200);
    expect((await t.call('POST', '/v1/policies/publish')).status).toBe(200);

    const loops = watchLoopingMacros();
    const probe = probeHealth(loops);
    const results = await Promise.all(
      Array.from({ length: ORDERS }, async (_, i) => ({
        i,
        ...(await t.call('POST', '/v1/orders', { token: DEMO_KEYS.webshop, body: abuseOrder(i) })),
      })),
    );
    const health = await probe.stop();

    for (const { i, status, body } of results) {
      expect(status, `order ${i}`).toBe(201);
      if (isLooping(i)) {
        expect(body.status).toBe('on_hold');
        expect(body.holds).toEqual([
          expect.objectContaining({ reason: 'macro_failed', macro: 'forever', message: expect.stringContaining('timeout') }),
        ]);
        expect(body.fulfillments).toEqual([]);
      } else {
        expect(['routed', 'backordered'], `order ${i}: ${JSON.stringify(body.holds)}`).toContain(body.status);
      }
    }
    expect(
      results.filter(({ body }) => body.decision.trace.macros.some((m: { macro: string }) => m.macro !== 'forever')).length,
    ).toBeGreaterThan(0);

    const stored = await t.services.db.read((sql) =>
      sql.execute({ sql: "SELECT external_id, COUNT(*) AS n FROM orders WHERE external_id LIKE 'ABUSE-%' GROUP BY external_id", args: [] }),
    );
    expect(stored.rows).toHaveLength(ORDERS);
    for (const row of stored.rows) expect(Number(row.n), String(row.external_id)).toBe(1);
    expect((await checkInvariants(t.services.db)).violations).toEqual([]);

    expect(health.statuses.length).toBeGreaterThan(0);
    expect(health.statuses.every((status) => status === 200)).toBe(true);
    // The event loop turned while a macro was looping: a blocking call would allow no answer then.
    expect(health.duringLoops).toBeGreaterThan(0);
  }, 120_000);
});
