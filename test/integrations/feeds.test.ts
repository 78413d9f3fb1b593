// ERP and WMS inventory feeds over HTTP: CSV and JSON, snapshots and adjustments, atomic and best
// effort, complete snapshots, the reserved-stock guard and the backorders a feed releases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ demo: true });
});
afterAll(() => t.close());

const feed = (query: string, body: { csv?: string; json?: unknown }, token?: string) =>
  body.csv !== undefined
    ? t.call('POST', `/v1/feeds/inventory?${query}`, {
        raw: body.csv,
        headers: { 'content-type': 'text/csv' },
        ...(token ? { token } : {}),
      })
    : t.call('POST', `/v1/feeds/inventory?${query}`, { body: body.json, ...(token ? { token } : {}) });

async function level(sku: string, warehouseId: string) {
  const res = await t.call('GET', `/v1/inventory/${sku}`);
  return res.body.locations.find((l: { warehouseId: string }) => l.warehouseId === warehouseId) ?? { onHand: 0, reserved: 0 };
}

describe('inventory feeds', () => {
  it('sets on-hand from a CSV snapshot and reports each row with its number', async () => {
    const res = await feed('format=csv&kind=snapshot&mode=atomic', {
      csv: 'sku,warehouse_id,on_hand\nCD-BLUE,UK-MAN,140\nSHEARS,DE-BER,33\n',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'snapshot', mode: 'atomic', received: 2, applied: 2, failed: 0, errors: [] });
    expect(res.body.results[1]).toMatchObject({ row: 2, line: 3, sku: 'SHEARS', warehouseId: 'DE-BER', after: 33 });
    expect((await level('CD-BLUE', 'UK-MAN')).onHand).toBe(140);
  });

  it('applies nothing from an atomic feed with a bad row, naming row and field', async () => {
    const before = await level('CD-BLUE', 'UK-MAN');
    const res = await feed('format=csv&kind=snapshot', {
      csv: 'SKU,Location,Qty\nCD-BLUE,UK-MAN,1\nNO-SUCH,UK-MAN,4\nSHEARS,UK-MAN,many\n',
    });
    expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    expect(res.body.error.details).toEqual([
      { path: 'rows.2.SKU', message: 'unknown SKU NO-SUCH' },
      { path: 'rows.3.Qty', message: '"many" is not a whole number' },
    ]);
    expect(res.body.report).toMatchObject({ applied: 0, failed: 2 });
    expect(await level('CD-BLUE', 'UK-MAN')).toEqual(before);
  });

  it('applies the valid rows of a best-effort feed in one call and reports the rest', async () => {
    const res = await feed('format=csv&kind=adjustment&mode=best_effort', {
      csv: 'sku,warehouse,delta\nCD-BLUE,UK-MAN,+5\nCD-BLUE,XX-NOPE,1\nSHEARS,DE-BER,-3\n,UK-MAN,1\n',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 4, applied: 2, failed: 2 });
    expect(res.body.errors).toEqual([
      { row: 2, line: 3, field: 'warehouse', sku: 'CD-BLUE', warehouseId: 'XX-NOPE', message: 'unknown warehouse XX-NOPE' },
      { row: 4, line: 5, field: 'sku', warehouseId: 'UK-MAN', message: 'a SKU is required' },
    ]);
    expect((await level('CD-BLUE', 'UK-MAN')).onHand).toBe(145);
    expect((await level('SHEARS', 'DE-BER')).onHand).toBe(30);
  });

  it('takes JSON rows for snapshots and adjustments, with the reason recorded', async () => {
    const snap = await feed('kind=snapshot', {
      json: { reason: 'WMS nightly', rows: [{ sku: 'LOPPERS', warehouseId: 'US-NJ', onHand: 12 }] },
    });
    expect(snap.body.results).toEqual([{ row: 1, sku: 'LOPPERS', warehouseId: 'US-NJ', before: expect.any(Number), after: 12 }]);
    const adj = await feed('kind=adjustment&mode=best_effort', {
      json: {
        rows: [
          { sku: 'LOPPERS', warehouseId: 'US-NJ', delta: -2 },
          { sku: 'LOPPERS', warehouseId: 'US-NJ', onHand: 3 },
        ],
      },
    });
    expect(adj.body).toMatchObject({
      applied: 1,
      failed: 1,
      errors: [{ row: 2, field: 'onHand', message: expect.stringContaining('delta') }],
    });
    expect((await level('LOPPERS', 'US-NJ')).onHand).toBe(10);
  });

  it('never sets on-hand below what is reserved: 409 when atomic, a row error when best effort', async () => {
    const placed = await t.call('POST', '/v1/orders', {
      token: DEMO_KEYS.webshop,
      body: orderBody('FEED-1', [{ sku: 'BBQ-TONGS', quantity: 4 }]),
    });
    const warehouseId = placed.body.fulfillments[0].warehouseId as string;
    const csv = `sku,warehouse_id,on_hand\nBBQ-TONGS,${warehouseId},2\nSHEARS,${warehouseId},50\n`;
    const atomic = await feed('format=csv&kind=snapshot', { csv });
    expect([atomic.status, atomic.body.error.code, atomic.body.error.details]).toEqual([
      409,
      'conflict',
      [{ path: 'rows.1.on_hand', message: '2 on hand but 4 reserved for open orders' }],
    ]);
    const best = await feed('format=csv&kind=snapshot&mode=best_effort', { csv });
    expect(best.body).toMatchObject({ applied: 1, failed: 1, errors: [{ row: 1, field: 'on_hand', reserved: 4 }] });
    expect(await level('BBQ-TONGS', warehouseId)).toMatchObject({ reserved: 4 });
    expect((await level('SHEARS', warehouseId)).onHand).toBe(50);
  });

  it('zeroes what a complete snapshot of a warehouse leaves out, except units reserved for orders', async () => {
    const placed = await t.call('POST', '/v1/orders', {
      token: DEMO_KEYS.webshop,
      body: orderBody('FEED-2', [{ sku: 'SEED-BASIL', quantity: 2 }], 'DE'),
    });
    const warehouseId = placed.body.fulfillments[0].warehouseId as string;
    const res = await feed(`kind=snapshot&mode=best_effort&complete=true&warehouseId=${warehouseId}`, {
      json: {
        rows: [
          { sku: 'CD-BLUE', warehouseId, onHand: 7 },
          { sku: 'SHEARS', onHand: 8 },
          { sku: 'SHEARS', warehouseId: 'US-NJ', onHand: 1 },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([
      {
        row: 3,
        field: 'warehouseId',
        sku: 'SHEARS',
        warehouseId: 'US-NJ',
        message: `a complete snapshot of ${warehouseId} lists only that warehouse`,
      },
      { row: null, field: 'onHand', sku: 'SEED-BASIL', warehouseId, reserved: 2, message: expect.stringContaining('left at') },
    ]);
    const stock = (await t.call('GET', `/v1/warehouses/${warehouseId}/inventory`)).body.levels as { sku: string; onHand: number }[];
    const onHand = Object.fromEntries(stock.map((l) => [l.sku, l.onHand]));
    expect(onHand['CD-BLUE']).toBe(7);
    expect(onHand.SHEARS).toBe(8);
    expect(onHand['SEED-BASIL']).toBeGreaterThan(0);
    expect(stock.filter((l) => !['CD-BLUE', 'SHEARS', 'SEED-BASIL'].includes(l.sku)).every((l) => l.onHand === 0)).toBe(true);
    expect(res.body.results.filter((r: { row: number | null }) => r.row === null).length).toBeGreaterThan(10);
  });

  it('releases backordered orders when a feed brings stock', async () => {
    const placed = await t.call('POST', '/v1/orders', {
      token: DEMO_KEYS.webshop,
      body: orderBody('FEED-3', [{ sku: 'SHED-6X4', quantity: 60 }]),
    });
    expect(placed.body.status).toBe('backordered');
    await feed('kind=adjustment', { json: { rows: [{ sku: 'SHED-6X4', warehouseId: 'UK-MAN', delta: 100 }] } });
    await t.services.broker.settled();
    expect((await t.call('GET', `/v1/orders/${placed.body.id}`)).body.status).toBe('routed');
  });

  it('refuses bad queries, non-CSV text and callers that are not admins', async () => {
    expect((await feed('kind=stocktake', { json: { rows: [] } })).status).toBe(400);
    const incomplete = await feed('kind=snapshot&complete=true', { json: { rows: [] } });
    expect(incomplete.body.error.details).toEqual([{ path: 'complete', message: expect.stringContaining('warehouseId') }]);
    expect((await feed('format=csv&kind=snapshot', { csv: 'sku,warehouse_id,on_hand\n"CD-BLUE,UK-MAN,1\n' })).body.error.message).toBe(
      'the feed is not valid CSV',
    );
    const empty = await feed('format=csv&kind=snapshot&complete=true&warehouseId=UK-MAN', { csv: 'sku,on_hand\n' });
    expect([empty.status, empty.body.error.details]).toEqual([400, [{ path: 'rows', message: 'list at least one row' }]]);
    expect((await feed('kind=snapshot', { json: { rows: [] } }, DEMO_KEYS.analyst)).status).toBe(403);
    expect((await feed('kind=snapshot', { json: { rows: [] } }, DEMO_KEYS.webshop)).status).toBe(403);
  });
});
