// Macros and their versions: every save is a new immutable version; the draft is the newest.
import type { Row } from '@libsql/client';
import type { Sql } from './client.ts';
import { json, num, placeholders, str } from './rows.ts';

export type HookName = 'pack' | 'decide' | 'score';

export interface MacroVersion {
  name: string;
  version: number;
  source: string;
  js: string;
  hooks: HookName[];
  createdAt: string;
  createdBy: string;
}

/** Stores a new version and makes it the draft; returns its number. */
export async function insertMacroVersion(sql: Sql, m: Omit<MacroVersion, 'version'>): Promise<number> {
  const rs = await sql.execute({ sql: 'SELECT COALESCE(MAX(version), 0) + 1 AS next FROM macro_versions WHERE name = ?', args: [m.name] });
  const version = Number(rs.rows[0]?.next ?? 1);
  await sql.execute({
    sql: 'INSERT INTO macro_versions (name, version, source, js, hooks, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
    args: [m.name, version, m.source, m.js, JSON.stringify(m.hooks), m.createdAt, m.createdBy],
  });
  await sql.execute({
    sql: `INSERT INTO macros (name, draft_version, deleted_at) VALUES (?, ?, NULL)
          ON CONFLICT (name) DO UPDATE SET draft_version = excluded.draft_version, deleted_at = NULL`,
    args: [m.name, version],
  });
  return version;
}

/** The draft (newest) version of each macro that is not deleted. */
export async function listDraftMacros(sql: Sql): Promise<MacroVersion[]> {
  const rs = await sql.execute(
    `SELECT v.* FROM macros m JOIN macro_versions v ON v.name = m.name AND v.version = m.draft_version
     WHERE m.deleted_at IS NULL ORDER BY m.name`,
  );
  return rs.rows.map(toVersion);
}

export async function getDraftMacro(sql: Sql, name: string): Promise<MacroVersion | undefined> {
  const rs = await sql.execute({
    sql: `SELECT v.* FROM macros m JOIN macro_versions v ON v.name = m.name AND v.version = m.draft_version
          WHERE m.name = ? AND m.deleted_at IS NULL`,
    args: [name],
  });
  return rs.rows[0] ? toVersion(rs.rows[0]) : undefined;
}

export async function getMacroVersion(sql: Sql, name: string, version: number): Promise<MacroVersion | undefined> {
  const rs = await sql.execute({ sql: 'SELECT * FROM macro_versions WHERE name = ? AND version = ?', args: [name, version] });
  return rs.rows[0] ? toVersion(rs.rows[0]) : undefined;
}

export async function listMacroVersions(sql: Sql, name: string): Promise<Omit<MacroVersion, 'js' | 'source'>[]> {
  const rs = await sql.execute({
    sql: 'SELECT name, version, hooks, created_at, created_by FROM macro_versions WHERE name = ? ORDER BY version',
    args: [name],
  });
  return rs.rows.map((r) => ({
    name: str(r, 'name'),
    version: num(r, 'version'),
    hooks: json(r, 'hooks'),
    createdAt: str(r, 'created_at'),
    createdBy: str(r, 'created_by'),
  }));
}

/** Several exact versions at once: { name: version } -> versions found. */
export async function getMacroVersions(sql: Sql, pins: Record<string, number>): Promise<MacroVersion[]> {
  const names = Object.keys(pins);
  if (names.length === 0) return [];
  const rs = await sql.execute({ sql: `SELECT * FROM macro_versions WHERE name IN (${placeholders(names.length)})`, args: names });
  return rs.rows.map(toVersion).filter((m) => pins[m.name] === m.version);
}

/** Hides a macro from the draft; its versions stay, since published policies may pin them. */
export async function deleteMacro(sql: Sql, name: string, now: string): Promise<boolean> {
  const rs = await sql.execute({ sql: 'UPDATE macros SET deleted_at = ? WHERE name = ? AND deleted_at IS NULL', args: [now, name] });
  return rs.rowsAffected === 1;
}

function toVersion(row: Row): MacroVersion {
  return {
    name: str(row, 'name'),
    version: num(row, 'version'),
    source: str(row, 'source'),
    js: str(row, 'js'),
    hooks: json(row, 'hooks'),
    createdAt: str(row, 'created_at'),
    createdBy: str(row, 'created_by'),
  };
}
