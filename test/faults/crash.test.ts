// Kill -9 in the middle of a load, start again on the same database: every order that got a 2xx
// is there exactly once, the same order posted again is recognised, and the books balance.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { syntheticOrder } from '../bench/orders.ts';
import { startServerProcess, type ServerProcess } from '../bench/server-process.ts';

const ADMIN = 'crash-admin';
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const s of running) await s.stop('SIGKILL');
  for (const s of running) rmSync(s.dir, { recursive: true, force: true });
});

async function post(url: string, body: unknown): Promise<{ status: number; id?: string } | undefined> {
  try {
    const res = await fetch(`${url}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO_KEYS.webshop}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { id?: string };
    return { status: res.status, id: json.id };
  } catch {
    return undefined; // the connection died with the server: the outcome is unknown to the client
  }
}

describe('crash in the middle of a load', () => {
  it('keeps every acknowledged order exactly once and the invariants intact', async () => {
    const first = await startServerProcess({ CONVEYOR_ADMIN_TOKEN: ADMIN, CONVEYOR_DEMO: '1' });
    running.push(first);
    const acknowledged = new Map<string, { id: string; body: unknown }>();
    let next = 0;
    let killed = false;
    const client = async () => {
      while (!killed) {
        const body = syntheticOrder(next++, 'CRASH');
        const r = await post(first.url, body);
        if (r && r.status >= 200 && r.status < 300 && r.id)
          acknowledged.set((body as { externalId: string }).externalId, { id: r.id, body });
      }
    };
    const clients = Array.from({ length: 32 }, client);
    await new Promise((r) => setTimeout(r, 1500));
    killed = true;
    first.child.kill('SIGKILL');
    await Promise.all(clients);
    expect(acknowledged.size).toBeGreaterThan(20);

    const second = await startServerProcess({ CONVEYOR_ADMIN_TOKEN: ADMIN, CONVEYOR_DEMO: '1' }, first.dir);
    running.push(second);
    for (const [externalId, { id }] of acknowledged) {
      const res = await fetch(`${second.url}/v1/orders/${id}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { externalId: string }).externalId).toBe(externalId);
    }
    const [someExternalId, some] = [...acknowledged][0]!;
    const again = await post(second.url, some.body);
    expect(again).toEqual({ status: 200, id: some.id });
    expect(someExternalId).toMatch(/^CRASH-/);
    await second.stop('SIGTERM');
    const check = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'server/check.ts', `--database=file:${join(first.dir, 'conveyor.db')}`],
      {
        cwd: join(import.meta.dirname, '..', '..'),
        encoding: 'utf8',
      },
    );
    expect(check).toContain('all invariants hold');
  }, 60_000);
});
