// `npm run simulate` as a process on a temp database seeded with the demo: the KPI table, the
// progress bar, the result file, exit codes, and no write to live tables.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../server/demo/seed.ts';
import { createServices } from '../../server/services/container.ts';
import { generateOrders } from '../../server/simulate/generator.ts';
import { openDatabase } from '../../server/store/client.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;
let url: string;

async function liveTables() {
  const db = await openDatabase({ url });
  const count = async (table: string) => Number((await db.client.execute(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]?.n);
  const stock = (await db.client.execute('SELECT SUM(on_hand) AS h, SUM(reserved) AS r FROM stock')).rows[0];
  const state = { orders: await count('orders'), events: await count('events'), onHand: Number(stock?.h), reserved: Number(stock?.r) };
  await db.close();
  return state;
}

function simulate(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--no-node-snapshot', '--import', 'tsx', 'server/simulate/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'conveyor-cli-'));
  url = `file:${join(dir, 'demo.db')}`;
  const db = await openDatabase({ url });
  const s = await createServices({ db, log: pino({ level: 'silent' }) });
  await seedDemo(s);
  await s.policies.saveDraft({ rules: [] }, 'test');
  await s.dispose();
  await db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('replays a generated history against the database policies and prints progress and the KPI table', async () => {
  const before = await liveTables();
  const out = join(dir, 'result.json');
  const run = await simulate([
    '--generate',
    '600',
    '--seed',
    '3',
    '--baseline',
    'published',
    '--candidate',
    'draft',
    '--candidate',
    'published,name=half-stock,stock=0.5',
    '--out',
    out,
  ]);
  expect(run.stderr).toContain('[####################] 100% 600/600 orders');
  expect(run.code).toBe(0);
  const [header = '', , ...rows] = run.stdout.split('\n');
  expect(header).toMatch(/baseline \(v1\)\s+draft\s+half-stock \(v1\)/);
  for (const label of [
    'landed / order (GBP)',
    'split rate',
    'packages / order',
    'delivery days (p95)',
    'on time',
    'cross-border',
    'on hold',
    'macro failures',
    'changed vs baseline',
  ]) {
    expect(rows.some((r) => r.startsWith(label))).toBe(true);
  }
  expect(rows.find((r) => r.startsWith('orders'))).toMatch(/^orders\s+600\s+600\s+600$/);
  expect(run.stdout).toMatch(/draft: [\d,]+ order\(s\) decided differently/);
  const result = JSON.parse(readFileSync(out, 'utf8'));
  expect(result.variants.map((v: { name: string }) => v.name)).toEqual(['baseline', 'draft', 'half-stock']);
  expect(result.changedOrders[0].orders.length).toBeGreaterThan(0);
  expect(await liveTables()).toEqual(before);
});

it('stages an NDJSON file out of time order and replays it in order; gives the same result file twice', async () => {
  const file = join(dir, 'history.ndjson');
  writeFileSync(
    file,
    `${[...generateOrders({ count: 200, seed: 6 })]
      .reverse()
      .map((o) => JSON.stringify(o))
      .join('\n')}\n`,
  );
  const outs = [join(dir, 'a.json'), join(dir, 'b.json')];
  for (const out of outs) {
    const run = await simulate(['--orders', file, '--candidate', 'draft', '--quiet', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  }
  expect(readFileSync(outs[0]!, 'utf8')).toBe(readFileSync(outs[1]!, 'utf8'));
  expect(JSON.parse(readFileSync(outs[0]!, 'utf8')).history).toMatchObject({ orders: 200, replayed: 200 });
});

it('exits 2 with the usage on bad arguments and 1 when the run fails', async () => {
  const usage = await simulate(['--generate', '0']);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('usage: npm run simulate');
  const failed = await simulate(['--generate', '10', '--candidate', 'published,disable=MARS', '--quiet']);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toContain('MARS');
});
