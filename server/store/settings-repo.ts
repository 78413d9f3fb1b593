// Versioned settings: each write appends a version holding the overrides in force from then on
// (what differs from the built-in defaults) and the change that produced them (null: a reset).
import type { Row } from '@libsql/client';
import type { Sql } from './client.ts';
import { json, num, str } from './rows.ts';

export interface SettingsVersion {
  version: number;
  /** Every override in force from this version on (the defaults fill in the rest). */
  overrides: unknown;
  /** What this write sent; null when it reset the key to the defaults. */
  change: unknown;
  updatedAt: string;
  updatedBy: string;
}

const toVersion = (row: Row): SettingsVersion => ({
  version: num(row, 'version'),
  overrides: json(row, 'overrides'),
  change: row.change == null ? null : json(row, 'change'),
  updatedAt: str(row, 'updated_at'),
  updatedBy: str(row, 'updated_by'),
});

/** The live version of a key, or undefined when it was never set. */
export async function latestSettings(sql: Sql, key: string): Promise<SettingsVersion | undefined> {
  const rs = await sql.execute({ sql: 'SELECT * FROM settings_versions WHERE key = ? ORDER BY version DESC LIMIT 1', args: [key] });
  const row = rs.rows[0];
  return row ? toVersion(row) : undefined;
}

/** Versions of a key, newest first. */
export async function listSettingsVersions(sql: Sql, key: string, limit: number): Promise<SettingsVersion[]> {
  const rs = await sql.execute({ sql: 'SELECT * FROM settings_versions WHERE key = ? ORDER BY version DESC LIMIT ?', args: [key, limit] });
  return rs.rows.map(toVersion);
}

/** Appends the next version of a key, in the caller's transaction; answers its number. */
export async function appendSettingsVersion(sql: Sql, key: string, v: Omit<SettingsVersion, 'version'>): Promise<number> {
  const rs = await sql.execute({ sql: 'SELECT COALESCE(MAX(version), 0) + 1 AS next FROM settings_versions WHERE key = ?', args: [key] });
  const version = Number(rs.rows[0]?.next ?? 1);
  await sql.execute({
    sql: 'INSERT INTO settings_versions (key, version, overrides, change, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)',
    args: [key, version, JSON.stringify(v.overrides), v.change === null ? null : JSON.stringify(v.change), v.updatedAt, v.updatedBy],
  });
  return version;
}
