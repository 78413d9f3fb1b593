// Every sample policy changes a real order's routing the way its name says: each is saved as the
// draft and the same order is dry-run under it and under an empty published policy, over HTTP.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WAREHOUSES } from '../../server/demo/network.ts';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
let empty: number;
const sample = (file: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../rules-samples/policies', file), 'utf8'));

beforeAll(async () => {
  t = await startTestServer({ demo: true });
  await t.call('PUT', '/v1/policies/draft', { body: { rules: [] } });
  empty = (await t.call('POST', '/v1/policies/publish')).body.version;
});
afterAll(() => t.close());

type Order = ReturnType<typeof orderBody> & { channelId?: string };
async function compare(file: string, order: Order) {
  const draft = await t.call('PUT', '/v1/policies/draft', { body: sample(file) });
  expect(draft.status).toBe(200);
  const body = { ...order, channelId: order.channelId ?? 'webshop' };
  const [withPolicy, without] = await Promise.all([
    t.call('POST', '/v1/dry-run', { body: { order: body, policy: 'draft' } }),
    t.call('POST', '/v1/dry-run', { body: { order: body, policy: empty } }),
  ]);
  expect(withPolicy.status).toBe(200);
  expect(without.status).toBe(200);
  return { on: withPolicy.body, off: without.body };
}
const warehousesOf = (d: { fulfillments: { warehouseId: string }[] }) => d.fulfillments.map((f) => f.warehouseId).sort();
const setStock = (sku: string, warehouseId: string, onHand: number) =>
  t.call('POST', '/v1/inventory/adjustments', { body: { reason: 'test', adjustments: [{ sku, warehouseId, onHand }] } });

describe('sample policies change routing as their names say', () => {
  it('01 domestic first: a GB order stays in Manchester even when Berlin quotes less', async () => {
    const { id: _id, ...ber } = DEMO_WAREHOUSES.find((w) => w.id === 'DE-BER')!;
    const cheapGb = {
      ...ber,
      rates: [
        ...ber.rates,
        { carrier: 'promo', service: 'standard', shippingClass: 'parcel', to: ['GB'], baseCost: 50, perKg: 0, transitDays: 4 },
      ],
    };
    expect((await t.call('PUT', '/v1/warehouses/DE-BER', { body: cheapGb })).status).toBe(200);
    const { on, off } = await compare('01-domestic-first.json', orderBody('P01', [{ sku: 'BBQ-TONGS', quantity: 1 }]));
    expect(warehousesOf(off)).toEqual(['DE-BER']);
    expect(warehousesOf(on)).toEqual(['UK-MAN']);
    expect(on.decision.trace.constraints.preferredWarehouses).toEqual(['UK-MAN']);
    expect((await t.call('PUT', '/v1/warehouses/DE-BER', { body: ber })).status).toBe(200);
  });

  it('02 no cross-border low value: a small French order waits for Berlin rather than ship from the UK', async () => {
    await setStock('SHEARS', 'DE-BER', 0);
    const { on, off } = await compare('02-no-cross-border-low-value.json', orderBody('P02', [{ sku: 'SHEARS', quantity: 1 }], 'FR'));
    expect(warehousesOf(off)).toEqual(['UK-MAN']);
    expect(on.status).toBe('backordered');
    expect(on.decision.trace.routing.candidates.find((c: { warehouseId: string }) => c.warehouseId === 'UK-MAN').reasons).toContain(
      'excluded by a policy',
    );
  });

  it('03 pallet goods: a barbecue with parcels is packed by pallet-vs-parcel from a pallet site', async () => {
    const { on, off } = await compare(
      '03-pallet-goods.json',
      orderBody('P03', [
        { sku: 'BBQ-KETTLE-57', quantity: 1 },
        { sku: 'CHARCOAL-10KG', quantity: 1 },
        { sku: 'CD-BLUE', quantity: 1 },
      ]),
    );
    expect(on.decision.trace.constraints.allowedWarehouses).toEqual(['UK-MAN', 'US-NJ']);
    expect(on.decision.macros).toEqual({ 'pallet-vs-parcel': 1 });
    expect(off.decision.macros).toEqual({});
    const classes = on.fulfillments
      .flatMap((f: { packages: { shippingClass: string }[] }) => f.packages.map((p) => p.shippingClass))
      .sort();
    expect(classes).toContain('pallet');
    expect(classes).toContain('packet');
  });

  it('04 liquids: 4 L + 2 L + 2 L + 2 L ship as three parcels of at most 5 L instead of one', async () => {
    const { on, off } = await compare(
      '04-liquids-split.json',
      orderBody('P04', [
        { sku: 'OIL-RAPESEED-4L', quantity: 1 },
        { sku: 'OIL-RAPESEED-2L', quantity: 2 },
        { sku: 'FEED-LAWN-2L', quantity: 1 },
      ]),
    );
    const packages = (d: { fulfillments: { packages: { volumeLitres: number }[] }[] }) => d.fulfillments.flatMap((f) => f.packages);
    expect(packages(off)).toHaveLength(1);
    expect(packages(on)).toHaveLength(3);
    for (const p of packages(on)) expect(p.volumeLitres).toBeLessThanOrEqual(5);
  });

  it('05 fraud hold: a first-time buyer spending over £2,000 is held', async () => {
    const big = { ...orderBody('P05', [{ sku: 'BBQ-KAMADO', quantity: 1 }]), customer: { id: 'new-buyer' } };
    big.lines[0]!.unitPrice = 250_000;
    const { on, off } = await compare('05-fraud-hold.json', big);
    expect(off.status).toBe('routed');
    expect(on.status).toBe('on_hold');
    expect(on.holds).toEqual([{ reason: 'fraud-review' }]);
    expect(on.fulfillments).toEqual([]);
  });

  it('06 marketplace SLA: Amazon orders ship express', async () => {
    const { on, off } = await compare('06-marketplace-sla.json', {
      ...orderBody('P06', [{ sku: 'BBQ-COVER', quantity: 1 }]),
      channelId: 'amazon',
    });
    expect(off.fulfillments[0].service).toBe('standard');
    expect(['express', 'next_day']).toContain(on.fulfillments[0].service);
  });

  it('07 hazmat: hazardous goods to France are held, never shipped cross-border', async () => {
    const { on, off } = await compare('07-hazmat.json', orderBody('P07', [{ sku: 'BATTERY-LI-18V', quantity: 1 }], 'FR'));
    expect(off.status).toBe('routed');
    expect(off.fulfillments[0].crossBorder).toBe(true);
    expect(on.status).toBe('on_hold');
    expect(on.holds[0].reason).toBe('hazmat-no-domestic-site');
  });

  it('08 no split under £50: a cheap order that would split waits for one warehouse instead', async () => {
    await setStock('BBQ-TONGS', 'DE-BER', 0);
    await setStock('BBQ-GRILL-BRUSH', 'UK-MAN', 0);
    await setStock('BBQ-TONGS', 'US-NJ', 0);
    const order = orderBody('P08', [
      { sku: 'BBQ-TONGS', quantity: 1 },
      { sku: 'BBQ-GRILL-BRUSH', quantity: 1 },
    ]);
    const { on, off } = await compare('08-no-split-low-value.json', order);
    expect(warehousesOf(off)).toHaveLength(2);
    expect(on.fulfillments).toEqual([]);
    expect(on.status).toBe('backordered');
  });

  it('09 remote postcodes: a Highlands order is tagged remote-area', async () => {
    const order = orderBody('P09', [{ sku: 'CD-BLUE', quantity: 1 }]);
    order.shipTo.postalCode = 'IV2 3AB';
    const { on, off } = await compare('09-remote-postcodes.json', order);
    expect(on.tags).toEqual(['remote-area']);
    expect(off.tags).toEqual([]);
  });

  it("10 marketplace last units: eBay does not take a warehouse's last unit when another has spare at a close cost", async () => {
    // A second British site, a little dearer than Manchester: no customs between them, so costs are close.
    const { id: _id, ...man } = DEMO_WAREHOUSES.find((w) => w.id === 'UK-MAN')!;
    const leeds = { ...man, name: 'Leeds', rates: man.rates.map((r) => ({ ...r, baseCost: r.baseCost + 80 })) };
    expect((await t.call('PUT', '/v1/warehouses/UK-LDS', { body: leeds })).status).toBe(200);
    await setStock('LOPPERS', 'UK-LDS', 5);
    await setStock('LOPPERS', 'UK-MAN', 1);
    const { on, off } = await compare('10-marketplace-last-units.json', {
      ...orderBody('P10', [{ sku: 'LOPPERS', quantity: 1 }]),
      channelId: 'ebay',
    });
    expect(warehousesOf(off)).toEqual(['UK-MAN']);
    expect(warehousesOf(on)).toEqual(['UK-LDS']);
    expect(on.decision.trace.macros[0]).toMatchObject({ macro: 'keep-last-units', hook: 'score', ok: true });
    await setStock('LOPPERS', 'UK-LDS', 0);
  });
});

describe('drafts, publishing and versions', () => {
  it('rejects an invalid draft with the path of each problem and keeps the old draft', async () => {
    const before = (await t.call('GET', '/v1/policies/draft')).body.document;
    const bad = await t.call('PUT', '/v1/policies/draft', {
      token: DEMO_KEYS.analyst,
      body: {
        rules: [
          {
            name: 'x',
            priority: 1,
            conditions: { all: [{ fact: 'nope', operator: 'equal', value: 1 }] },
            event: { type: 'restrict-warehouses', params: { warehouses: ['MARS'] } },
          },
        ],
      },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain('rules.0.conditions.all.0.fact');
    expect(paths).toContain('rules.0.event.params.warehouses.0');
    expect((await t.call('GET', '/v1/policies/draft')).body.document).toEqual(before);
  });

  it('returns analysis warnings with a saved draft', async () => {
    const res = await t.call('PUT', '/v1/policies/draft', {
      body: {
        rules: [
          {
            name: 'never',
            priority: 1,
            conditions: {
              all: [
                { fact: 'orderValue', operator: 'greaterThan', value: 100 },
                { fact: 'orderValue', operator: 'lessThan', value: 50 },
              ],
            },
            event: { type: 'tag', params: { tag: 'x' } },
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.warnings).toEqual([expect.objectContaining({ rule: 'never', kind: 'never-fires' })]);
  });

  it('lets analysts draft and dry-run but only admins publish; rollback makes an old version live again', async () => {
    await t.call('PUT', '/v1/policies/draft', { body: sample('06-marketplace-sla.json') });
    expect((await t.call('POST', '/v1/policies/publish', { token: DEMO_KEYS.analyst })).status).toBe(403);
    const published = await t.call('POST', '/v1/policies/publish');
    expect(published.status).toBe(200);
    const amazon = await t.call('POST', '/v1/orders', {
      token: DEMO_KEYS.amazon,
      body: orderBody('V-1', [{ sku: 'BBQ-COVER', quantity: 1 }]),
    });
    expect(amazon.body.decision.policyVersion).toBe(published.body.version);
    expect(amazon.body.fulfillments[0].service).not.toBe('standard');
    const rolled = await t.call('POST', '/v1/policies/rollback', { body: { version: empty } });
    expect(rolled.body).toEqual({ version: published.body.version + 1, rolledBackTo: empty });
    const after = await t.call('POST', '/v1/orders', {
      token: DEMO_KEYS.amazon,
      body: orderBody('V-2', [{ sku: 'BBQ-COVER', quantity: 1 }]),
    });
    expect(after.body.decision.policyVersion).toBe(rolled.body.version);
    expect(after.body.fulfillments[0].service).toBe('standard');
    const versions = (await t.call('GET', '/v1/policies/versions', { token: DEMO_KEYS.analyst })).body;
    expect(versions.live).toBe(rolled.body.version);
    expect(versions.versions[0]).toMatchObject({
      version: rolled.body.version,
      note: `rollback to version ${empty}`,
      publishedBy: 'bootstrap admin',
    });
    expect((await t.call('GET', `/v1/policies/versions/${published.body.version}`)).body.document.rules[0].name).toBe(
      'amazon-ships-express',
    );
    expect((await t.call('POST', '/v1/policies/rollback', { body: { version: 999 } })).status).toBe(404);
  });

  it('decides every order wholly by one version while versions are published under load', async () => {
    const express = sample('06-marketplace-sla.json');
    const orders = Array.from({ length: 60 }, (_, i) =>
      t.call('POST', '/v1/orders', { token: DEMO_KEYS.amazon, body: orderBody(`ATOMIC-${i}`, [{ sku: 'CD-BLUE', quantity: 1 }]) }),
    );
    const publishes = (async () => {
      const versions: Record<number, 'express' | 'standard'> = {};
      for (let i = 0; i < 6; i++) {
        const doc = i % 2 === 0 ? express : { rules: [] };
        await t.call('PUT', '/v1/policies/draft', { body: doc });
        versions[(await t.call('POST', '/v1/policies/publish')).body.version] = i % 2 === 0 ? 'express' : 'standard';
      }
      return versions;
    })();
    const [results, versions] = await Promise.all([Promise.all(orders), publishes]);
    const known = { ...versions, [empty]: 'standard' as const };
    for (const r of results) {
      const v = r.body.decision.policyVersion as number;
      const service = r.body.fulfillments[0].service;
      if (known[v] === 'express') expect(service).not.toBe('standard');
      if (known[v] === 'standard') expect(service).toBe('standard');
    }
  });

  it('publishes when the catalogue cache has gone stale (a read inside the publish transaction)', async () => {
    t.services.catalogue.invalidate();
    const res = await t.call('POST', '/v1/policies/publish');
    expect(res.status).toBe(200);
    expect((await t.call('GET', '/health', { token: null })).status).toBe(200);
  });

  it('serves the policy JSON Schema and the fact catalogue', async () => {
    const schema = (await t.call('GET', '/v1/policies/schema')).body;
    expect(JSON.stringify(schema)).toContain('destinationCountry');
    const facts = (await t.call('GET', '/v1/policies/facts')).body;
    expect(facts.facts.map((f: { name: string }) => f.name)).toContain('hasLiquids');
    expect(Object.keys(facts.actions)).toContain('run-macro');
  });
});
