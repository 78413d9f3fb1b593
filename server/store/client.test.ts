import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';

const dir = mkdtempSync(join(tmpdir(), 'conveyor-client-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([':memory:', `file:${join(dir, 'a.db')}`])('openDatabase(%s)', (url) => {
  it('lets a writer read and write through its own transaction instead of waiting for itself', async () => {
    const db = await openDatabase({ url });
    const seen = await db.write(async (sql) => {
      await sql.execute("INSERT INTO channels (id, name, kind, created_at) VALUES ('a', 'A', 'webshop', 'now')");
      await db.write((inner) => inner.execute("INSERT INTO channels (id, name, kind, created_at) VALUES ('b', 'B', 'webshop', 'now')"));
      return db.read(async (r) => Number((await r.execute('SELECT COUNT(*) AS n FROM channels')).rows[0]?.n));
    });
    expect(seen).toBe(2);
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
