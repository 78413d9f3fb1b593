// Intake's writes commit on the commit thread, in shared commits; if the thread dies, orders in
// flight fail (their fate unknown, so the channel retries with the same key) and later ones commit
// on the main thread. Nothing is lost or counted twice either way.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../server/services/invariants.ts';
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

  it('goes on committing on the main thread once the thread is gone', async () => {
    const { db } = t.services;
    await db.commitThread?.terminate();
    expect(db.commitThread?.usable).toBe(false);
    const before = { ...db.writeStats };
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => post(`CT-AFTER-${i}`)));
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(201));
    expect(db.writeStats.remoteWriters).toBe(before.remoteWriters);
    expect(db.writeStats.writers - before.writers).toBeGreaterThanOrEqual(30);
    expect((await t.call('GET', '/v1/inventory/CD')).body.total.reserved).toBe(751);
    expect(await checkInvariants(db)).toMatchObject({ ok: true, violations: [] });
  });
});
