// Channels and the tokens that act for people and channels. Only a token's SHA-256 is stored.
import type { Row } from '@libsql/client';
import type { Sql } from './client.ts';
import { optStr, str } from './rows.ts';

export type Role = 'admin' | 'analyst' | 'channel';

export interface Channel {
  id: string;
  name: string;
  kind: string;
  createdAt: string;
}

export interface TokenRecord {
  id: string;
  name: string;
  role: Role;
  channelId?: string | undefined;
  createdAt: string;
}

export async function insertChannel(sql: Sql, c: Channel): Promise<void> {
  await sql.execute({
    sql: 'INSERT INTO channels (id, name, kind, created_at) VALUES (?, ?, ?, ?)',
    args: [c.id, c.name, c.kind, c.createdAt],
  });
}

export async function getChannel(sql: Sql, id: string): Promise<Channel | undefined> {
  const rs = await sql.execute({ sql: 'SELECT * FROM channels WHERE id = ?', args: [id] });
  return rs.rows[0] ? toChannel(rs.rows[0]) : undefined;
}

export async function listChannels(sql: Sql): Promise<Channel[]> {
  const rs = await sql.execute('SELECT * FROM channels ORDER BY id');
  return rs.rows.map(toChannel);
}

export async function insertToken(sql: Sql, t: TokenRecord, secretHash: string): Promise<void> {
  await sql.execute({
    sql: 'INSERT INTO tokens (id, name, role, channel_id, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    args: [t.id, t.name, t.role, t.channelId ?? null, secretHash, t.createdAt],
  });
}

export async function findTokenByHash(sql: Sql, secretHash: string): Promise<TokenRecord | undefined> {
  const rs = await sql.execute({ sql: 'SELECT * FROM tokens WHERE secret_hash = ? AND revoked_at IS NULL', args: [secretHash] });
  return rs.rows[0] ? toToken(rs.rows[0]) : undefined;
}

export async function listTokens(sql: Sql): Promise<TokenRecord[]> {
  const rs = await sql.execute('SELECT * FROM tokens WHERE revoked_at IS NULL ORDER BY created_at');
  return rs.rows.map(toToken);
}

export async function revokeToken(sql: Sql, id: string, now: string): Promise<boolean> {
  const rs = await sql.execute({ sql: 'UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', args: [now, id] });
  return rs.rowsAffected === 1;
}

export async function countTokens(sql: Sql, role: Role): Promise<number> {
  const rs = await sql.execute({ sql: 'SELECT COUNT(*) AS n FROM tokens WHERE role = ? AND revoked_at IS NULL', args: [role] });
  return Number(rs.rows[0]?.n ?? 0);
}

function toChannel(row: Row): Channel {
  return { id: str(row, 'id'), name: str(row, 'name'), kind: str(row, 'kind'), createdAt: str(row, 'created_at') };
}

function toToken(row: Row): TokenRecord {
  return {
    id: str(row, 'id'),
    name: str(row, 'name'),
    role: str(row, 'role') as Role,
    channelId: optStr(row, 'channel_id'),
    createdAt: str(row, 'created_at'),
  };
}
