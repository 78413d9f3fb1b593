import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedClient } from './embedded-client.ts';
import { commitJobs, commitTogether, type WriteJob } from './write-queue.ts';

const dir = mkdtempSync(join(tmpdir(), 'conveyor-write-queue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function table(name: string): Promise<EmbeddedClient> {
  const client = new EmbeddedClient(join(dir, `${name}.db`), { busyTimeoutMs: 1_000, waitOnPool: false });
  await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('CREATE TABLE t (id TEXT PRIMARY KEY)');
  return client;
}

const insert = (id: string): WriteJob => ({ fn: (sql) => sql.execute({ sql: 'INSERT INTO t (id) VALUES (?)', args: [id] }) });
const ids = async (client: EmbeddedClient) => (await client.execute('SELECT id FROM t ORDER BY id')).rows.map((r) => r.id);

describe('commitTogether', () => {
  it('commits writers that all succeed in one transaction', async () => {
    const client = await table('together');
    const jobs = [insert('a'), insert('b')];
    expect(await commitTogether(client, jobs)).toBe(true);
    expect(await ids(client)).toEqual(['a', 'b']);
    expect(jobs.map((j) => j.outcome?.ok)).toEqual([true, true]);
    client.close();
  });

  it('writes nothing when one writer fails, and commitJobs then fails that one alone', async () => {
    const client = await table('refused');
    const refusing: WriteJob = {
      fn: async (sql) => {
        await sql.execute("INSERT INTO t (id) VALUES ('half')");
        throw new Error('refused');
      },
    };
    const between: string[] = [];
    const jobs = [insert('c'), refusing, insert('d')];
    expect(await commitTogether(client, jobs, async () => void between.push('read'))).toBe(false);
    // Rolled back whole: not even the writers before the refusal, nor the half of it.
    expect(await ids(client)).toEqual([]);
    expect(jobs.map((j) => j.outcome)).toEqual([undefined, undefined, undefined]);
    expect(between).toEqual(['read']);
    await commitJobs(client, jobs);
    expect(await ids(client)).toEqual(['c', 'd']);
    expect(jobs.map((j) => j.outcome?.ok)).toEqual([true, false, true]);
    expect(jobs[1]?.outcome).toMatchObject({ ok: false, error: new Error('refused') });
    client.close();
  });

  it('fails a single writer without running it again, and writes nothing of it', async () => {
    const client = await table('single');
    let runs = 0;
    const refusing: WriteJob = {
      fn: async (sql) => {
        runs++;
        await sql.execute("INSERT INTO t (id) VALUES ('half')");
        throw new Error('refused');
      },
    };
    expect(await commitTogether(client, [refusing])).toBe(true);
    expect(refusing.outcome).toMatchObject({ ok: false, error: new Error('refused') });
    expect(runs).toBe(1);
    expect(await ids(client)).toEqual([]);
    client.close();
  });

  it('fails the whole batch, as done, when what goes wrong is not a writer: BEGIN or the reads between', async () => {
    const client = await table('begin');
    // Another connection holds the write lock, and this one does not wait for it: BEGIN fails.
    const holder = new EmbeddedClient(join(dir, 'begin.db'), { busyTimeoutMs: 1_000, waitOnPool: false });
    const impatient = new EmbeddedClient(join(dir, 'begin.db'), { busyTimeoutMs: 0, waitOnPool: false });
    await holder.execute('BEGIN IMMEDIATE');
    const jobs = [insert('e'), insert('f')];
    expect(await commitTogether(impatient, jobs)).toBe(true);
    expect(jobs.map((j) => j.outcome?.ok)).toEqual([false, false]);
    await holder.execute('ROLLBACK');
    holder.close();
    impatient.close();

    const between = [insert('g'), insert('h')];
    const failingRead = async () => {
      throw new Error('the read between failed');
    };
    expect(await commitTogether(client, between, failingRead)).toBe(true);
    expect(between.map((j) => j.outcome)).toEqual([
      { ok: false, error: new Error('the read between failed') },
      { ok: false, error: new Error('the read between failed') },
    ]);
    expect(await ids(client)).toEqual([]);
    client.close();
  });
});
