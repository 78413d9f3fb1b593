// Every route times every role: no token and a bad token get 401, a wrong role 403, a channel
// another channel's order 404, and each allowed role gets through the door (whatever it then says).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { ADMIN, orderBody, startTestServer, type TestServer } from '../support/server.ts';

type Role = 'admin' | 'analyst' | 'channel';
interface Route {
  method: string;
  path: string;
  allowed: Role[];
  body?: unknown;
}

let t: TestServer;
let orderId = '';
let fulfillmentId = '';
const tokens: Record<Role, string> = { admin: ADMIN, analyst: DEMO_KEYS.analyst, channel: DEMO_KEYS.webshop };

beforeAll(async () => {
  t = await startTestServer({ demo: true });
  const placed = await t.call('POST', '/v1/orders', { token: DEMO_KEYS.webshop, body: orderBody('AUTH-1', [{ sku: 'CD-BLUE', quantity: 1 }]) });
  orderId = placed.body.id;
  fulfillmentId = placed.body.fulfillments[0].id;
});
afterAll(() => t.close());

const routes = (): Route[] => [
  { method: 'GET', path: '/v1/me', allowed: ['admin', 'analyst', 'channel'] },
  { method: 'POST', path: '/v1/tokens', allowed: ['admin'], body: { role: 'analyst', name: 'x' } },
  { method: 'GET', path: '/v1/tokens', allowed: ['admin'] },
  { method: 'DELETE', path: '/v1/tokens/tok_none', allowed: ['admin'] },
  { method: 'POST', path: '/v1/channels', allowed: ['admin'], body: { id: `ch-${Math.random().toString(36).slice(2, 8)}`, name: 'x', kind: 'x' } },
  { method: 'GET', path: '/v1/channels', allowed: ['admin', 'analyst'] },
  { method: 'PUT', path: '/v1/warehouses/X-1', allowed: ['admin'], body: {} },
  { method: 'GET', path: '/v1/warehouses', allowed: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/warehouses/UK-MAN', allowed: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/warehouses/UK-MAN/inventory', allowed: ['admin', 'analyst'] },
  { method: 'PUT', path: '/v1/products/X-1', allowed: ['admin'], body: {} },
  { method: 'GET', path: '/v1/products', allowed: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/products/CD-BLUE', allowed: ['admin', 'analyst'] },
  { method: 'POST', path: '/v1/inventory/adjustments', allowed: ['admin'], body: {} },
  { method: 'GET', path: '/v1/inventory', allowed: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/inventory/CD-BLUE', allowed: ['admin', 'analyst'] },
  { method: 'POST', path: '/v1/orders', allowed: ['channel'], body: {} },
  { method: 'GET', path: '/v1/orders', allowed: ['admin', 'analyst', 'channel'] },
  { method: 'GET', path: `/v1/orders/${orderId}`, allowed: ['admin', 'analyst', 'channel'] },
  { method: 'POST', path: `/v1/orders/${orderId}/reroute`, allowed: ['admin'] },
  { method: 'POST', path: `/v1/fulfillments/${fulfillmentId}/deliver`, allowed: ['admin'] },
  { method: 'POST', path: `/v1/fulfillments/${fulfillmentId}/ship`, allowed: ['admin'], body: {} },
  { method: 'GET', path: '/v1/policies/draft', allowed: ['admin', 'analyst'] },
  { method: 'PUT', path: '/v1/policies/draft', allowed: ['admin', 'analyst'], body: { rules: 'nope' } },
  { method: 'POST', path: '/v1/policies/publish', allowed: ['admin'] },
  { method: 'POST', path: '/v1/policies/rollback', allowed: ['admin'], body: { version: 999 } },
  { method: 'GET', path: '/v1/policies/versions', allowed: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/policies/versions/1', allowed: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/policies/schema', allowed: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/policies/facts', allowed: ['admin', 'analyst'] },
  { method: 'POST', path: '/v1/dry-run', allowed: ['admin', 'analyst'], body: {} },
  { method: 'GET', path: '/v1/macro-api.d.ts', allowed: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/macros', allowed: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/macros/split-liquids', allowed: ['admin', 'analyst'] },
  { method: 'GET', path: '/v1/macros/split-liquids/versions', allowed: ['admin', 'analyst'] },
  { method: 'PUT', path: '/v1/macros/auth-probe', allowed: ['admin', 'analyst'], body: { source: 'export function decide() { return []; }' } },
  { method: 'POST', path: '/v1/macros/split-liquids/run', allowed: ['admin', 'analyst'], body: {} },
  { method: 'DELETE', path: '/v1/macros/no-such-macro', allowed: ['admin', 'analyst'] },
  { method: 'POST', path: `/v1/orders/${orderId}/cancel`, allowed: ['admin', 'channel'] },
];

describe('authorization matrix', () => {
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
        const res = await t.call(r.method, r.path, { token: tokens[role], body: r.body });
        const verdict = r.allowed.includes(role) ? (res.status === 401 || res.status === 403 ? 'blocked' : 'through') : res.status === 403 ? 'forbidden' : `unexpected ${res.status}`;
        expect([r.method, r.path, role, verdict]).toEqual([r.method, r.path, role, r.allowed.includes(role) ? 'through' : 'forbidden']);
      }
    }
  });

  it('hides a channel\'s orders from other channels and refuses their cancellation', async () => {
    const other = DEMO_KEYS.amazon;
    expect((await t.call('GET', `/v1/orders/${orderId}`, { token: other })).status).toBe(404);
    const placed = await t.call('POST', '/v1/orders', { token: DEMO_KEYS.webshop, body: orderBody('AUTH-2', [{ sku: 'CD-BLUE', quantity: 1 }]) });
    expect((await t.call('POST', `/v1/orders/${placed.body.id}/cancel`, { token: other })).status).toBe(404);
    expect((await t.call('GET', `/v1/orders/${placed.body.id}`)).body.status).toBe('routed');
    const listed = await t.call('GET', '/v1/orders?channelId=webshop', { token: other });
    expect(listed.body.orders).toEqual([]);
  });
});
