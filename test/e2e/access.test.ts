import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/services/access.ts';
import { ADMIN, startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('tokens, channels and roles', () => {
  it('lets an admin issue analyst tokens, shown once and stored only as a hash', async () => {
    const res = await t.call('POST', '/v1/tokens', { body: { role: 'analyst', name: 'Ops analyst' } });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^cv_analyst_/);
    const me = await t.call('GET', '/v1/me', { token: res.body.token });
    expect(me.body).toMatchObject({ role: 'analyst', name: 'Ops analyst' });
    const stored = await t.services.db.client.execute('SELECT secret_hash FROM tokens');
    const hashes = stored.rows.map((r) => String(r.secret_hash));
    expect(hashes).toContain(hashSecret(res.body.token));
    expect(hashes.some((h) => h.includes(res.body.token))).toBe(false);
    const listed = await t.call('GET', '/v1/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(res.body.token);
  });

  it('creates a channel with an API key that can post orders and nothing admin', async () => {
    const res = await t.call('POST', '/v1/channels', { body: { id: 'webshop', name: 'Web shop', kind: 'webshop' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: 'webshop', name: 'Web shop', kind: 'webshop' });
    const key = res.body.apiKey;
    expect((await t.call('GET', '/v1/me', { token: key })).body).toMatchObject({ role: 'channel', channelId: 'webshop' });
    expect((await t.call('POST', '/v1/tokens', { token: key, body: { role: 'admin', name: 'x' } })).status).toBe(403);
    expect((await t.call('GET', '/v1/inventory', { token: key })).status).toBe(403);
    const dup = await t.call('POST', '/v1/channels', { body: { id: 'webshop', name: 'Again', kind: 'webshop' } });
    expect(dup.status).toBe(409);
  });

  it('answers 401 without a token or with a bad one, and 403 for the wrong role', async () => {
    const none = await t.call('GET', '/v1/channels', { token: null });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    const bad = await t.call('GET', '/v1/channels', { token: 'nope' });
    expect(bad.status).toBe(401);
    const analyst = (await t.call('POST', '/v1/tokens', { body: { role: 'analyst', name: 'a' } })).body.token;
    const forbidden = await t.call('POST', '/v1/channels', { token: analyst, body: { id: 'x', name: 'x', kind: 'x' } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
    const ordersAsAnalyst = await t.call('POST', '/v1/orders', { token: analyst, body: {} });
    expect(ordersAsAnalyst.status).toBe(403);
  });

  it('revokes tokens', async () => {
    const { body } = await t.call('POST', '/v1/tokens', { body: { role: 'admin', name: 'temp' } });
    expect((await t.call('DELETE', `/v1/tokens/${body.id}`)).status).toBe(204);
    expect((await t.call('GET', '/v1/me', { token: body.token })).status).toBe(401);
    expect((await t.call('GET', '/v1/me', { token: ADMIN })).status).toBe(200);
  });
});
