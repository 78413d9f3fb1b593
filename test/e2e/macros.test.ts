import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
const web = DEMO_KEYS.webshop;
beforeAll(async () => {
  t = await startTestServer({ demo: true });
});
afterAll(() => t.close());

const publishWith = async (rules: unknown[]) => {
  const draft = (await t.call('GET', '/v1/policies/draft')).body.document;
  const saved = await t.call('PUT', '/v1/policies/draft', { body: { rules: [...draft.rules, ...rules] } });
  expect(saved.status).toBe(200);
  return (await t.call('POST', '/v1/policies/publish')).body.version as number;
};

describe('macros over HTTP', () => {
  it('packs 4 L + 2 L + 2 L + 2 L of liquids into the minimum three parcels, none above 5 L', async () => {
    const res = await t.call('POST', '/v1/orders', {
      token: web,
      body: orderBody('LIQ-1', [
        { sku: 'OIL-RAPESEED-4L', quantity: 1 },
        { sku: 'OIL-RAPESEED-2L', quantity: 2 },
        { sku: 'FEED-LAWN-2L', quantity: 1 },
      ]),
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('routed');
    const packages = res.body.fulfillments.flatMap((f: { packages: unknown[] }) => f.packages);
    expect(packages).toHaveLength(3);
    for (const p of packages) expect(p.volumeLitres).toBeLessThanOrEqual(5);
    expect(res.body.decision.macros).toEqual({ 'split-liquids': 1 });
    expect(res.body.decision.trace.macros[0]).toMatchObject({ macro: 'split-liquids', hook: 'pack', ok: true });
    // Three parcels cost three carrier charges: the price follows the packing.
    const f = res.body.fulfillments[0];
    expect(f.cost.shipping).toBeGreaterThan(3 * 400);
  });

  it('saves a macro as a new version, or answers 400 with line and column when it does not compile', async () => {
    const ok = await t.call('PUT', '/v1/macros/tag-big', {
      token: DEMO_KEYS.analyst,
      body: { source: 'export function decide() { return [{ type: "tag", params: { tag: "big" } }]; }' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ name: 'tag-big', version: 1, hooks: ['decide'], diagnostics: [] });
    const again = await t.call('PUT', '/v1/macros/tag-big', { body: { source: 'export function decide() { return []; }' } });
    expect(again.body.version).toBe(2);
    const bad = await t.call('PUT', '/v1/macros/tag-big', { body: { source: 'export function decide() {\n  return [;\n}' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.diagnostics[0]).toMatchObject({ line: 2, column: expect.any(Number), message: expect.any(String) });
    expect((await t.call('GET', '/v1/macros/tag-big')).body.version).toBe(2);
    const listed = (await t.call('GET', '/v1/macros')).body.macros.map((m: { name: string }) => m.name);
    expect(listed).toEqual(['keep-last-units', 'pallet-vs-parcel', 'split-liquids', 'tag-big']);
    expect((await t.call('GET', '/v1/macros/tag-big/versions')).body.versions).toHaveLength(2);
  });

  it('serves the macro API types and runs a hook on a sample input', async () => {
    const dts = await fetch(`${t.url}/v1/macro-api.d.ts`, { headers: { authorization: `Bearer ${DEMO_KEYS.analyst}` } });
    expect(await dts.text()).toContain('export interface PackInput');
    const run = await t.call('POST', '/v1/macros/split-liquids/run', {
      body: {
        hook: 'pack',
        input: {
          order: {
            id: 'o',
            externalId: 'x',
            channelId: 'webshop',
            placedAt: '2026-11-24T10:00:00Z',
            serviceLevel: 'standard',
            shipTo: { country: 'GB' },
            lines: [],
          },
          fulfillment: {
            warehouseId: 'UK-MAN',
            lines: [
              {
                sku: 'OIL-OLIVE-5L',
                quantity: 2,
                product: { weightKg: 4.8, volumeLitres: 5, shippingClass: 'parcel', liquid: true, hazardous: false },
              },
            ],
          },
        },
      },
    });
    expect(run.body).toMatchObject({ ok: true, value: [expect.anything(), expect.anything()] });
  });

  it('holds the order with macro_failed when a macro loops forever, and keeps serving', async () => {
    const loop = await t.call('PUT', '/v1/macros/forever', { body: { source: 'export function decide() { for (;;) {} }' } });
    expect(loop.status).toBe(200);
    await publishWith([
      {
        name: 'loop-on-store',
        priority: 5,
        conditions: { all: [{ fact: 'channel', operator: 'equal', value: 'store' }] },
        event: { type: 'run-macro', params: { macro: 'forever' } },
      },
    ]);
    const held = await t.call('POST', '/v1/orders', {
      token: DEMO_KEYS.store,
      body: orderBody('LOOP-1', [{ sku: 'CD-BLUE', quantity: 1 }]),
    });
    expect(held.status).toBe(201);
    expect(held.body.status).toBe('on_hold');
    expect(held.body.holds).toEqual([
      expect.objectContaining({ reason: 'macro_failed', macro: 'forever', message: expect.stringContaining('timeout') }),
    ]);
    expect(held.body.fulfillments).toEqual([]);
    const events = (await t.call('GET', `/v1/orders/${held.body.id}`)).body.events;
    expect(events[0]).toMatchObject({ type: 'order.on_hold' });
    const fine = await t.call('POST', '/v1/orders', { token: web, body: orderBody('AFTER-LOOP', [{ sku: 'CD-BLUE', quantity: 1 }]) });
    expect(fine.body.status).toBe('routed');
    expect((await t.call('GET', '/health', { token: null })).status).toBe(200);
  });

  it('refuses to delete a macro the draft policy runs', async () => {
    expect((await t.call('DELETE', '/v1/macros/split-liquids')).status).toBe(409);
    expect((await t.call('DELETE', '/v1/macros/tag-big')).status).toBe(204);
    expect((await t.call('GET', '/v1/macros/tag-big')).status).toBe(404);
  });
});
