// A small, hand-checkable order history for the analytics tests, made through the real services
// and HTTP app with a clock the test moves: every timestamp below is chosen, so every figure is known.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../../server/app.ts';
import { createServices, type Services } from '../../server/services/container.ts';
import { openDatabase } from '../../server/store/client.ts';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import type { Order } from '../../server/domain/types.ts';
import { ADMIN, type ApiResponse, orderBody } from '../support/server.ts';

export interface History {
  services: Services;
  call(method: string, path: string, opts?: { body?: unknown; token?: string }): Promise<Pick<ApiResponse, 'status' | 'body'>>;
  /** The orders as placed, by name (O1 … O7). */
  orders: Record<string, Order>;
  close(): Promise<void>;
}

/** Starts an app over a fresh database with a movable clock. */
async function start() {
  const dir = mkdtempSync(join(tmpdir(), 'conveyor-analytics-'));
  const db = await openDatabase({ url: `file:${join(dir, 'test.db')}` });
  let now = Date.parse('2026-03-01T00:00:00Z');
  const clock = { now: () => new Date(now) };
  const services = await createServices({ db, log: pino({ level: 'silent' }), clock });
  await services.access.bootstrapAdmin(ADMIN);
  for (const w of WAREHOUSES) await services.catalogue.putWarehouse(w);
  for (const p of PRODUCTS) await services.catalogue.putProduct(p);
  for (const ch of ['webshop', 'amazon']) await services.access.createChannel({ id: ch, name: ch, kind: 'webshop' }, `key-${ch}`);
  const app = createApp(services);
  const call: History['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${o.token ?? ADMIN}` };
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
    return { status: res.status, body: await res.json() };
  };
  const at = (iso: string) => {
    now = Date.parse(iso);
  };
  const close = async () => {
    await services.dispose();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { services, call, at, close };
}

/**
 * Seven orders over 2–4 March 2026 (GB, test network; packets from MAN cost 150 + 100 handling):
 * O1 webshop CD×2, shipped +6 h, delivered +48 h (on time), one unit returned (wrong_item, sellable)
 * O2 amazon CD×1, shipped +24 h, delivered +96 h (late), one unit on a requested return (damaged_in_transit)
 * O3 webshop TONGS×2, split MAN + BER, both shipped +6 h
 * O4 webshop BBQ×1, backordered, filled when one BBQ arrives on 4 March 09:00
 * O5 webshop CD×1, cancelled
 * O6 amazon BBQ×2, backordered, a reroute on demand finds no stock
 * O7 webshop CD×1, placed 2026-03-05T01:00+02:00 (4 March 23:00 UTC), routed
 */
export async function makeHistory(): Promise<History> {
  const h = await start();
  const stock = [
    { sku: 'CD', warehouseId: 'MAN', onHand: 100 },
    { sku: 'TONGS', warehouseId: 'MAN', onHand: 1 },
    { sku: 'TONGS', warehouseId: 'BER', onHand: 1 },
  ];
  await h.services.inventory.adjust('opening stock', stock);
  const orders: Record<string, Order> = {};
  const place = async (name: string, channel: string, placedAt: string, lines: { sku: string; quantity: number }[]) => {
    h.at(placedAt.endsWith('Z') ? placedAt : '2026-03-04T23:00:00Z');
    const res = await h.call('POST', '/v1/orders', { token: `key-${channel}`, body: orderBody(name, lines, 'GB', { placedAt }) });
    if (res.status !== 201) throw new Error(`${name}: ${JSON.stringify(res.body)}`);
    orders[name] = res.body;
    return res.body;
  };
  const move = async (what: 'ship' | 'deliver', fulfillmentId: string, at: string) => {
    h.at(at);
    const res = await h.call('POST', `/v1/fulfillments/${fulfillmentId}/${what}`, what === 'ship' ? { body: { trackingNumber: 'T' } } : {});
    if (res.status !== 200) throw new Error(`${what} ${fulfillmentId}: ${JSON.stringify(res.body)}`);
  };

  const o1 = await place('O1', 'webshop', '2026-03-02T10:00:00Z', [{ sku: 'CD', quantity: 2 }]);
  await move('ship', o1.fulfillments[0].id, '2026-03-02T16:00:00Z');
  await move('deliver', o1.fulfillments[0].id, '2026-03-04T10:00:00Z');
  const o2 = await place('O2', 'amazon', '2026-03-02T12:00:00Z', [{ sku: 'CD', quantity: 1 }]);
  await move('ship', o2.fulfillments[0].id, '2026-03-03T12:00:00Z');
  await move('deliver', o2.fulfillments[0].id, '2026-03-06T12:00:00Z');
  const o3 = await place('O3', 'webshop', '2026-03-03T09:00:00Z', [{ sku: 'TONGS', quantity: 2 }]);
  for (const f of o3.fulfillments) await move('ship', f.id, '2026-03-03T15:00:00Z');
  await place('O4', 'webshop', '2026-03-03T11:00:00Z', [{ sku: 'BBQ', quantity: 1 }]);
  const o5 = await place('O5', 'webshop', '2026-03-03T13:00:00Z', [{ sku: 'CD', quantity: 1 }]);
  h.at('2026-03-03T14:00:00Z');
  await h.call('POST', `/v1/orders/${o5.id}/cancel`);
  const o6 = await place('O6', 'amazon', '2026-03-04T08:00:00Z', [{ sku: 'BBQ', quantity: 2 }]);
  h.at('2026-03-04T09:00:00Z');
  await h.call('POST', '/v1/inventory/adjustments', {
    body: { reason: 'delivery', adjustments: [{ sku: 'BBQ', warehouseId: 'MAN', delta: 1 }] },
  });
  await h.services.broker.settled();
  h.at('2026-03-04T10:00:00Z');
  await h.call('POST', `/v1/orders/${o6.id}/reroute`);
  await place('O7', 'webshop', '2026-03-05T01:00:00+02:00', [{ sku: 'CD', quantity: 1 }]);

  h.at('2026-03-05T10:00:00Z');
  const r1 = await h.call('POST', `/v1/orders/${o1.id}/returns`, { body: { lines: [{ sku: 'CD', quantity: 1 }], reason: 'wrong_item' } });
  await h.call('POST', `/v1/returns/${r1.body.id}/receive`, {
    body: { warehouseId: 'MAN', lines: [{ sku: 'CD', quantity: 1, condition: 'sellable' }] },
  });
  await h.call('POST', `/v1/orders/${o2.id}/returns`, { body: { lines: [{ sku: 'CD', quantity: 1 }], reason: 'damaged_in_transit' } });
  await h.services.broker.settled();
  return { services: h.services, call: h.call, orders, close: h.close };
}
