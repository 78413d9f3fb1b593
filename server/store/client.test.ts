import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';

const dir = mkdtempSync(join(tmpdir(), 'conveyor-client-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([':memory:', `file:${join(dir, 'a.db')}`])('openDatabase(%s)', (url) => {
  it("fails a database call from inside a writer at once (it would wait for itself), under the suite's check", async () => {
    expect(process.env.CONVEYOR_TX_CHECK).toBe('1');
    const db = await openDatabase({ url });
    const insert = "INSERT INTO channels (id, name, kind, created_at) VALUES ('b', 'B', 'webshop', 'now')";
    for (const nested of [
      () => db.write((inner) => inner.execute(insert)),
      () => db.read((r) => r.execute('SELECT COUNT(*) FROM channels')),
      () => db.query('availability', ['CD']),
    ]) {
      const failed = db.write(async (sql) => {
        await sql.execute("INSERT INTO channels (id, name, kind, created_at) VALUES ('a', 'A', 'webshop', 'now')");
        await nested();
      });
      await expect(failed).rejects.toThrow(/was called from inside a writer, where it would wait for itself/);
    }
    // Nothing of the failed writers stayed; the database goes on.
    expect(await db.read(async (r) => Number((await r.execute('SELECT COUNT(*) AS n FROM channels')).rows[0]?.n))).toBe(0);
    await db.close();
  });

  it('closes only after every queued writer has committed', async () => {
    const db = await openDatabase({ url });
    const writes = Array.from({ length: 50 }, (_, i) =>
      db.write((sql) =>
        sql.execute({ sql: "INSERT INTO channels (id, name, kind, created_at) VALUES (?, 'x', 'x', 'now')", args: [`q${i}`] }),
      ),
    );
    const settled = Promise.allSettled(writes);
    await db.close();
    expect((await settled).every((r) => r.status === 'fulfilled')).toBe(true);
  });

  it('rolls back only the writer that failed when writers share a commit', async () => {
    const db = await openDatabase({ url });
    const insert = (id: string) =>
      db.write((sql) => sql.execute({ sql: "INSERT INTO channels (id, name, kind, created_at) VALUES (?, 'x', 'x', 'now')", args: [id] }));
    const results = await Promise.allSettled([insert('c'), insert('c'), insert('d')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rs = await db.read((sql) => sql.execute("SELECT id FROM channels WHERE id IN ('c', 'd') ORDER BY id"));
    expect(rs.rows.map((r) => r.id)).toEqual(['c', 'd']);
    await db.close();
  });
});

describe('the embedded client', () => {
  it('answers like @libsql/client: rows by column name, rowsAffected, lastInsertRowid, booleans as 1/0, errors with codes', async () => {
    const db = await openDatabase({ url: ':memory:' });
    const c = db.client;
    await c.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, flag INTEGER)');
    const ins = await c.execute({ sql: 'INSERT INTO t (name, flag) VALUES (?, ?), (?, ?)', args: ['a', true, 'b', false] });
    expect([ins.rowsAffected, ins.lastInsertRowid]).toEqual([2, 2n]);
    const rs = await c.execute({ sql: 'SELECT name, flag FROM t WHERE id >= :from ORDER BY id', args: { ':from': 1 } });
    expect([rs.columns, rs.rows.map((r) => ({ ...r }))]).toEqual([
      ['name', 'flag'],
      [
        { name: 'a', flag: 1 },
        { name: 'b', flag: 0 },
      ],
    ]);
    const failure = await c.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['a'] }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'LibsqlError', code: 'SQLITE_CONSTRAINT', extendedCode: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(String(failure)).toContain('UNIQUE constraint failed: t.name');
    await expect(c.execute({ sql: 'SELECT ?', args: [undefined as unknown as null] })).rejects.toThrow(TypeError);
    await db.close();
  });

  it('keeps working past its statement cache, with statements that differ only in their IN lists', async () => {
    const db = await openDatabase({ url: ':memory:' });
    for (let n = 1; n <= 700; n++) {
      const args = Array.from({ length: n }, (_, i) => i);
      const rs = await db.client.execute({
        sql: `SELECT COUNT(*) AS n FROM (SELECT 1) WHERE 1 IN (${args.map(() => '?').join(', ')})`,
        args,
      });
      expect(Number(rs.rows[0]?.n)).toBe(n > 1 ? 1 : 0);
    }
    await db.close();
  });

  it('never lets a reader see a transaction before it commits, while commits run off the event loop', async () => {
    const db = await openDatabase({ url: `file:${join(dir, 'offthread.db')}` });
    const seen = (id: string) =>
      db.read(async (sql) => (await sql.execute({ sql: 'SELECT 1 FROM channels WHERE id = ?', args: [id] })).rows.length > 0);
    const ghost = db
      .write(async (sql) => {
        await sql.execute("INSERT INTO channels (id, name, kind, created_at) VALUES ('ghost', 'x', 'x', 'now')");
        await new Promise((r) => setTimeout(r, 30));
        throw new Error('rolled back');
      })
      .catch((e: Error) => e.message);
    const real = db.write((sql) => sql.execute("INSERT INTO channels (id, name, kind, created_at) VALUES ('real', 'x', 'x', 'now')"));
    const reads: Promise<boolean>[] = [];
    for (let i = 0; i < 20; i++) {
      reads.push(seen('ghost'));
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(await ghost).toBe('rolled back');
    await real;
    expect(await Promise.all(reads)).not.toContain(true);
    expect([await seen('ghost'), await seen('real')]).toEqual([false, true]);
    await db.close();
  });
});
