// 200 clients race for the last 10 units through two server processes sharing one database file:
// exactly 10 units are reserved and everyone else is backordered.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { startServerProcess, type ServerProcess } from '../bench/server-process.ts';
import { orderBody } from '../support/server.ts';

const ADMIN = 'oversell-admin';
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const s of running) await s.stop('SIGKILL');
  for (const s of running) rmSync(s.dir, { recursive: true, force: true });
});

describe('two app processes, one database', () => {
  it('never oversells the last units', async () => {
    const a = await startServerProcess({ CONVEYOR_ADMIN_TOKEN: ADMIN, CONVEYOR_DEMO: '1' });
    running.push(a);
    const b = await startServerProcess({ CONVEYOR_ADMIN_TOKEN: ADMIN, CONVEYOR_DEMO: '1' }, a.dir);
    running.push(b);
    const adjust = await fetch(`${a.url}/v1/inventory/adjustments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        reason: 'last units',
        adjustments: [
          { sku: 'SHEARS', warehouseId: 'UK-MAN', onHand: 6 },
          { sku: 'SHEARS', warehouseId: 'DE-BER', onHand: 4 },
          { sku: 'SHEARS', warehouseId: 'US-NJ', onHand: 0 },
        ],
      }),
    });
    expect(adjust.status).toBe(200);
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const res = await fetch(`${(i % 2 === 0 ? a : b).url}/v1/orders`, {
          method: 'POST',
          headers: { authorization: `Bearer ${DEMO_KEYS.webshop}`, 'content-type': 'application/json' },
          body: JSON.stringify(orderBody(`LAST-${i}`, [{ sku: 'SHEARS', quantity: 1 }])),
        });
        return { status: res.status, body: (await res.json()) as { status: string } };
      }),
    );
    expect(results.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    expect(results.filter((r) => r.body.status === 'routed')).toHaveLength(10);
    expect(results.filter((r) => r.body.status === 'backordered')).toHaveLength(190);
    const inv = await fetch(`${b.url}/v1/inventory/SHEARS`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(((await inv.json()) as { total: unknown }).total).toEqual({ onHand: 10, reserved: 10, available: 0 });
  }, 60_000);
});
