// The outbox invariant: on a live server with a receiver that answers and one that always fails,
// every event is counted delivered, pending or dead-lettered; a database corrupted by hand (a
// delivery row deleted behind the cursor, a cursor past the log, a settled row still claimed) fails
// the check, in process and through `npm run check`.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../server/services/invariants.ts';
import { PRODUCTS, WAREHOUSES } from '../support/network.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';
import { eventually, FAST, startReceiver, type Receiver } from './receiver.ts';

let t: TestServer;
const receivers: Receiver[] = [];

beforeAll(async () => {
  t = await startTestServer({
    warehouses: WAREHOUSES,
    products: PRODUCTS,
    channels: ['webshop'],
    stock: [{ sku: 'CD', warehouseId: 'MAN', onHand: 1000 }],
  });
  t.services.webhooks.dispatcher.configure(FAST);
});
afterAll(async () => {
  await t.close();
  for (const rx of receivers) await rx.close();
});

async function subscribe(events: string[], failing = false): Promise<string> {
  const rx = await startReceiver();
  if (failing) rx.script(...Array.from({ length: 200 }, () => ({ status: 500 })));
  receivers.push(rx);
  const res = await t.call('POST', '/v1/webhooks', { body: { url: rx.url, events } });
  expect(res.status).toBe(201);
  return res.body.id;
}

const sql = (text: string, args: (string | number)[] = []) => t.services.db.client.execute({ sql: text, args });
const deliveries = async (id: string) =>
  (await sql('SELECT id, event_id, status FROM webhook_deliveries WHERE subscription_id = ? ORDER BY n', [id])).rows;
const check = () => checkInvariants(t.services.db, { webhookMaxAttempts: FAST.maxAttempts });

describe('the webhook outbox invariant', () => {
  let healthy: string;
  let failing: string;

  it('holds on a live outbox and counts every delivery by state', async () => {
    healthy = await subscribe(['order.*']);
    failing = await subscribe(['order.routed'], true);
    for (let i = 1; i <= 3; i++) {
      const res = await t.call('POST', '/v1/orders', {
        token: 'key-webshop',
        body: orderBody(`OUTBOX-${i}`, [{ sku: 'CD', quantity: 1 }]),
      });
      expect(res.status).toBe(201);
    }
    await eventually(async () => (await deliveries(healthy)).filter((d) => d.status === 'succeeded').length === 3);
    await eventually(async () => (await deliveries(failing)).some((d) => d.status === 'failed'), 15_000);
    const report = await check();
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checked.outbox).toMatchObject({ subscriptions: 2, delivered: 3, awaitingFanOut: 0 });
    expect(report.checked.outbox.deadLettered).toBeGreaterThanOrEqual(1);
    const { queued, retrying, inFlight, deadLettered } = report.checked.outbox;
    expect(queued + retrying + inFlight + deadLettered).toBe(3);
  });

  it('verifies deliveries from the cursor a subscription started at, whatever its timestamps say', async () => {
    const late = await subscribe(['order.*']);
    // A creation stamped before events its transaction already saw (the clock read before the write
    // queued): those events were never this subscription's to deliver.
    await sql(
      "UPDATE webhook_subscriptions SET created_at = '2000-01-01T00:00:00.000Z', updated_at = '2000-01-01T00:00:00.000Z' WHERE id = ?",
      [late],
    );
    const mine = (r: Awaited<ReturnType<typeof check>>) => r.violations.filter((v) => v.subject.startsWith(late));
    expect(mine(await check())).toEqual([]);
    // An event after its start that lost its delivery is still caught.
    const res = await t.call('POST', '/v1/orders', { token: 'key-webshop', body: orderBody('OUTBOX-LATE', [{ sku: 'CD', quantity: 1 }]) });
    expect(res.status).toBe(201);
    await eventually(async () => (await deliveries(late)).filter((d) => d.status === 'succeeded').length === 1);
    const [only] = await deliveries(late);
    await sql('DELETE FROM webhook_attempts WHERE delivery_id = ?', [String(only?.id)]);
    await sql('DELETE FROM webhook_deliveries WHERE id = ?', [String(only?.id)]);
    expect(mine(await check())).toEqual([expect.objectContaining({ kind: 'outbox_lost', subject: `${late} ${only?.event_id}` })]);
    await sql('UPDATE webhook_subscriptions SET active = 0 WHERE id = ?', [late]);
  });

  it('reports an event whose delivery row was deleted behind the cursor as lost', async () => {
    const [, second] = await deliveries(healthy);
    await sql('DELETE FROM webhook_attempts WHERE delivery_id = ?', [String(second?.id)]);
    await sql('DELETE FROM webhook_deliveries WHERE id = ?', [String(second?.id)]);
    const report = await check();
    expect(report.ok).toBe(false);
    expect(report.violations).toContainEqual({
      kind: 'outbox_lost',
      subject: `${healthy} ${second?.event_id}`,
      message: expect.stringMatching(/^order\.routed \(seq \d+\) is behind the cursor \d+ but has no delivery/),
    });
  });

  it('reports a cursor past the end of the log and a settled delivery that is still claimed', async () => {
    const [first] = await deliveries(healthy);
    await sql("UPDATE webhook_deliveries SET locked_by = 'wkr_gone', locked_until = '2999-01-01T00:00:00.000Z' WHERE id = ?", [
      String(first?.id),
    ]);
    await sql('UPDATE webhook_subscriptions SET cursor = cursor + 1000 WHERE id = ?', [failing]);
    const { violations } = await check();
    expect(violations).toContainEqual(
      expect.objectContaining({
        kind: 'outbox_state',
        message: `delivery of ${first?.event_id} is succeeded but still claimed by wkr_gone`,
      }),
    );
    expect(violations).toContainEqual(
      expect.objectContaining({
        kind: 'outbox_cursor',
        subject: failing,
        message: expect.stringContaining('past the end of the event log'),
      }),
    );
  });

  it('makes npm run check print the outbox by state, name the lost event and exit 1', () => {
    let out = '';
    let status = 0;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'server/check.ts', `--database=file:${join(t.dir, 'test.db')}`], {
        cwd: join(import.meta.dirname, '..', '..'),
        encoding: 'utf8',
      });
    } catch (error) {
      const e = error as { status: number; stdout: string };
      status = e.status;
      out = e.stdout;
    }
    expect(status).toBe(1);
    expect(out).toMatch(
      /webhook outbox, 2 active subscription\(s\): \d+ delivered, \d+ queued, \d+ retrying, \d+ in flight, \d+ dead-lettered/,
    );
    expect(out).toMatch(/outbox_lost +whk_\S+ evt_\d+: order\.routed \(seq \d+\) is behind the cursor/);
    expect(out).toContain('violation(s)');
  });
});
