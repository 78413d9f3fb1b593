// Two app processes on one database file (this test's container and a peer process), both placing
// orders and both dispatching: every event reaches every subscription through exactly one delivery
// row, each is sent by one dispatcher, once, and each subscription hears its events in log order.
// (Two containers in one thread cannot share a file: libSQL's local driver waits for the write
// lock synchronously, so one container's wait would block the other's open transaction.)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderRequest } from '../../server/http/schemas.ts';
import { createServices, type Services } from '../../server/services/container.ts';
import { openDatabase, type Db } from '../../server/store/client.ts';
import { claimById } from '../../server/store/webhook-delivery-repo.ts';
import { advanceCursor } from '../../server/store/webhook-repo.ts';
import { fanOut } from '../../server/webhooks/fan-out.ts';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import { orderBody } from '../support/server.ts';
import { eventually, PEER_SETTINGS, startReceiver, type Receiver } from './receiver.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;
let db: Db;
let services: Services;
let peer: ChildProcess | undefined;
let peerOut = '';
const logLines: string[] = [];
const receivers: Receiver[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'conveyor-webhooks-'));
  db = await openDatabase({ url: `file:${join(dir, 'shared.db')}` });
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  services = await createServices({ db, log: pino({ level: 'info' }, sink), webhooks: PEER_SETTINGS });
  for (const w of WAREHOUSES) await services.catalogue.putWarehouse(w);
  for (const p of PRODUCTS) await services.catalogue.putProduct(p);
  await services.access.createChannel({ id: 'webshop', name: 'webshop', kind: 'webshop' }, 'key-webshop');
  await services.inventory.adjust('stock', [{ sku: 'CD', warehouseId: 'MAN', onHand: 1000 }]);
  peer = spawn(process.execPath, ['--no-node-snapshot', '--import', 'tsx', 'test/webhooks/peer-process.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${join(dir, 'shared.db')}`, PEER_ORDERS: '15' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  peer.stdout?.on('data', (d) => (peerOut += String(d)));
  peer.stderr?.on('data', (d) => (peerOut += String(d)));
  await eventually(async () => peerOut.includes('"ready"'), 30_000);
});
afterAll(async () => {
  await stopPeer();
  await services.dispose();
  await db.close();
  for (const rx of receivers) await rx.close();
  rmSync(dir, { recursive: true, force: true });
});

async function stopPeer(): Promise<void> {
  const p = peer;
  if (!p || p.exitCode !== null) return;
  const exited = new Promise((resolve) => p.once('exit', resolve));
  p.kill('SIGTERM');
  await exited;
}

const delivered = (text: string) => text.split('\n').filter((l) => l.includes('"webhook delivered"')).length;
const count = (sql: string): Promise<number> => db.read(async (s) => Number((await s.execute(sql)).rows[0]?.n ?? 0));
const place = (id: string) => services.intake.place('webshop', OrderRequest.parse(orderBody(id, [{ sku: 'CD', quantity: 1 }])));

describe('two app processes on one database', () => {
  it('create one delivery per event and subscription and send each once, in order', async () => {
    const subs: Receiver[] = [];
    for (const events of [['*'], ['order.*'], ['inventory.reserved'], ['order.routed', 'inventory.*']]) {
      const rx = await startReceiver();
      receivers.push(rx);
      await services.webhooks.create({ url: rx.url, events });
      subs.push(rx);
    }
    peer?.stdin?.write('go\n');
    await Promise.all(Array.from({ length: 15 }, (_, i) => place(`MINE-${i}`)));
    await eventually(async () => peerOut.includes('"placed"'), 20_000);
    // 30 orders: 30 order.routed and 30 inventory.reserved events.
    const expected = [60, 30, 30, 60];
    for (const [i, rx] of subs.entries()) await rx.waitFor(expected[i] ?? 0, undefined, 20_000);
    await eventually(async () => (await count("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status != 'succeeded'")) === 0);
    expect(
      await count('SELECT COUNT(*) AS n FROM (SELECT 1 FROM webhook_deliveries GROUP BY subscription_id, event_id HAVING COUNT(*) > 1)'),
    ).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM webhook_deliveries')).toBe(180);
    for (const [i, rx] of subs.entries()) {
      const seqs = rx.received.map((r) => r.json.sequence as number);
      expect(seqs).toHaveLength(expected[i] ?? 0);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(seqs.length);
    }
    // Each dispatcher logs a send right after recording it; wait for the last lines to arrive.
    await eventually(async () => delivered(logLines.join('')) + delivered(peerOut) >= 180);
    const mine = delivered(logLines.join(''));
    const theirs = delivered(peerOut);
    // Which process sends which delivery is a race; that every one is sent exactly once is not.
    expect(mine + theirs).toBe(180);
  });

  it('never queues an event twice for a subscription, even if its cursor were lost', async () => {
    await stopPeer();
    await services.webhooks.stop();
    for (const s of await services.webhooks.list()) await services.webhooks.remove(s.id);
    const rx = await startReceiver();
    receivers.push(rx);
    const { subscription } = await services.webhooks.create({ url: rx.url, events: ['order.routed'] });
    for (let i = 0; i < 5; i++) await place(`AGAIN-${i}`);
    const ctx = () => ({ now: new Date().toISOString(), ids: services.ids, batchSize: 200, lowStockThreshold: 5 });
    expect((await db.write((sql) => fanOut(sql, ctx()))).queued).toBe(5);
    expect((await db.write((sql) => fanOut(sql, ctx()))).queued).toBe(0);
    const cursor = (await services.webhooks.get(subscription.id)).cursor;
    await db.write((sql) => advanceCursor(sql, subscription.id, cursor, subscription.cursor));
    await db.write((sql) => fanOut(sql, ctx()));
    expect(await services.webhooks.deliveries(subscription.id, { limit: 50 })).toHaveLength(5);
  });

  it('lets one owner at a time claim a delivery, until its lock expires', async () => {
    const [delivery] = await services.webhooks.deliveries((await services.webhooks.list()).at(-1)?.id ?? '', { limit: 1 });
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const claim = (owner: string, nowMs = 0) =>
      db.write((sql) => claimById(sql, delivery?.id ?? '', { now: at(nowMs), lockedUntil: at(nowMs + 60_000), owner }));
    expect(await claim('wkr_a')).toMatchObject({ id: delivery?.id, eventType: 'order.routed' });
    expect(await claim('wkr_b')).toBeUndefined();
    expect(await claim('wkr_b', 30_000)).toBeUndefined();
    expect(await claim('wkr_b', 61_000)).toMatchObject({ id: delivery?.id });
  });
});
