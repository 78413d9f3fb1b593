// Intake's writes commit on the commit thread, in shared commits; if the thread dies, orders in
// flight fail (their fate unknown, so the channel retries with the same key) and later ones commit
// on the main thread. Nothing is lost or counted twice either way.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backorderHold, customerKey, newOrder } from '../../server/domain/order.ts';
import type { OrderInput } from '../../server/domain/types.ts';
import { checkInvariants } from '../../server/services/invariants.ts';
import { openDatabase } from '../../server/store/client.ts';
import { type IntakeFactsQuery, intakeFacts, intakeFactsMany, runQueries, type StoreOrderJob } from '../../server/store/procedures.ts';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';

describe('the commit thread', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      // The log is emptied past 1 MiB (a few hundred orders) rather than 32.
      walLimitBytes: 2 ** 20,
      warehouses: WAREHOUSES,
      products: PRODUCTS,
      channels: ['webshop'],
      stock: [
        { sku: 'CD', warehouseId: 'MAN', onHand: 1000 },
        { sku: 'TONGS', warehouseId: 'MAN', onHand: 1000 },
      ],
    });
  });
  afterAll(() => t.close());

  const post = (id: string, sku = 'CD') =>
    t.call('POST', '/v1/orders', { token: 'key-webshop', body: orderBody(id, [{ sku, quantity: 1 }]) });

  it('stores concurrent orders there, several to a commit', async () => {
    const { db } = t.services;
    expect(db.commitThread?.usable).toBe(true);
    const before = { ...db.writeStats };
    const results = await Promise.all(Array.from({ length: 120 }, (_, i) => post(`CT-${i}`)));
    expect(results.map((r) => r.status)).toEqual(Array(120).fill(201));
    const remote = db.writeStats.remoteWriters - before.remoteWriters;
    const commits = db.writeStats.batches - before.batches;
    expect(remote).toBe(120);
    expect(commits).toBeLessThan(120);
    // Stored and visible to the main thread's connection at once.
    const stored = await Promise.all(results.map((r) => t.call('GET', `/v1/orders/${r.body.id}`)));
    expect(stored.map((r) => r.status)).toEqual(Array(120).fill(200));
    expect((await t.call('GET', '/v1/inventory/CD')).body.total.reserved).toBe(120);
  });

  it('commits the rest of a batch in which an order is refused, and nothing of that one', async () => {
    const { db } = t.services;
    const reserved = async () => (await t.call('GET', '/v1/inventory/CD')).body.total.reserved as number;
    const before = await reserved();
    // The same order twice among others, at once: both are decided, and in their shared commit the
    // second is refused (already stored) after reserving its unit, then answers as the first.
    const ids = Array.from({ length: 30 }, (_, i) => `CT-REFUSED-${i}`);
    ids[20] = 'CT-REFUSED-10';
    const results = await Promise.all(ids.map((id) => post(id)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(29);
    expect([results[10]?.status, results[20]?.status].sort()).toEqual([200, 201]);
    expect(results[20]?.body.id).toBe(results[10]?.body.id);
    expect(await reserved()).toBe(before + 29);
    expect(await checkInvariants(db)).toMatchObject({ ok: true, violations: [] });
  });

  it('answers reads asked together as it answers each alone', async () => {
    const { db } = t.services;
    const customer = { id: 'CT-MANY-BUYER' };
    for (const id of ['CT-MANY-1', 'CT-MANY-2']) {
      const r = await t.call('POST', '/v1/orders', {
        token: 'key-webshop',
        body: orderBody(id, [{ sku: 'TONGS', quantity: 1 }], 'GB', { customer }),
      });
      expect(r.status).toBe(201);
    }
    const buyer = customerKey('webshop', customer);
    const queries: IntakeFactsQuery[] = [
      { channelId: 'webshop', externalId: 'CT-MANY-1', customerKey: buyer, skus: ['TONGS'] },
      { channelId: 'webshop', externalId: 'CT-NEVER-SENT', customerKey: buyer, skus: ['CD', 'TONGS'] },
      { channelId: 'webshop', externalId: 'CT-0', customerKey: null, skus: ['TONGS', 'CD', 'CD'] },
      { channelId: 'amazon', externalId: 'CT-MANY-2', customerKey: 'amazon:nobody', skus: ['NO-SUCH-SKU'] },
      { channelId: 'webshop', externalId: 'CT-MANY-2', customerKey: buyer, skus: [] },
    ];
    const comparable = (facts: Awaited<ReturnType<typeof intakeFacts>>) => ({
      ...facts,
      stock: [...facts.stock].map(([warehouse, counts]) => [warehouse, [...counts]]),
    });
    const alone = await db.read((sql) => Promise.all(queries.map((q) => intakeFacts(sql, q))));
    // Directly, so that a failing batched read cannot hide behind runQueries's answering each alone.
    const many = await db.read((sql) => intakeFactsMany(sql, queries));
    expect(many.map(comparable)).toEqual(alone.map(comparable));
    const together = await db.read((sql) =>
      runQueries(
        sql,
        queries.map((args) => ({ name: 'intakeFacts' as const, args })),
      ),
    );
    expect(together).toEqual(alone.map((value) => ({ ok: true, value })));
    expect(together.map((o) => (o.ok ? comparable(o.value as (typeof alone)[number]) : o))).toEqual(alone.map(comparable));
    expect(alone.map((f) => [f.key !== undefined, f.customerOrders])).toEqual([
      [true, 2],
      [false, 2],
      [true, 0],
      [false, 0],
      [true, 2],
    ]);
  });

  it('answers with the order it stored, and records where its units went', async () => {
    // Intake serialises an order once for the commit thread and the reply, around its decision; a
    // customer string that is the placeholder itself makes it serialise the order whole instead.
    for (const name of ['A. Buyer', '\u0000decision']) {
      const body = orderBody(`CT-STORED-${name.length}`, [{ sku: 'TONGS', quantity: 2 }]) as { shipTo: { name: string } };
      body.shipTo.name = name;
      const placed = await t.call('POST', '/v1/orders', { token: 'key-webshop', body });
      expect(placed.status).toBe(201);
      expect(placed.body.shipTo.name).toBe(name);
      const { events, ...stored } = (await t.call('GET', `/v1/orders/${placed.body.id}`)).body;
      expect(stored).toEqual(placed.body);
      const [fulfillment] = placed.body.fulfillments;
      expect(events.map((e: { type: string }) => e.type)).toEqual(['order.routed', 'inventory.reserved']);
      expect(events[0].data.fulfillments).toEqual([
        { id: fulfillment.id, warehouseId: 'MAN', lines: [{ sku: 'TONGS', quantity: 2 }], cost: fulfillment.cost.total },
      ]);
      expect(events[1].data.moves).toEqual([expect.objectContaining({ sku: 'TONGS', warehouseId: 'MAN', quantity: 2 })]);
    }
  });

  it('answers reads asked together, as one message, each with its own answer', async () => {
    const { db } = t.services;
    const placed = await post('CT-READS', 'TONGS');
    const facts = (externalId: string) => db.query('intakeFacts', { channelId: 'webshop', externalId, customerKey: null, skus: ['CD'] });
    const [stored, unknown, failed, stock] = await Promise.allSettled([
      facts('CT-READS'),
      facts('CT-NEVER'),
      db.query('no-such-read' as never, [] as never),
      db.query('availability', ['TONGS']),
    ]);
    expect(stored).toMatchObject({ status: 'fulfilled', value: { key: { id: placed.body.id } } });
    expect(unknown).toMatchObject({ status: 'fulfilled', value: { key: undefined } });
    expect(failed).toMatchObject({ status: 'rejected', reason: { message: 'no query named no-such-read' } });
    expect(stock.status === 'fulfilled' && stock.value.get('MAN')?.get('TONGS')).toEqual(expect.any(Number));
  });

  it('answers a repeated post with the stored order, and a changed body with 409', async () => {
    const first = await post('CT-REPEAT');
    const again = await post('CT-REPEAT');
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect((await post('CT-REPEAT', 'TONGS')).status).toBe(409);
  });

  it('keeps the write-ahead log bounded: checkpoints copy it beside the writer and empty it past the limit', async () => {
    const wal = () => statSync(join(t.dir, 'test.db-wal')).size;
    // About 4 KiB of log per order: well past the limit, which commits alone would never shrink.
    for (let round = 0; round < 4; round++) await Promise.all(Array.from({ length: 150 }, (_, i) => post(`CT-LOG-${round}-${i}`)));
    await expect.poll(wal, { timeout: 10_000 }).toBeLessThan(2 ** 20);
    const db = statSync(join(t.dir, 'test.db')).size;
    expect(db).toBeGreaterThan(600 * 3 * 2 ** 10);
  });

  it('answers a read sent during a commit between its writers, on what was committed before it', async () => {
    const { db } = t.services;
    const now = new Date().toISOString();
    // Orders waiting for stock (nothing reserved), a hundred lines each so that one commit of them
    // takes tens of milliseconds: the read is sure to come while it runs.
    const store = (i: number) => {
      const lines = Array.from({ length: 100 }, () => ({ sku: 'TONGS', quantity: 1 }));
      const input = orderBody(`CT-BETWEEN-${i}`, lines) as OrderInput;
      const holds = [backorderHold(lines)];
      const decision = { policyVersion: null, macros: {}, trace: {} };
      const order = newOrder({ id: `ord_between_${i}`, channelId: 'webshop', input, fulfillments: [], holds, tags: [], decision, now });
      const job: StoreOrderJob = { order, keys: { bodyHash: `between-${i}`, customerKey: null }, now };
      return db.call('storeOrder', job, JSON.stringify(order.decision));
    };
    const stored = (externalId: string) =>
      db.query('intakeFacts', { channelId: 'webshop', externalId, customerKey: null, skus: [] }).then((facts) => facts.key?.id);
    const settled: string[] = [];
    // Queued in one turn of the event loop, the writers go to the thread as one commit (64 at most),
    // and the read sent right behind them is answered between two of them, seeing none of it.
    const writes = Promise.all(Array.from({ length: 64 }, (_, i) => store(i))).then(() => settled.push('commit'));
    await new Promise((resolve) => setImmediate(resolve));
    const read = stored('CT-BETWEEN-0').then((id) => {
      settled.push('read');
      return id;
    });
    const [during] = await Promise.all([read, writes]);
    expect(settled).toEqual(['read', 'commit']);
    expect(during).toBeUndefined();
    expect(await stored('CT-BETWEEN-0')).toBe('ord_between_0');
  });

  it('goes on committing on the main thread once the thread is gone', async () => {
    const { db } = t.services;
    await db.commitThread?.terminate();
    expect(db.commitThread?.usable).toBe(false);
    const before = { ...db.writeStats };
    const reservedBefore = (await t.call('GET', '/v1/inventory/CD')).body.total.reserved as number;
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => post(`CT-AFTER-${i}`)));
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(201));
    expect(db.writeStats.remoteWriters).toBe(before.remoteWriters);
    expect(db.writeStats.writers - before.writers).toBeGreaterThanOrEqual(30);
    expect((await t.call('GET', '/v1/inventory/CD')).body.total.reserved).toBe(reservedBefore + 30);
    expect(await checkInvariants(db)).toMatchObject({ ok: true, violations: [] });
  });
});

