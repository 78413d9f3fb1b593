// Webhook secrets never reach the log: the whole life of a subscription runs with logging at
// trace level into memory, failures included, and no secret (or signature) appears in it.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createServices, type Services } from '../../server/services/container.ts';
import { openDatabase, type Db } from '../../server/store/client.ts';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import { eventually, FAST, startReceiver, type Receiver } from './receiver.ts';

const ADMIN = 'logs-admin-token';
const lines: string[] = [];
let db: Db;
let services: Services;
let rx: Receiver;

beforeAll(async () => {
  db = await openDatabase({ url: ':memory:' });
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  services = await createServices({ db, log: pino({ level: 'trace' }, sink), webhooks: FAST });
  await services.access.bootstrapAdmin(ADMIN);
  for (const w of WAREHOUSES) await services.catalogue.putWarehouse(w);
  for (const p of PRODUCTS) await services.catalogue.putProduct(p);
  rx = await startReceiver();
});
afterAll(async () => {
  await services.dispose();
  await db.close();
  await rx.close();
});

describe('webhook secrets and logs', () => {
  it('keeps every secret and signature out of the log, through failures, rotation and pings', async () => {
    const app = createApp(services);
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await app.request(path, {
        method,
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await res.json()) as any;
    };
    rx.script({ status: 500 }, 'reset');
    const created = await call('POST', '/v1/webhooks', { url: rx.url, events: ['inventory.*'] });
    for (const onHand of [10, 1])
      await call('POST', '/v1/inventory/adjustments', { reason: 'count', adjustments: [{ sku: 'CD', warehouseId: 'MAN', onHand }] });
    await rx.waitFor(5); // the first adjustment (500, reset, ok), the second, and inventory.low
    const rotated = await call('POST', `/v1/webhooks/${created.id}/rotate-secret`, { graceSeconds: 30 });
    await call('POST', `/v1/webhooks/${created.id}/test`);
    await eventually(async () => lines.some((l) => l.includes('"webhook delivered"')));
    const log = lines.join('');
    expect(log).toContain('webhook delivery failed');
    expect(log).toContain('"path":"/v1/webhooks"');
    for (const secret of [created.secret, rotated.secret]) {
      expect(secret).toMatch(/^whsec_/);
      expect(log).not.toContain(secret);
    }
    expect(log).not.toContain('whsec_');
    for (const r of rx.received) expect(log).not.toContain(String(r.headers['conveyor-signature']).split('v1=')[1]);
  });
});
