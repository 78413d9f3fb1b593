// Webhook and channel secrets are stored sealed: the database files never hold one in the clear,
// deliveries are still signed with the secret the admin was shown, a channel's signed webhooks still
// verify, and a database written before sealing existed has its secrets sealed when it opens.
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './receiver.ts';
import { createApp } from '../../server/app.ts';
import { signBody } from '../../server/integrations/signature.ts';
import { createServices, type Services } from '../../server/services/container.ts';
import { openDatabase, type Db } from '../../server/store/client.ts';
import { verifySignature } from '../../server/webhooks/signing.ts';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import { FAST, startReceiver, type Receiver } from './receiver.ts';

const ADMIN = 'at-rest-admin-token';
const dir = mkdtempSync(join(tmpdir(), 'conveyor-at-rest-'));
const file = join(dir, 'conveyor.db');
let db: Db;
let services: Services;
let rx: Receiver;

async function open(secretKey?: string): Promise<void> {
  db = await openDatabase({ url: `file:${file}`, secretKey });
  services = await createServices({ db, log: pino({ level: 'silent' }), webhooks: FAST });
}

async function shut(): Promise<void> {
  await services.dispose();
  await db.close();
}

async function call(method: string, path: string, body?: unknown) {
  const res = await createApp(services).request(path, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Every byte of the database's files (the log included), as text. */
const databaseBytes = () =>
  ['', '-wal']
    .map((suffix) => {
      try {
        return readFileSync(`${file}${suffix}`, 'latin1');
      } catch {
        return '';
      }
    })
    .join('');

const secretColumn = async (id: string) =>
  String((await db.client.execute({ sql: 'SELECT secret FROM webhook_subscriptions WHERE id = ?', args: [id] })).rows[0]?.secret);

beforeAll(async () => {
  await open();
  await services.access.bootstrapAdmin(ADMIN);
  for (const w of WAREHOUSES) await services.catalogue.putWarehouse(w);
  for (const p of PRODUCTS) await services.catalogue.putProduct(p);
  rx = await startReceiver();
});
afterAll(async () => {
  await shut();
  await rx.close();
  rmSync(dir, { recursive: true, force: true });
});

const adjust = (onHand: number) =>
  call('POST', '/v1/inventory/adjustments', { reason: 'count', adjustments: [{ sku: 'CD', warehouseId: 'MAN', onHand }] });

describe('secrets at rest', () => {
  it('stores a webhook secret sealed, in no database file in the clear, and signs deliveries with it', async () => {
    const created = await call('POST', '/v1/webhooks', { url: rx.url, events: ['inventory.*'] });
    expect(created.status).toBe(201);
    const rotated = await call('POST', `/v1/webhooks/${created.body.id}/rotate-secret`, { graceSeconds: 600 });
    await adjust(40);
    const [delivery] = await rx.waitFor(1);
    const header = String(delivery?.headers['conveyor-signature']);
    // Both secrets sign while the old one's grace lasts: both were opened from the database.
    expect(verifySignature(rotated.body.secret, header, delivery?.body ?? '')).toBe(true);
    expect(verifySignature(created.body.secret, header, delivery?.body ?? '')).toBe(true);
    expect(await secretColumn(created.body.id)).toMatch(/^cvs1:/);
    const bytes = databaseBytes();
    expect(bytes).toContain(rx.url); // the scan does read what the database holds
    for (const secret of [created.body.secret, rotated.body.secret]) expect(bytes).not.toContain(secret.slice('whsec_'.length));
  });

  it("stores a channel's webhook secret sealed and still verifies the channel's signed webhooks", async () => {
    const secret = 'shpss_at_rest_channel_secret';
    expect((await call('POST', '/v1/channels', { id: 'shop', name: 'Shop', kind: 'web' })).status).toBe(201);
    expect((await call('PUT', '/v1/channels/shop/integration', { platform: 'shopify', secret })).status).toBe(200);
    const stored = (await db.client.execute("SELECT secret FROM channel_integrations WHERE channel_id = 'shop'")).rows[0]?.secret;
    expect(String(stored)).toMatch(/^cvs1:/);
    expect(databaseBytes()).not.toContain(secret);
    const body = new TextEncoder().encode('{"id":1}');
    await expect(
      services.integrations.verifyWebhook({ channelId: 'shop', platform: 'shopify', body, signature: signBody(body, secret) }),
    ).resolves.toBeUndefined();
    await expect(
      services.integrations.verifyWebhook({ channelId: 'shop', platform: 'shopify', body, signature: signBody(body, 'wrong') }),
    ).rejects.toThrow(/signature does not match/);
  });

  it('seals, as the database opens, a secret stored in the clear before sealing existed, and signs with it', async () => {
    const created = await call('POST', '/v1/webhooks', { url: rx.url, events: ['inventory.*'] });
    const legacy = 'whsec_stored_in_the_clear_by_an_older_conveyor';
    await db.client.execute({ sql: 'UPDATE webhook_subscriptions SET secret = ? WHERE id = ?', args: [legacy, created.body.id] });
    await shut();
    await open();
    expect(await secretColumn(created.body.id)).toMatch(/^cvs1:/);
    const before = rx.received.length;
    await adjust(30);
    const mine = await rx.waitFor(before + 2);
    const signed = mine.slice(before).filter((r) => verifySignature(legacy, String(r.headers['conveyor-signature']), r.body));
    expect(signed.length).toBeGreaterThan(0);
  });

  it('records a delivery whose secret cannot be opened as a failed attempt, so it is retried and dead-lettered, never stuck', async () => {
    const created = await call('POST', '/v1/webhooks', { url: rx.url, events: ['inventory.*'] });
    const stored = await secretColumn(created.body.id);
    const altered = stored.slice(0, -3) + (stored.at(-3) === 'A' ? 'B' : 'A') + stored.slice(-2);
    await db.client.execute({ sql: 'UPDATE webhook_subscriptions SET secret = ? WHERE id = ?', args: [altered, created.body.id] });
    await adjust(20);
    await eventually(async () => {
      const list = (await call('GET', `/v1/webhooks/${created.body.id}/deliveries`)).body.deliveries as {
        status: string;
        lastError: string;
      }[];
      return list.length > 0 && list.every((d) => d.status === 'failed' && d.lastError.includes('the signing secret cannot be opened'));
    });
  });

  it('refuses another key, and a missing key file, rather than seal under a second key', async () => {
    await shut();
    await open(Buffer.alloc(32, 9).toString('base64'));
    await expect(db.secretBox()).rejects.toThrow(/sealed under another key: set CONVEYOR_SECRET_KEY/);
    await shut();
    renameSync(`${file}.key`, `${file}.key.aside`);
    try {
      db = await openDatabase({ url: `file:${file}` });
      await expect(db.secretBox()).rejects.toThrow(/the key file .*conveyor\.db\.key is missing/);
      expect(existsSync(`${file}.key`)).toBe(false);
      await db.close();
    } finally {
      renameSync(`${file}.key.aside`, `${file}.key`);
    }
    await open();
    expect(await db.secretBox()).toBeDefined();
  });
});
