// Routing settings over HTTP: analysts read them, admins change them (validated, versioned, reset),
// and a change reaches the next routed order: the split penalty, and the duty table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../server/domain/types.ts';
import { PRODUCTS } from '../support/network.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';

// Three British warehouses, each 2 days from any GB address: two cheap ones holding one SKU each,
// one dear one holding both; and a German one holding CDs, so a CD to GB crosses a customs border.
const warehouse = (id: string, country: string, rates: Warehouse['rates']): Warehouse => ({
  id,
  name: id,
  country,
  lat: 0,
  lon: 0,
  capabilities: ['packet', 'parcel'],
  handlingCost: 100,
  cutoffHour: 16,
  rates,
});
const parcel = (baseCost: number) => ({
  carrier: 'parcel-co',
  service: 'standard' as const,
  shippingClass: 'parcel' as const,
  to: ['GB'],
  baseCost,
  perKg: 0,
  transitDays: 2,
});
const WAREHOUSES = [
  warehouse('TONGS-ONLY', 'GB', [parcel(300)]),
  warehouse('CHARCOAL-ONLY', 'GB', [parcel(300)]),
  warehouse('BOTH', 'GB', [parcel(1100)]),
  warehouse('BERLIN', 'DE', [{ ...parcel(400), shippingClass: 'packet' }]),
];
const STOCK = [
  { sku: 'TONGS', warehouseId: 'TONGS-ONLY', onHand: 50 },
  { sku: 'CHARCOAL', warehouseId: 'CHARCOAL-ONLY', onHand: 50 },
  { sku: 'TONGS', warehouseId: 'BOTH', onHand: 50 },
  { sku: 'CHARCOAL', warehouseId: 'BOTH', onHand: 50 },
  { sku: 'CD', warehouseId: 'BERLIN', onHand: 50 },
];

let t: TestServer;
let analyst = '';
let seq = 0;
const place = async (lines: { sku: string; quantity: number }[]) => {
  const res = await t.call('POST', '/v1/orders', { token: 'key-webshop', body: orderBody(`SET-${++seq}`, lines) });
  expect(res.status).toBe(201);
  return res.body;
};
const barbecue = [
  { sku: 'TONGS', quantity: 1 },
  { sku: 'CHARCOAL', quantity: 1 },
];

beforeAll(async () => {
  t = await startTestServer({ warehouses: WAREHOUSES, products: PRODUCTS, channels: ['webshop'], stock: STOCK });
  analyst = (await t.services.access.createToken({ role: 'analyst', name: 'Ops analyst' })).token;
});
afterAll(() => t.close());