describe('the commit thread under steady writes', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      // Above what this test writes, so the log is never emptied: only its starting over keeps it
      // small (from 1 MiB, an eighth of the limit, each batch waits for the checkpoint under way).
      walLimitBytes: 8 * 2 ** 20,
      warehouses: WAREHOUSES,
      products: PRODUCTS,
      channels: ['webshop'],
      stock: [{ sku: 'CD', warehouseId: 'MAN', onHand: 10_000 }],
    });
  });
  afterAll(() => t.close());

  it('copies the log into the database file beside the commits that follow, so it starts over rather than grows', async () => {
    const wal = () => statSync(join(t.dir, 'test.db-wal')).size;
    let largest = 0;
    const sample = setInterval(() => (largest = Math.max(largest, wal())), 5);
    try {
      // About 7.5 KiB of log per order, all at once: commits follow one another with no pause.
      const results = await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          t.call('POST', '/v1/orders', { token: 'key-webshop', body: orderBody(`STEADY-${i}`, [{ sku: 'CD', quantity: 1 }]) }),
        ),
      );
      expect(results.filter((r) => r.status !== 201)).toEqual([]);
    } finally {
      clearInterval(sample);
    }
    largest = Math.max(largest, wal());
    expect((await t.call('GET', '/v1/inventory/CD')).body.total.reserved).toBe(1000);
    // The orders wrote about 7.5 MiB of log, which a log that never starts over would hold whole;
    // a commit of 64 of them writes about 0.5 MiB.
    expect(statSync(join(t.dir, 'test.db')).size).toBeGreaterThan(2 * 2 ** 20);
    expect(largest).toBeLessThan(2 * 2 ** 20);
  });

  it('copies the log into the database file once commits pause, however few writers came before', async () => {
    const dbFile = join(t.dir, 'test.db');
    const modified = () => statSync(dbFile).mtimeMs;
    // What earlier writes left to copy is copied first: the file stops changing.
    let before = modified();
    for (let settled = 0; settled < 3; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = modified();
      settled = now === before ? settled + 1 : 0;
      before = now;
    }
    // Three writers, far fewer than a copy under load waits for: only the pause copies them.
    for (let i = 0; i < 3; i++) {
      const r = await t.call('POST', '/v1/orders', { token: 'key-webshop', body: orderBody(`PAUSE-${i}`, [{ sku: 'CD', quantity: 1 }]) });
      expect(r.status).toBe(201);
    }
    await expect.poll(modified, { timeout: 5_000 }).toBeGreaterThan(before);
  });
});

describe('closing the database', () => {
  it('answers the reads asked in the same turn before the commit thread closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'conveyor-close-'));
    try {
      const db = await openDatabase({ url: `file:${join(dir, 'close.db')}`, commitThread: true });
      expect(db.commitThread?.usable).toBe(true);
      const read = db.query('intakeFacts', { channelId: 'webshop', externalId: 'NONE', customerKey: null, skus: [] });
      await db.close();
      await expect(read).resolves.toMatchObject({ key: undefined, customerOrders: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
