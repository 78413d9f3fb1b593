// Shadow mode over real HTTP on a real temp database: a draft that sends tongs from Berlin shadows
// live orders (decided with no policy, so from Manchester). The shadow records each order once,
// with the live and candidate decisions, KPIs and coverage as a simulation shows them; it decides
// on the stock the live decision saw; it writes nothing live; two processes never count an order
// twice; a restart resumes from the cursor; a stopped shadow decides nothing more.
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../server/services/container.ts';
import { openDatabase, type Db } from '../../server/store/client.ts';
import { lastEventSeq } from '../../server/store/event-repo.ts';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
const web = 'key-webshop';
const others: { db: Db; services: Services }[] = [];

const DRAFT = {
  rules: [
    {
      name: 'tongs-from-berlin',
      conditions: { all: [{ fact: 'skus', operator: 'contains', value: 'TONGS' }] },
      event: { type: 'restrict-warehouses', params: { warehouses: ['BER'] } },
    },
    {
      name: 'tag-tongs',
      conditions: { all: [{ fact: 'skus', operator: 'contains', value: 'TONGS' }] },
      event: { type: 'run-macro', params: { macro: 'tag-tongs' } },
    },
    {
      name: 'antarctica',
      conditions: { all: [{ fact: 'destinationCountry', operator: 'equal', value: 'AQ' }] },
      event: { type: 'run-macro', params: { macro: 'polar' } },
    },
  ],
};

beforeAll(async () => {
  t = await startTestServer({
    warehouses: WAREHOUSES,
    products: PRODUCTS,
    channels: ['webshop'],
    stock: [
      { sku: 'TONGS', warehouseId: 'MAN', onHand: 50 },
      { sku: 'TONGS', warehouseId: 'BER', onHand: 50 },
      { sku: 'CD', warehouseId: 'MAN', onHand: 50 },
      { sku: 'CHARCOAL', warehouseId: 'MAN', onHand: 1 },
      { sku: 'CHARCOAL', warehouseId: 'BER', onHand: 10 },
    ],
  });
  t.services.shadows.worker.configure({ pollMs: 20 });
  const tag = 'export function decide() { return [{ type: "tag", params: { tag: "tongs" } }]; }';
  expect((await t.call('PUT', '/v1/macros/tag-tongs', { body: { source: tag } })).status).toBe(200);
  expect((await t.call('PUT', '/v1/macros/polar', { body: { source: 'export function decide() { return []; }' } })).status).toBe(200);
  expect((await t.call('PUT', '/v1/policies/draft', { body: DRAFT })).status).toBe(200);
});

afterAll(async () => {
  for (const o of others) {
    await o.services.dispose();
    await o.db.close();
  }
  await t.close();
});

/** Another app process on the same database file (its own shadow worker). */
async function anotherProcess(): Promise<Services> {
  const db = await openDatabase({ url: `file:${join(t.dir, 'test.db')}` });
  const services = await createServices({ db, log: pino({ level: 'silent' }), shadows: { pollMs: 20 } });
  others.push({ db, services });
  return services;
}

const place = async (externalId: string, lines: { sku: string; quantity: number }[]) => {
  const res = await t.call('POST', '/v1/orders', { token: web, body: orderBody(externalId, lines) });
  expect(res.status).toBe(201);
  return res.body;
};