describe('routing settings', () => {
  it('shows an analyst the defaults before anything is changed', async () => {
    const res = await t.call('GET', '/v1/settings/routing', { token: analyst });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 0, overrides: {}, updatedAt: null, updatedBy: null });
    expect(res.body.settings).toMatchObject({
      splitPenalty: 250,
      promisedDays: { economy: 10, standard: 4, express: 2, next_day: 1 },
      costPerDayLate: { standard: 200 },
      lookahead: { horizonDays: 3, costPerUnitShort: 150 },
    });
    expect(res.body.settings.duties.rules.GB).toMatchObject({ vatRateBp: 2000, dutyDeMinimis: 13_500 });
    expect(res.body.settings.duties.unions.DE).toBe('EU');
  });

  it('refuses bad values with the path of each, and changes nothing', async () => {
    const res = await t.call('PUT', '/v1/settings/routing', {
      body: {
        splitPenalty: -5,
        promisedDays: { standard: 3, overnight: 1 },
        costPerDayLate: { express: 2.5 },
        duties: { rules: { GB: { dutyRateBp: 20_000, vatRateBp: 2000, label: 'GB' } }, unions: { de: 'EU' } },
        lookahead: { horizonDays: -1 },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'splitPenalty',
        'promisedDays',
        'costPerDayLate.express',
        'duties.rules.GB.dutyRateBp',
        'duties.rules.GB.dutyDeMinimis',
        'duties.unions.de',
        'lookahead.horizonDays',
      ]),
    );
    expect(res.body.error.details.find((d: { path: string }) => d.path === 'promisedDays').message).toContain('overnight');
    const after = await t.call('GET', '/v1/settings/routing');
    expect(after.body).toMatchObject({ version: 0, overrides: {} });
    expect((await t.call('GET', '/v1/settings/routing/history')).body.versions).toEqual([]);
  });

  it('lets only admins change or reset them', async () => {
    expect((await t.call('PUT', '/v1/settings/routing', { token: analyst, body: { splitPenalty: 0 } })).status).toBe(403);
    expect((await t.call('DELETE', '/v1/settings/routing', { token: analyst })).status).toBe(403);
    expect((await t.call('PUT', '/v1/settings/routing', { token: null, body: { splitPenalty: 0 } })).status).toBe(401);
    expect((await t.call('GET', '/v1/settings/routing', { token: 'key-webshop' })).status).toBe(403);
    expect((await t.call('GET', '/v1/settings/routing')).body.version).toBe(0);
  });

  it('makes an order take one dearer warehouse instead of a split once splits cost enough', async () => {
    const split = await place(barbecue);
    expect(split.fulfillments.map((f: { warehouseId: string }) => f.warehouseId).sort()).toEqual(['CHARCOAL-ONLY', 'TONGS-ONLY']);
    expect(split.decision.trace.routing.objective).toMatchObject({ landed: 800, splitPenalty: 250, total: 1050 });

    const put = await t.call('PUT', '/v1/settings/routing', { body: { splitPenalty: 1000 } });
    expect(put.status).toBe(200);
    const me = await t.call('GET', '/v1/me');
    expect(put.body).toMatchObject({ version: 1, overrides: { splitPenalty: 1000 }, updatedBy: me.body.name });
    expect(put.body.settings.splitPenalty).toBe(1000);

    const single = await place(barbecue);
    expect(single.fulfillments.map((f: { warehouseId: string }) => f.warehouseId)).toEqual(['BOTH']);
    expect(single.decision.trace.routing.objective).toMatchObject({ landed: 1200, splitPenalty: 0, total: 1200 });
    const preview = await t.call('POST', '/v1/dry-run', { body: { order: { ...orderBody('SET-DRY', barbecue), channelId: 'webshop' } } });
    expect(preview.body.fulfillments.map((f: { warehouseId: string }) => f.warehouseId)).toEqual(['BOTH']);
  });

  it('merges a partial change into what is there', async () => {
    const res = await t.call('PUT', '/v1/settings/routing', {
      body: { promisedDays: { express: 3 }, lookahead: { costPerUnitShort: 90 } },
    });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({
      splitPenalty: 1000,
      promisedDays: { economy: 10, standard: 4, express: 3, next_day: 1 },
      lookahead: { horizonDays: 3, costPerUnitShort: 90 },
    });
    expect(res.body.overrides).toEqual({ splitPenalty: 1000, promisedDays: { express: 3 }, lookahead: { costPerUnitShort: 90 } });
  });

  it('charges no import VAT once a zero-rate duty rule stands for the destination', async () => {
    const taxed = await place([{ sku: 'CD', quantity: 1 }]);
    expect(taxed.fulfillments[0]).toMatchObject({ warehouseId: 'BERLIN', crossBorder: true, cost: { duties: 200, total: 700 } });

    const zero = { dutyDeMinimis: 0, dutyRateBp: 0, vatDeMinimis: 0, vatRateBp: 0, label: 'GB: no duty or VAT (test)' };
    const put = await t.call('PUT', '/v1/settings/routing', { body: { duties: { rules: { GB: zero } } } });
    expect(put.status).toBe(200);
    expect(put.body.settings.duties.rules.GB).toEqual(zero);
    expect(put.body.settings.duties.rules.US).toBeDefined();

    const free = await place([{ sku: 'CD', quantity: 1 }]);
    expect(free.fulfillments[0]).toMatchObject({ warehouseId: 'BERLIN', cost: { duties: 0, total: 500 } });
  });

  it('keeps every version with who changed what, and resets to the defaults as a version too', async () => {
    const reset = await t.call('DELETE', '/v1/settings/routing');
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ version: 4, overrides: {}, settings: { splitPenalty: 250 } });
    expect(reset.body.settings.duties.rules.GB.vatRateBp).toBe(2000);
    const history = await t.call('GET', '/v1/settings/routing/history?limit=10', { token: analyst });
    expect(history.body.versions.map((v: { version: number; change: unknown }) => [v.version, v.change])).toEqual([
      [4, null],
      [3, { duties: { rules: { GB: expect.any(Object) } } }],
      [2, { promisedDays: { express: 3 }, lookahead: { costPerUnitShort: 90 } }],
      [1, { splitPenalty: 1000 }],
    ]);
    const again = await place(barbecue);
    expect(again.fulfillments).toHaveLength(2);
  });

  it('runs a simulation with the settings in force when it starts', async () => {
    const simulate = async () => {
      const orders = [1, 2].map((i) => JSON.stringify({ ...orderBody(`SIM-${i}`, barbecue), channelId: 'webshop' })).join('\n');
      const started = await t.call('POST', '/v1/simulations', {
        body: {
          orders: { source: 'ndjson', data: orders },
          inventory: 'snapshot',
          snapshot: STOCK,
          candidates: [{ name: 'same', policy: 'published' }],
        },
      });
      expect(started.status).toBe(202);
      for (let i = 0; i < 200; i++) {
        const sim = await t.call('GET', `/v1/simulations/${started.body.id}`);
        if (sim.body.status !== 'running') return sim.body.result.variants[0].kpis;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the simulation did not finish');
    };
    expect((await simulate()).splitRate).toBe(1);
    await t.call('PUT', '/v1/settings/routing', { body: { splitPenalty: 1000 } });
    expect((await simulate()).splitRate).toBe(0);
  });

  it('prices the candidates a score macro sees with the settings in force', async () => {
    const source = `import type { ScoreInput, ScoreResult } from '../../sandbox/macro-api.d.ts';
export function score(input: ScoreInput): ScoreResult {
  console.log(input.candidates.map((c) => c.warehouseId + ':' + c.cost.total).join(','));
  return {};
}`;
    expect((await t.call('PUT', '/v1/macros/echo-costs', { body: { source } })).status).toBe(200);
    const rule = { name: 'echo', conditions: { all: [{ fact: 'channel', operator: 'equal', value: 'webshop' }] } };
    const draft = await t.call('PUT', '/v1/policies/draft', {
      body: { rules: [{ ...rule, event: { type: 'run-macro', params: { macro: 'echo-costs' } } }] },
    });
    expect(draft.status).toBe(200);
    const seen = async () => {
      const order = { ...orderBody('SET-SCORE', [{ sku: 'CD', quantity: 1 }]), channelId: 'webshop' };
      const res = await t.call('POST', '/v1/dry-run', { body: { order, policy: 'draft' } });
      expect(res.status).toBe(200);
      const call = res.body.decision.trace.macros.find((m: { hook: string }) => m.hook === 'score');
      return call.logs[0];
    };
    await t.call('DELETE', '/v1/settings/routing');
    expect(await seen()).toBe('BERLIN:700');
    const zero = { dutyDeMinimis: 0, dutyRateBp: 0, vatDeMinimis: 0, vatRateBp: 0, label: 'GB: none (test)' };
    expect((await t.call('PUT', '/v1/settings/routing', { body: { duties: { rules: { GB: zero } } } })).status).toBe(200);
    expect(await seen()).toBe('BERLIN:500');
    await t.call('DELETE', '/v1/settings/routing');
  });
});
