// Property-based fuzzing of request bodies, query strings and headers: whatever arrives, the
// answer is a 2xx or a 4xx in the contract's error shape, never a 5xx, and a rejected request
// writes nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { orderBody, startTestServer, type ApiResponse, type TestServer } from '../support/server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ demo: true, maxBodyBytes: 1024 * 1024 });
});
afterAll(() => t.close());

async function footprint(): Promise<string> {
  const rs = await t.services.db.client.execute(
    `SELECT (SELECT COUNT(*) FROM orders) || ':' || (SELECT COUNT(*) FROM events) || ':' || (SELECT SUM(on_hand) || '/' || SUM(reserved) FROM stock)
       || ':' || (SELECT COUNT(*) FROM products) || ':' || (SELECT COUNT(*) FROM macro_versions) || ':' || (SELECT COUNT(*) FROM policy_versions) AS f`,
  );
  return String(rs.rows[0]?.f);
}

function expectContractAnswer(res: ApiResponse, label: string): void {
  expect(res.status, label).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.body?.error?.code, label).toEqual(expect.any(String));
    expect(res.body?.error?.message, label).toEqual(expect.any(String));
  }
}

const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(-1, 0, 0.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, '1', '', null, true, [], {}, '\u0000', 'DROP TABLE orders;--'),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.integer({ min: 1, max: 60 }).map((d) => JSON.parse('['.repeat(d) + ']'.repeat(d)) as unknown),
);

/** A valid body with one field, anywhere in it, replaced by something nasty. */
function mutated(base: Record<string, unknown>) {
  const paths: string[][] = [];
  const walk = (v: unknown, path: string[]) => {
    paths.push(path);
    if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...path, k]);
  };
  walk(base, []);
  return fc.tuple(fc.constantFrom(...paths.filter((p) => p.length > 0)), nasty).map(([path, value]) => {
    const copy = structuredClone(base);
    let node = copy as Record<string, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[path.at(-1) as string] = value;
    return copy;
  });
}

const WRITE_ROUTES: { method: string; path: string; token: string; base: Record<string, unknown> }[] = [
  {
    method: 'POST',
    path: '/v1/orders',
    token: DEMO_KEYS.webshop,
    base: orderBody('FUZZ', [
      { sku: 'CD-BLUE', quantity: 1 },
      { sku: 'SHEARS', quantity: 2 },
    ]),
  },
  {
    method: 'POST',
    path: '/v1/inventory/adjustments',
    token: 'test-admin-token',
    base: { reason: 'fuzz', adjustments: [{ sku: 'CD-BLUE', warehouseId: 'UK-MAN', delta: 1 }] },
  },
  {
    method: 'PUT',
    path: '/v1/products/FUZZ-1',
    token: 'test-admin-token',
    base: { name: 'Fuzz', weightKg: 1, volumeLitres: 0, shippingClass: 'parcel', liquid: false, hazardous: false },
  },
  {
    method: 'PUT',
    path: '/v1/policies/draft',
    token: DEMO_KEYS.analyst,
    base: {
      rules: [
        {
          name: 'r',
          priority: 2,
          conditions: { all: [{ fact: 'orderValue', operator: 'greaterThan', value: 100 }] },
          event: { type: 'tag', params: { tag: 'big' } },
        },
      ],
    },
  },
  { method: 'PUT', path: '/v1/macros/fuzz', token: DEMO_KEYS.analyst, base: { source: 'export function decide() { return []; }' } },
  {
    method: 'POST',
    path: '/v1/dry-run',
    token: DEMO_KEYS.analyst,
    base: { order: { ...orderBody('DRY', [{ sku: 'CD-BLUE', quantity: 1 }]), channelId: 'webshop' }, policy: 'published' },
  },
];

describe('fuzzing', () => {
  for (const route of WRITE_ROUTES) {
    it(`${route.method} ${route.path}: any body gets a contract answer and a rejection writes nothing`, async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(fc.oneof(mutated(route.base), nasty), async (body) => {
          if (route.path === '/v1/orders' && body && typeof body === 'object' && 'externalId' in body)
            (body as { externalId: unknown }).externalId = `FUZZ-${n++}`;
          const before = await footprint();
          const res = await t.call(route.method, route.path, { token: route.token, body });
          expectContractAnswer(res, JSON.stringify(body).slice(0, 300));
          if (res.status >= 400) expect(await footprint()).toBe(before);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('answers garbage query strings and headers with a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 100 }), fc.string({ maxLength: 300 }), async (query, auth) => {
        const headerSafe = auth.replace(/[^\x20-\x7e]/g, '');
        const res = await t.call('GET', `/v1/orders?status=${encodeURIComponent(query)}&limit=${encodeURIComponent(query)}`, {
          token: null,
          headers: { authorization: headerSafe },
        });
        expectContractAnswer(res, `${query} | ${headerSafe}`);
        const admin = await t.call('GET', `/v1/orders?limit=${encodeURIComponent(query)}&before=${encodeURIComponent(query)}`);
        expectContractAnswer(admin, query);
      }),
      { numRuns: 80 },
    );
  });

  it('refuses a 10 MB body with 413 and stores nothing', async () => {
    const before = await footprint();
    const res = await t.call('POST', '/v1/orders', {
      token: DEMO_KEYS.webshop,
      raw: `{"externalId":"${'x'.repeat(10 * 1024 * 1024)}"}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(await footprint()).toBe(before);
  });
});
