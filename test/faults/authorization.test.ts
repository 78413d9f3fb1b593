// Every route times every role: no token and a bad token get 401, a wrong role 403, a channel
// another channel's order 404, and each allowed role gets through the door (whatever it then says).
// The routes and their roles come from the OpenAPI registry, which a test holds equal to what is mounted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { routeDocs } from '../../server/http/openapi.ts';
import { ADMIN, orderBody, startTestServer, type TestServer } from '../support/server.ts';

type Role = 'admin' | 'analyst' | 'channel';

let t: TestServer;
let orderId = '';
let fulfillmentId = '';
const tokens: Record<Role, string> = { admin: ADMIN, analyst: DEMO_KEYS.analyst, channel: DEMO_KEYS.webshop };

beforeAll(async () => {
  t = await startTestServer({ demo: true });
  const placed = await t.call('POST', '/v1/orders', {
    token: DEMO_KEYS.webshop,
    body: orderBody('AUTH-1', [{ sku: 'CD-BLUE', quantity: 1 }]),
  });
  orderId = placed.body.id;
  fulfillmentId = placed.body.fulfillments[0].id;
});
afterAll(() => t.close());

/** A concrete path for a documented route: the webshop channel's own order, channel and so on. */
function concrete(path: string): string {
  const value = (param: string, before: string) => {
    if (before.endsWith('/orders')) return orderId;
    if (before.endsWith('/fulfillments')) return fulfillmentId;
    if (before.endsWith('/channels')) return 'webshop';
    if (before.endsWith('/macros')) return 'split-liquids';
    if (param === 'version') return '1';
    return `${param}-none`;
  };
  return path.replace(/:(\w+)(\{[^}]*\})?/g, (_m, param: string, _re, offset: number) => value(param, path.slice(0, offset - 1)));
}

/** Every documented route that needs a token, from the same registry the OpenAPI document is built from. */
const routes = () =>
  routeDocs()
    .filter((d) => d.roles !== 'public' && d.path.startsWith('/v1/'))
    .map((d) => ({
      method: d.method,
      path: concrete(d.path),
      allowed: d.roles as Role[],
      body: ['POST', 'PUT', 'PATCH'].includes(d.method) ? {} : undefined,
    }));

/** The status of a streaming route, without waiting for a stream that never ends. */
async function streamStatus(path: string, token: string): Promise<{ status: number }> {
  const controller = new AbortController();
  const res = await fetch(t.url + path, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  controller.abort();
  return { status: res.status };
}

describe('authorization matrix', () => {
  it('covers every documented route', () => {
    expect(routes().length).toBeGreaterThan(80);
  });

  it('answers 401 to no token and a bad token on every route', async () => {
    for (const r of routes()) {
      for (const token of [null, 'not-a-token']) {
        const res = await t.call(r.method, r.path, { token, body: r.body });
        expect([r.method, r.path, token, res.status]).toEqual([r.method, r.path, token, 401]);
        expect(res.body.error.code).toBe('unauthorized');
      }
    }
  });

  it('answers 403 to every role a route does not allow, and lets allowed roles through', async () => {
    for (const r of routes()) {
      for (const role of ['analyst', 'channel', 'admin'] as Role[]) {
        const res =
          r.path === '/v1/events'
            ? await streamStatus(r.path, tokens[role])
            : await t.call(r.method, r.path, { token: tokens[role], body: r.body });
        const verdict = r.allowed.includes(role)
          ? res.status === 401 || res.status === 403
            ? 'blocked'
            : 'through'
          : res.status === 403
            ? 'forbidden'
            : `unexpected ${res.status}`;
        expect([r.method, r.path, role, verdict]).toEqual([r.method, r.path, role, r.allowed.includes(role) ? 'through' : 'forbidden']);
      }
    }
  });

  it("hides a channel's orders from other channels and refuses their cancellation", async () => {
    const other = DEMO_KEYS.amazon;
    expect((await t.call('GET', `/v1/orders/${orderId}`, { token: other })).status).toBe(404);
    const placed = await t.call('POST', '/v1/orders', {
      token: DEMO_KEYS.webshop,
      body: orderBody('AUTH-2', [{ sku: 'CD-BLUE', quantity: 1 }]),
    });
    expect((await t.call('POST', `/v1/orders/${placed.body.id}/cancel`, { token: other })).status).toBe(404);
    expect((await t.call('GET', `/v1/orders/${placed.body.id}`)).body.status).toBe('routed');
    const listed = await t.call('GET', '/v1/orders?channelId=webshop', { token: other });
    expect(listed.body.orders).toEqual([]);
  });
});
