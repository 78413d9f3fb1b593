// `npm start` as a user runs it: a real process on an empty database seeds the demo, prints the
// keys, routes a curl-style order, and stops gracefully on SIGTERM.
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../bench/server-process.ts';

let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop('SIGKILL');
});

describe('npm start', () => {
  it('seeds the demo, prints the keys and routes an order from the printed webshop key', async () => {
    server = await startServerProcess({ CONVEYOR_DEMO: '1', LOG_LEVEL: 'info' });
    const out = server.output();
    expect(out).toContain('Admin token (shown once, stored hashed): cv_admin_');
    const key = /webshop=(\S+)/.exec(out)?.[1];
    expect(key).toBeTruthy();
    const res = await fetch(`${server.url}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        externalId: 'WEB-1001',
        placedAt: '2026-11-24T10:00:00Z',
        serviceLevel: 'standard',
        shipTo: { name: 'A. Buyer', line1: '1 High St', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB', lat: 53.8, lon: -1.55 },
        lines: [
          { sku: 'OIL-OLIVE-5L', quantity: 2, unitPrice: 1299 },
          { sku: 'CD-BLUE', quantity: 1, unitPrice: 899 },
        ],
      }),
    });
    expect(res.status).toBe(201);
    const order = (await res.json()) as {
      status: string;
      fulfillments: { warehouseId: string; packages: unknown[]; cost: { total: number } }[];
    };
    expect(order.status).toBe('routed');
    expect(order.fulfillments[0]?.warehouseId).toBe('UK-MAN');
    expect(order.fulfillments[0]?.packages.length).toBeGreaterThan(0);
    expect(order.fulfillments[0]?.cost.total).toBeGreaterThan(0);
    // The request log line reaches us through the child's stdout pipe a moment after the response.
    for (let i = 0; i < 100 && !server.output().includes('"path":"/v1/orders"'); i++) await new Promise((r) => setTimeout(r, 20));
    const logLines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(logLines.some((l) => l.includes('"path":"/v1/orders"'))).toBe(true);
    expect(logLines.some((l) => l.includes(key as string))).toBe(false);
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.output()).toContain('stopped');
  });

  it('starts on the same database again without seeding twice, and prints no new admin token', async () => {
    const dir = server?.dir as string;
    server = await startServerProcess({ CONVEYOR_DEMO: '1' }, dir);
    expect(server.output()).not.toContain('Admin token');
    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await server.stop('SIGTERM')).toBe(0);
  });

  it('runs a cluster of workers on one port and database with CONVEYOR_WORKERS', async () => {
    server = await startServerProcess({ CONVEYOR_DEMO: '1', CONVEYOR_WORKERS: '2' });
    expect(server.output()).toContain('2 workers');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${server?.url}/v1/orders`, {
          method: 'POST',
          headers: { authorization: 'Bearer cv_demo_webshop_key', 'content-type': 'application/json' },
          body: JSON.stringify({
            externalId: `CLUSTER-${i}`,
            placedAt: '2026-11-24T10:00:00Z',
            shipTo: { name: 'A. Buyer', line1: '1 High St', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' },
            lines: [{ sku: 'CD-BLUE', quantity: 1, unitPrice: 899 }],
          }),
        }).then((r) => r.status),
      ),
    );
    expect(results).toEqual(Array(20).fill(201));
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});