/** Polls the shadow until it has recorded `orders` orders. */
async function caughtUp(id: string, orders: number, server = t) {
  const until = Date.now() + 30_000;
  for (;;) {
    const res = await server.call('GET', `/v1/shadows/${id}`);
    if (res.body.progress.orders >= orders || Date.now() > until) return res.body;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a shadow of the draft on live orders', () => {
  let id = '';
  const placed: Record<string, { id: string; fulfillments: { cost: { total: number } }[] }> = {};

  it('starts on the draft as it is now and refuses what does not exist', async () => {
    const bad = await t.call('POST', '/v1/shadows', { body: { candidate: 99 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'candidate', message: 'no policy version 99' }]);
    expect((await t.call('POST', '/v1/shadows', { body: { candidate: 'draft', extra: 1 } })).status).toBe(400);

    const res = await t.call('POST', '/v1/shadows', { body: { name: 'tongs from Berlin' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'tongs from Berlin',
      status: 'running',
      candidate: 'draft',
      policy: { version: null, rules: 3, macros: { 'tag-tongs': 1, polar: 1 } },
      progress: { orders: 0, changed: 0, skipped: 0, behind: 0 },
    });
    id = res.body.id;
    // The shadow keeps the draft it started with.
    expect((await t.call('PUT', '/v1/policies/draft', { body: { rules: [] } })).status).toBe(200);
  });

  it('records each order once, with a diff of exactly the orders whose decision changed', async () => {
    placed['W-1'] = await place('W-1', [{ sku: 'TONGS', quantity: 1 }]);
    placed['W-2'] = await place('W-2', [{ sku: 'CD', quantity: 1 }]);
    // Takes Manchester's last bag of charcoal: the candidate, on the stock live saw, takes it too.
    placed['W-3'] = await place('W-3', [{ sku: 'CHARCOAL', quantity: 1 }]);
    placed['W-4'] = await place('W-4', [
      { sku: 'TONGS', quantity: 2 },
      { sku: 'CD', quantity: 1 },
    ]);
    placed['W-5'] = await place('W-5', [{ sku: 'CHARCOAL', quantity: 1 }]);
    const lastLive = await t.services.db.read((sql) => lastEventSeq(sql));

    const shadow = await caughtUp(id, 5);
    expect(shadow.progress).toMatchObject({ orders: 5, changed: 2, skipped: 0, behind: 0 });
    const { result } = shadow;
    expect(result.variants.map((v: { name: string }) => v.name)).toEqual(['live', 'draft']);
    expect(result.history).toMatchObject({ orders: 5, replayed: 5, rejected: { orders: 0 } });
    expect(result.stock).toEqual({ exact: 5, approximate: 0 });
    expect(result.diff).toEqual([
      expect.objectContaining({ candidate: 'draft', index: 1, changed: 2, byChange: expect.objectContaining({ warehouses: 2 }) }),
    ]);
    expect(shadow.diff.items.map((i: { externalId: string }) => i.externalId)).toEqual(['W-1', 'W-4']);

    // The live KPIs are the live orders' own figures.
    const [live, draft] = result.variants;
    expect(live.kpis).toMatchObject({ orders: 5, routed: 5, backordered: 0 });
    const landed = Object.values(placed).reduce((n, o) => n + o.fulfillments.reduce((m, f) => m + f.cost.total, 0), 0);
    expect(live.kpis.cost.landed).toBe(landed);
    expect(live.kpis.warehouses.MAN.units).toBe(6);
    expect(live.kpis.warehouses.BER.units).toBe(1);
    // The draft sends tongs from Berlin and cannot ship W-4's CD from there.
    expect(draft.kpis).toMatchObject({ orders: 5, routed: 4, backordered: 1 });
    expect(draft.kpis.warehouses.BER.units).toBe(4);
    expect(result.tradeOff.map((p: { variant: string }) => p.variant)).toEqual(['live', 'draft']);
    // W-3 emptied Manchester's charcoal on both sides.
    expect(live.kpis.warehouses.MAN.stockOuts).toBe(1);
    expect(draft.kpis.warehouses.MAN.stockOuts).toBe(1);

    // Nothing live was written: no event after the orders' own, stock as the live orders left it.
    expect(await t.services.db.read((sql) => lastEventSeq(sql))).toBe(lastLive);
    const tongs = (await t.call('GET', '/v1/inventory/TONGS')).body.locations;
    expect(tongs.map((l: { warehouseId: string; reserved: number }) => [l.warehouseId, l.reserved]).sort()).toEqual([
      ['BER', 0],
      ['MAN', 3],
    ]);
    const w1 = await t.call('GET', `/v1/orders/${placed['W-1']?.id}`);
    expect(w1.body.fulfillments.map((f: { warehouseId: string }) => f.warehouseId)).toEqual(['MAN']);
  });

  it('shows rule and macro coverage: dead rules and macros that never ran', async () => {
    const { result } = (await t.call('GET', `/v1/shadows/${id}`)).body;
    const draft = result.variants[1];
    const rule = (name: string) => draft.rules.find((r: { rule: string }) => r.rule === name);
    expect(rule('tongs-from-berlin')).toMatchObject({ evaluated: 5, matched: 2 });
    expect(rule('antarctica')).toMatchObject({ evaluated: 5, matched: 0 });
    const macro = (name: string) => draft.macros.find((m: { macro: string }) => m.macro === name);
    expect(macro('tag-tongs')).toMatchObject({
      referenced: true,
      orders: 2,
      calls: 2,
      failures: 0,
      hooks: { decide: { calls: 2, failures: 0 } },
    });
    expect(macro('tag-tongs').meanDurationUs).toBeGreaterThan(0);
    expect(macro('polar')).toMatchObject({ referenced: true, orders: 0, calls: 0 });
    // Live runs no policy: no rules, no macros.
    expect(result.variants[0].rules).toEqual([]);
    expect(result.variants[0].macros).toEqual([]);
  });

  it('pages the diff with both traces and shows one order on both sides', async () => {
    const page = await t.call('GET', `/v1/shadows/${id}/diff?limit=1&offset=1`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ candidate: 'draft', total: 2, offset: 1, limit: 1 });
    const [item] = page.body.items;
    expect(item).toMatchObject({
      externalId: 'W-4',
      orderId: placed['W-4']?.id,
      changes: expect.arrayContaining(['status', 'warehouses']),
    });
    expect(item.baseline.status).toBe('routed');
    expect(item.candidate.status).toBe('backordered');
    expect(item.traces.baseline.routing).toBeDefined();
    expect(item.traces.candidate.rules.find((r: { name: string }) => r.name === 'tongs-from-berlin').result).toBe(true);

    const same = await t.call('GET', `/v1/shadows/${id}/orders/W-2`);
    expect(same.body.variants.map((v: { name: string; decision: { status: string } }) => [v.name, v.decision.status])).toEqual([
      ['live', 'routed'],
      ['draft', 'routed'],
    ]);
    expect(same.body.note).toContain('alike');
    expect((await t.call('GET', `/v1/shadows/${id}/orders/W-404`)).status).toBe(404);
  });

  it('never records an order twice when two processes work the shadow', async () => {
    await anotherProcess();
    for (let i = 6; i <= 15; i++) await place(`W-${i}`, [{ sku: i % 2 === 0 ? 'TONGS' : 'CD', quantity: 1 }]);
    const shadow = await caughtUp(id, 15);
    expect(shadow.progress).toMatchObject({ orders: 15, changed: 7 });
    expect(shadow.result.history.orders).toBe(15);
    expect(shadow.result.variants[1].kpis.orders).toBe(15);
    for (let i = 6; i <= 15; i++) expect((await t.call('GET', `/v1/shadows/${id}/orders/W-${i}`)).status).toBe(200);
  });

  it('resumes from its cursor after a restart, counting nothing twice', async () => {
    await t.services.shadows.worker.stop();
    for (const o of others) await o.services.shadows.worker.stop();
    for (let i = 16; i <= 18; i++) await place(`W-${i}`, [{ sku: 'TONGS', quantity: 1 }]);
    await new Promise((r) => setTimeout(r, 150));
    expect((await t.call('GET', `/v1/shadows/${id}`)).body.progress).toMatchObject({ orders: 15, behind: expect.any(Number) });

    await anotherProcess();
    const shadow = await caughtUp(id, 18);
    expect(shadow.progress).toMatchObject({ orders: 18, changed: 10, behind: 0 });
    expect(shadow.result.variants[0].kpis.orders).toBe(18);
    expect((await t.call('GET', `/v1/shadows/${id}/diff?limit=200`)).body.items).toHaveLength(10);
  });

  it('stops: orders placed afterwards are not decided; then it can be deleted', async () => {
    expect((await t.call('DELETE', `/v1/shadows/${id}`)).status).toBe(409);
    const stopped = await t.call('POST', `/v1/shadows/${id}/stop`, { body: {} });
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ status: 'stopped', stoppedBy: expect.any(String) });
    await place('W-19', [{ sku: 'TONGS', quantity: 1 }]);
    await new Promise((r) => setTimeout(r, 200));
    expect((await t.call('GET', `/v1/shadows/${id}`)).body.progress.orders).toBe(18);
    expect((await t.call('POST', `/v1/shadows/${id}/stop`, { body: {} })).status).toBe(409);
    const listed = (await t.call('GET', '/v1/shadows')).body.shadows;
    expect(listed.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([[id, 'stopped']]);
    expect((await t.call('DELETE', `/v1/shadows/${id}`)).status).toBe(204);
    expect((await t.call('GET', `/v1/shadows/${id}`)).status).toBe(404);
  });
});

