import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import { checkInvariants } from '../../server/services/invariants.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';

// Both drivers: the embedded one intake uses on a file (committing on the commit thread, as the
// server does, or on the main thread), and @libsql/client, which libSQL servers and Turso go through
// (none runs here, so the store's code meets that driver on a file).
describe.each([
  ['embedded', 'embedded', true],
  ['embedded (main-thread commits)', 'embedded', false],
  ['client', 'client', false],
] as const)('with the %s driver', (_name, driver, commitThread) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      driver,
      commitThread,
      warehouses: WAREHOUSES,
      products: PRODUCTS,
      channels: ['webshop'],
      stock: [
        { sku: 'TONGS', warehouseId: 'MAN', onHand: 6 },
        { sku: 'TONGS', warehouseId: 'BER', onHand: 4 },
        { sku: 'CD', warehouseId: 'MAN', onHand: 100 },
      ],
    });
  });
  afterAll(() => t.close());

  describe('racing for the last units', () => {
    it('reserves exactly the 10 units there are among 200 concurrent orders; the rest backorder', async () => {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          t.call('POST', '/v1/orders', { token: 'key-webshop', body: orderBody(`RACE-${i}`, [{ sku: 'TONGS', quantity: 1 }]) }),
        ),
      );
      expect(results.every((r) => r.status === 201)).toBe(true);
      const statuses = results.map((r) => r.body.status);
      expect(statuses.filter((s) => s === 'routed')).toHaveLength(10);
      expect(statuses.filter((s) => s === 'backordered')).toHaveLength(190);
      const inv = (await t.call('GET', '/v1/inventory/TONGS')).body;
      expect(inv.total).toEqual({ onHand: 10, reserved: 10, available: 0 });
      for (const l of inv.locations) expect(l.onHand - l.reserved).toBeGreaterThanOrEqual(0);
      const allocated = results
        .flatMap((r) => r.body.fulfillments)
        .reduce((n: number, f: { lines: { quantity: number }[] }) => n + (f.lines[0]?.quantity ?? 0), 0);
      expect(allocated).toBe(10);
      expect(await checkInvariants(t.services.db)).toMatchObject({ ok: true, violations: [] });
    });

    it('stores one order when the same order is posted many times at once', async () => {
      const body = orderBody('SAME-1', [{ sku: 'CD', quantity: 2 }]);
      const results = await Promise.all(Array.from({ length: 20 }, () => t.call('POST', '/v1/orders', { token: 'key-webshop', body })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 200)).toHaveLength(19);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect((await t.call('GET', '/v1/inventory/CD')).body.total.reserved).toBe(2);
    });
  });

  describe('the invariant check', () => {
    it('finds reserved stock that no allocation explains, and units no fulfillment or backorder holds', async () => {
      await t.services.db.client.execute(
        "UPDATE stock SET on_hand = on_hand + 5, reserved = reserved + 1 WHERE sku = 'CD' AND warehouse_id = 'MAN'",
      );
      await t.services.db.client.execute(
        "DELETE FROM fulfillment_lines WHERE rowid = (SELECT MIN(rowid) FROM fulfillment_lines WHERE sku = 'TONGS')",
      );
      const report = await checkInvariants(t.services.db);
      expect(report.ok).toBe(false);
      expect(report.violations.map((v) => v.kind).sort()).toEqual(['reserved_mismatch', 'reserved_mismatch', 'units_unaccounted']);
    });
  });
});
