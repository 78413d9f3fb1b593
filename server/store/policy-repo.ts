// The draft policy document, its published versions and which version is live.
import type { Row } from '@libsql/client';
import type { Sql } from './client.ts';
import { json, num, optStr, str } from './rows.ts';

export interface PolicyDraft {
  document: unknown;
  updatedAt: string;
  updatedBy: string;
}

export interface PolicyVersion {
  version: number;
  document: unknown;
  /** The exact macro versions this policy runs, by name. */
  macros: Record<string, number>;
  publishedAt: string;
  publishedBy: string;
  note?: string | undefined;
}

export async function getDraft(sql: Sql): Promise<PolicyDraft | undefined> {
  const rs = await sql.execute('SELECT * FROM policy_draft WHERE id = 1');
  const row = rs.rows[0];
  return row ? { document: json(row, 'document'), updatedAt: str(row, 'updated_at'), updatedBy: str(row, 'updated_by') } : undefined;
}

export async function saveDraft(sql: Sql, d: PolicyDraft): Promise<void> {
  await sql.execute({
    sql: `INSERT INTO policy_draft (id, document, updated_at, updated_by) VALUES (1, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    args: [JSON.stringify(d.document), d.updatedAt, d.updatedBy],
  });
}

/** Stores a new version and makes it live, in the caller's transaction. */
export async function insertVersionAndGoLive(sql: Sql, v: Omit<PolicyVersion, 'version'>): Promise<number> {
  const rs = await sql.execute('SELECT COALESCE(MAX(version), 0) + 1 AS next FROM policy_versions');
  const version = Number(rs.rows[0]?.next ?? 1);
  await sql.execute({
    sql: 'INSERT INTO policy_versions (version, document, macros, published_at, published_by, note) VALUES (?, ?, ?, ?, ?, ?)',
    args: [version, JSON.stringify(v.document), JSON.stringify(v.macros), v.publishedAt, v.publishedBy, v.note ?? null],
  });
  await sql.execute({
    sql: `INSERT INTO policy_live (id, version, changed_at) VALUES (1, ?, ?)
          ON CONFLICT (id) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at`,
    args: [version, v.publishedAt],
  });
  return version;
}

export async function liveVersion(sql: Sql): Promise<number | null> {
  const rs = await sql.execute('SELECT version FROM policy_live WHERE id = 1');
  return rs.rows[0] ? num(rs.rows[0], 'version') : null;
}

export async function getVersion(sql: Sql, version: number): Promise<PolicyVersion | undefined> {
  const rs = await sql.execute({ sql: 'SELECT * FROM policy_versions WHERE version = ?', args: [version] });
  return rs.rows[0] ? toVersion(rs.rows[0]) : undefined;
}

export async function listVersions(sql: Sql): Promise<Omit<PolicyVersion, 'document'>[]> {
  const rs = await sql.execute('SELECT version, macros, published_at, published_by, note FROM policy_versions ORDER BY version DESC');
  return rs.rows.map((r) => ({
    version: num(r, 'version'),
    macros: json(r, 'macros'),
    publishedAt: str(r, 'published_at'),
    publishedBy: str(r, 'published_by'),
    note: optStr(r, 'note'),
  }));
}

function toVersion(row: Row): PolicyVersion {
  return {
    version: num(row, 'version'),
    document: json(row, 'document'),
    macros: json(row, 'macros'),
    publishedAt: str(row, 'published_at'),
    publishedBy: str(row, 'published_by'),
    note: optStr(row, 'note'),
  };
}
