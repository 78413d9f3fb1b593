// The simulations API over a real socket on the demo: jobs, progress, KPIs, diff paging, one
// order's traces, uploads in chunks, cancel, and the contract's errors and roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { generateOrders } from '../../server/simulate/generator.ts';
import type { TestServer } from '../support/server.ts';
import { settle, startSimulationServer } from './api-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startSimulationServer();
});
afterAll(() => t.close());

const ndjson = (count: number, seed: number) => [...generateOrders({ count, seed })].map((o) => JSON.stringify(o)).join('\n');
const noBerlin = { name: 'no-berlin', policy: 'published', disabledWarehouses: ['DE-BER'] };

describe('POST /v1/simulations', () => {
  it('runs a generated history in the background and shows progress, KPIs, the diff in pages and both traces of an order', async () => {
    const started = await t.call('POST', '/v1/simulations', {
      token: DEMO_KEYS.analyst,
      body: { name: 'berlin closed', orders: { source: 'generate', count: 300, seed: 4 }, candidates: [noBerlin] },
    });
    expect(started.status).toBe(202);
    const done = await settle(t, started.body.id);
    expect(done.body).toMatchObject({
      id: started.body.id,
      name: 'berlin closed',
      status: 'done',
      progress: { processed: 300, total: 300 },
      createdBy: 'demo analyst',
    });
    const [base, cand] = done.body.result.variants;
    expect(base.kpis.orders).toBe(300);
    expect(base.kpis.warehouses['DE-BER'].units).toBeGreaterThan(0);
    expect(cand.kpis.warehouses['DE-BER']).toBeUndefined();
    expect(done.body.result.tradeOff.map((p: { variant: string }) => p.variant)).toEqual(['baseline', 'no-berlin']);
    const changed = done.body.result.diff[0].changed;
    expect(changed).toBeGreaterThan(10);
    expect(done.body.diff).toMatchObject({ candidate: 'no-berlin', total: changed, offset: 0, limit: 20 });
    expect(done.body.diff.items[0].traces).toBeUndefined();

    const first = await t.call('GET', `/v1/simulations/${started.body.id}/diff?offset=0&limit=5`, { token: DEMO_KEYS.analyst });
    const second = await t.call('GET', `/v1/simulations/${started.body.id}/diff?offset=5&limit=5&candidate=no-berlin`);
    expect(first.body.items).toHaveLength(5);
    expect(second.body.items[0].seq).toBeGreaterThan(first.body.items[4].seq);
    const item = first.body.items[0];
    expect(item.baseline.shipments.some((s: { warehouseId: string }) => s.warehouseId === 'DE-BER')).toBe(true);
    expect(item.candidate.shipments.some((s: { warehouseId: string }) => s.warehouseId === 'DE-BER')).toBe(false);
    expect(item.traces.candidate.routing.candidates.map((c: { warehouseId: string }) => c.warehouseId)).not.toContain('DE-BER');

    const order = await t.call('GET', `/v1/simulations/${started.body.id}/orders/${item.externalId}`);
    expect(order.status).toBe(200);
    expect(order.body.variants.map((v: { name: string }) => v.name)).toEqual(['baseline', 'no-berlin']);
    expect(order.body.variants[0].trace.routing.strategy).toBeDefined();
    expect(order.body.variants[1].decision.items[0].sku).toBe(item.candidate.items[0].sku);

    const list = await t.call('GET', '/v1/simulations');
    expect(list.body.simulations[0]).toMatchObject({ id: started.body.id, status: 'done' });
    expect(list.body.simulations[0].result).toBeUndefined();
  });

  it('replays an uploaded history, inline or in chunks, and stores a chunk whole or not at all', async () => {
    const inline = await t.call('POST', '/v1/simulations', {
      body: { orders: { source: 'ndjson', data: ndjson(40, 8) }, baseline: 'published', candidates: [{ name: 'draft', policy: 'draft' }] },
    });
    expect(inline.status).toBe(202);
    expect(inline.body.historyId).toMatch(/^hist_/);
    expect((await settle(t, inline.body.id)).body).toMatchObject({ status: 'done', progress: { processed: 40, total: 40 } });

    const history = await t.call('POST', '/v1/simulation-histories', { token: DEMO_KEYS.analyst, body: { name: 'November' } });
    expect(history.status).toBe(201);
    const chunk = (raw: string) =>
      t.call('POST', `/v1/simulation-histories/${history.body.id}/orders`, { raw, headers: { 'content-type': 'application/x-ndjson' } });
    expect((await chunk(ndjson(30, 9))).body).toEqual({ received: 30, orders: 30 });
    const [good = ''] = ndjson(2, 10).split('\n');
    const bad = await chunk(`${good}\n\n{"externalId":"X","channelId":"webshop"}\n`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toMatch(/^line 3/);
    expect((await t.call('GET', `/v1/simulation-histories/${history.body.id}`)).body.orders).toBe(30);
    const stored = await t.call('POST', '/v1/simulations', {
      body: { orders: { source: 'stored', historyId: history.body.id }, candidates: [noBerlin] },
    });
    expect((await settle(t, stored.body.id)).body).toMatchObject({ status: 'done', progress: { processed: 30, total: 30 } });
  });

  it('starts from a stock snapshot when asked: with nothing in stock every order waits', async () => {
    const res = await t.call('POST', '/v1/simulations', {
      body: {
        orders: { source: 'generate', count: 20, seed: 2 },
        inventory: 'snapshot',
        snapshot: [{ sku: 'CD-BLUE', warehouseId: 'UK-MAN', onHand: 1 }],
        replenishments: [{ at: '2027-01-01T00:00:00Z', sku: 'CD-BLUE', warehouseId: 'UK-MAN', delta: 5 }],
        candidates: [noBerlin],
      },
    });
    const done = (await settle(t, res.body.id)).body;
    expect(done.request).toMatchObject({ inventory: 'snapshot', snapshot: { lines: 1 }, replenishments: { events: 1 } });
    const k = done.result.variants[0].kpis;
    expect(k.routed).toBeLessThanOrEqual(1);
    expect(k.backordered + k.onHold).toBeGreaterThanOrEqual(19);
  });

  it('runs two simulations at a time, refuses a third (409), and cancels a running one after its current page', async () => {
    const big = { orders: { source: 'generate', count: 200_000, seed: 1 }, candidates: [noBerlin] };
    const [a, b] = await Promise.all([t.call('POST', '/v1/simulations', { body: big }), t.call('POST', '/v1/simulations', { body: big })]);
    expect([a.status, b.status]).toEqual([202, 202]);
    const third = await t.call('POST', '/v1/simulations', { body: big });
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('conflict');
    for (const res of [a, b]) {
      const cancel = await t.call('POST', `/v1/simulations/${res.body.id}/cancel`, { token: DEMO_KEYS.analyst });
      expect(cancel.status).toBe(200);
      expect(cancel.body.cancelRequested).toBe(true);
    }
    for (const res of [a, b]) {
      const done = await settle(t, res.body.id);
      expect(done.body.status).toBe('cancelled');
      expect(done.body.progress.processed).toBeLessThan(200_000);
      expect(done.body.progress.total).toBe(200_000);
      expect(done.body.result.cancelled).toBe(true);
      expect((await t.call('POST', `/v1/simulations/${res.body.id}/cancel`)).status).toBe(409);
    }
  });

  it('deletes a finished simulation with everything it stored', async () => {
    const res = await t.call('POST', '/v1/simulations', {
      body: { orders: { source: 'generate', count: 30, seed: 5 }, candidates: [noBerlin] },
    });
    await settle(t, res.body.id);
    expect((await t.call('DELETE', `/v1/simulations/${res.body.id}`, { token: DEMO_KEYS.analyst })).status).toBe(204);
    expect((await t.call('GET', `/v1/simulations/${res.body.id}`)).status).toBe(404);
    const left = await t.services.db.client.execute({
      sql: 'SELECT COUNT(*) AS n FROM simulation_orders WHERE simulation_id = ?',
      args: [res.body.id],
    });
    expect(Number(left.rows[0]?.n)).toBe(0);
    expect((await t.call('DELETE', `/v1/simulations/${res.body.id}`)).status).toBe(404);
  });
});

describe('errors and roles', () => {
  const start = (body: unknown, token?: string) => t.call('POST', '/v1/simulations', { body, ...(token ? { token } : {}) });
  const orders = { source: 'generate', count: 10, seed: 1 };

  it('answers 400 with the path of each problem and starts nothing', async () => {
    const before = (await t.call('GET', '/v1/simulations')).body.simulations.length;
    const cases: [unknown, string][] = [
      [{ orders }, 'candidates'],
      [{ orders, candidates: [] }, 'candidates'],
      [{ orders, candidates: [noBerlin], extra: 1 }, '(root)'],
      [{ orders: { source: 'olist' }, candidates: [noBerlin] }, 'orders.source'],
      [{ orders, inventory: 'snapshot', candidates: [noBerlin] }, 'snapshot'],
      [{ orders, baseline: 99, candidates: [noBerlin] }, 'baseline'],
      [{ orders, candidates: [{ name: 'x', policy: 'published', disabledWarehouses: ['MARS'] }] }, 'candidates.0'],
      [{ orders, candidates: [{ name: 'baseline', policy: 'draft' }] }, 'candidates.0.name'],
      [{ orders: { source: 'ndjson', data: '{"nope":1}' }, candidates: [noBerlin] }, 'line 1'],
      [{ orders: { source: 'stored', historyId: 'hist_none' }, candidates: [noBerlin] }, 'orders.historyId'],
    ];
    for (const [body, path] of cases) {
      const res = await start(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.map((d: { path: string }) => d.path).join(' ')).toContain(path);
    }
    expect((await t.call('GET', '/v1/simulations')).body.simulations.length).toBe(before);
    expect((await t.call('POST', '/v1/simulations', { raw: 'not json', headers: { 'content-type': 'application/json' } })).status).toBe(
      400,
    );
  });

  it('answers 404 for unknown simulations, histories and orders, and 400 for an unknown candidate', async () => {
    expect((await t.call('GET', '/v1/simulations/sim_none')).status).toBe(404);
    expect((await t.call('GET', '/v1/simulation-histories/hist_none')).status).toBe(404);
    expect((await t.call('POST', '/v1/simulations/sim_none/cancel')).status).toBe(404);
    const res = await start({ orders, candidates: [noBerlin] });
    await settle(t, res.body.id);
    expect((await t.call('GET', `/v1/simulations/${res.body.id}/orders/NOPE`)).status).toBe(404);
    const diff = await t.call('GET', `/v1/simulations/${res.body.id}/diff?candidate=nope`);
    expect(diff.status).toBe(400);
    expect(diff.body.error.details[0]).toEqual({ path: 'candidate', message: 'choose one of no-berlin' });
  });

  it('lets admins and analysts in, refuses channels (403) and anonymous callers (401)', async () => {
    expect((await start({ orders, candidates: [noBerlin] }, DEMO_KEYS.webshop)).status).toBe(403);
    expect((await t.call('GET', '/v1/simulations', { token: DEMO_KEYS.amazon })).status).toBe(403);
    expect((await t.call('GET', '/v1/simulation-histories', { token: DEMO_KEYS.amazon })).body.error.code).toBe('forbidden');
    expect((await t.call('GET', '/v1/simulations', { token: null })).status).toBe(401);
    expect((await t.call('GET', '/v1/simulations', { token: DEMO_KEYS.analyst })).status).toBe(200);
  });
});