describe('a shadow far behind the event log', () => {
  it("decides on today's stock plus what the order itself reserved, and says so", async () => {
    const u = await startTestServer({
      warehouses: WAREHOUSES,
      products: PRODUCTS,
      channels: ['webshop'],
      stock: [
        { sku: 'CHARCOAL', warehouseId: 'MAN', onHand: 1 },
        { sku: 'CHARCOAL', warehouseId: 'BER', onHand: 10 },
      ],
    });
    try {
      // Any event to read back is too many: every order is decided on the approximation.
      u.services.shadows.worker.configure({ pollMs: 20, maxEvents: 0 });
      expect((await u.call('PUT', '/v1/policies/draft', { body: { rules: [] } })).status).toBe(200);
      const { body } = await u.call('POST', '/v1/shadows', { body: {} });
      for (const externalId of ['X-1', 'X-2']) {
        const res = await u.call('POST', '/v1/orders', { token: web, body: orderBody(externalId, [{ sku: 'CHARCOAL', quantity: 1 }]) });
        expect(res.status).toBe(201);
      }
      const shadow = await caughtUp(body.id, 2, u);
      expect(shadow.result.stock).toEqual({ exact: 0, approximate: 2 });
      // X-1 took Manchester's last bag: with its own reservation back, the empty draft takes it too.
      expect(shadow.progress).toMatchObject({ orders: 2, changed: 0 });
      expect(shadow.result.variants[1].kpis.warehouses).toMatchObject({ MAN: { units: 1 }, BER: { units: 1 } });
    } finally {
      await u.close();
    }
  });
});
