// Webhook deliveries and every attempt. Deliveries are a queue per subscription ordered by `n`; a
// process owns one while `locked_until` is in the future (a guarded claim).
import type { Row } from '@libsql/client';
import type { Sql } from './client.ts';
import { bool, json, num, optStr, placeholders, rows, str } from './rows.ts';

export interface AttemptRecord {
  attempt: number;
  at: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseSnippet: string | null;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface DeliveryRecord {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventSeq: number | null;
  eventType: string;
  payload: unknown;
  status: DeliveryStatus;
  /** Manual redeliveries and pings are sent without waiting for earlier deliveries. */
  outOfOrder: boolean;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  log: AttemptRecord[];
}

export interface NewDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventSeq: number | null;
  eventType: string;
  /** The exact body every attempt sends. */
  body: string;
  outOfOrder: boolean;
  now: string;
}

/** A delivery this process holds the lock on, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  url: string;
  /** The current secret, then the previous one while its rotation grace lasts. */
  secrets: string[];
  eventId: string;
  eventType: string;
  body: string;
  attempts: number;
  roundAttempts: number;
}

export interface Claim {
  now: string;
  lockedUntil: string;
  owner: string;
}

/** Queues deliveries in the given order; one that exists for the same event and subscription is skipped. */
export async function insertDeliveries(sql: Sql, list: NewDelivery[]): Promise<void> {
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    await sql.execute({
      sql: `INSERT OR IGNORE INTO webhook_deliveries
            (id, subscription_id, event_id, event_seq, event_type, payload, out_of_order, status, next_attempt_at, created_at, updated_at)
            VALUES ${rows(chunk.length, 11)}`,
      args: chunk.flatMap((d) => [
        d.id,
        d.subscriptionId,
        d.eventId,
        d.eventSeq,
        d.eventType,
        d.body,
        d.outOfOrder ? 1 : 0,
        'pending',
        d.now,
        d.now,
        d.now,
      ]),
    });
  }
}

// Due, unlocked, and either out of order or the oldest pending delivery of its subscription.
const SENDABLE = `d.status = 'pending' AND d.next_attempt_at <= ? AND (d.locked_until IS NULL OR d.locked_until < ?)
  AND (d.out_of_order = 1 OR NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.subscription_id = d.subscription_id
       AND e.status = 'pending' AND e.out_of_order = 0 AND e.n < d.n))`;

/** Cheap check (a read) before taking the write lock to claim. */
export async function hasSendable(sql: Sql, now: string): Promise<boolean> {
  const rs = await sql.execute({
    sql: `SELECT 1 FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE s.active = 1 AND ${SENDABLE} LIMIT 1`,
    args: [now, now],
  });
  return rs.rows.length > 0;
}

/** Claims up to `limit` sendable deliveries of active subscriptions, oldest first. */
export async function claimDue(sql: Sql, claim: Claim, limit: number): Promise<ClaimedDelivery[]> {
  const rs = await sql.execute({
    sql: `SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
          WHERE s.active = 1 AND ${SENDABLE} ORDER BY d.n LIMIT ?`,
    args: [claim.now, claim.now, limit],
  });
  const out: ClaimedDelivery[] = [];
  for (const r of rs.rows) {
    const claimed = await claimById(sql, str(r, 'id'), claim);
    if (claimed) out.push(claimed);
  }
  return out;
}

/** The guarded claim: only a pending delivery nobody holds; undefined when someone else won it. */
export async function claimById(sql: Sql, id: string, claim: Claim): Promise<ClaimedDelivery | undefined> {
  const rs = await sql.execute({
    sql: `UPDATE webhook_deliveries SET locked_until = ?, locked_by = ?
          WHERE id = ? AND status = 'pending' AND (locked_until IS NULL OR locked_until < ?)`,
    args: [claim.lockedUntil, claim.owner, id, claim.now],
  });
  if (rs.rowsAffected !== 1) return undefined;
  const row = await sql.execute({
    sql: `SELECT d.*, s.url, s.secret, CASE WHEN s.previous_secret_expires_at > ? THEN s.previous_secret END AS previous
          FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE d.id = ?`,
    args: [claim.now, id],
  });
  const r = row.rows[0];
  if (!r) return undefined;
  const previous = optStr(r, 'previous');
  return {
    id,
    subscriptionId: str(r, 'subscription_id'),
    url: str(r, 'url'),
    secrets: previous ? [str(r, 'secret'), previous] : [str(r, 'secret')],
    eventId: str(r, 'event_id'),
    eventType: str(r, 'event_type'),
    body: str(r, 'payload'),
    attempts: num(r, 'attempts'),
    roundAttempts: num(r, 'round_attempts'),
  };
}

export interface AttemptOutcome {
  attempt: Omit<AttemptRecord, 'attempt'>;
  status: DeliveryStatus;
  nextAttemptAt: string | null;
}

/** Logs an attempt and, if this owner still holds the delivery, records where it now stands. */
export async function finishAttempt(sql: Sql, id: string, owner: string, o: AttemptOutcome): Promise<void> {
  const a = o.attempt;
  await sql.execute({
    sql: `INSERT INTO webhook_attempts (delivery_id, attempt, at, duration_ms, status_code, error, response_snippet)
          SELECT id, attempts + 1, ?, ?, ?, ?, ? FROM webhook_deliveries WHERE id = ?`,
    args: [a.at, a.durationMs, a.statusCode, a.error, a.responseSnippet, id],
  });
  await sql.execute({ sql: 'UPDATE webhook_deliveries SET attempts = attempts + 1 WHERE id = ?', args: [id] });
  await sql.execute({
    sql: `UPDATE webhook_deliveries SET status = ?, round_attempts = round_attempts + 1, next_attempt_at = COALESCE(?, next_attempt_at),
          locked_until = NULL, locked_by = NULL, last_status_code = ?, last_error = ?, updated_at = ? WHERE id = ? AND locked_by = ?`,
    args: [o.status, o.nextAttemptAt, a.statusCode, a.error, a.at, id, owner],
  });
}

/** Gives a delivery back without an attempt (this process is stopping). */
export async function releaseClaim(sql: Sql, id: string, owner: string): Promise<void> {
  await sql.execute({
    sql: 'UPDATE webhook_deliveries SET locked_until = NULL, locked_by = NULL WHERE id = ? AND locked_by = ?',
    args: [id, owner],
  });
}

/**
 * Queues deliveries again, now and out of order, with a fresh set of attempts. One being sent at
 * this moment is left alone; returns the ids that were queued.
 */
export async function requeue(sql: Sql, where: { id: string } | { eventId: string }, now: string): Promise<string[]> {
  const [col, value] = 'id' in where ? ['id', where.id] : ['event_id', where.eventId];
  const rs = await sql.execute({
    sql: `SELECT id FROM webhook_deliveries WHERE ${col} = ? AND NOT (status = 'pending' AND locked_until IS NOT NULL AND locked_until >= ?) ORDER BY n`,
    args: [value, now],
  });
  const ids = rs.rows.map((r) => str(r, 'id'));
  if (ids.length === 0) return [];
  await sql.execute({
    sql: `UPDATE webhook_deliveries SET status = 'pending', out_of_order = 1, round_attempts = 0, next_attempt_at = ?, updated_at = ?
          WHERE id IN (${placeholders(ids.length)})`,
    args: [now, now, ...ids],
  });
  return ids;
}

export interface DeliveryQuery {
  status?: DeliveryStatus | undefined;
  limit: number;
  /** A delivery id: only older ones are listed. */
  before?: string | undefined;
}

/** A subscription's deliveries, newest first, each with its attempt log. */
export async function listDeliveries(sql: Sql, subscriptionId: string, q: DeliveryQuery): Promise<DeliveryRecord[]> {
  const where = ['subscription_id = ?'];
  const args: (string | number)[] = [subscriptionId];
  if (q.status) {
    where.push('status = ?');
    args.push(q.status);
  }
  if (q.before) {
    where.push('n < (SELECT n FROM webhook_deliveries WHERE id = ?)');
    args.push(q.before);
  }
  const rs = await sql.execute({
    sql: `SELECT * FROM webhook_deliveries WHERE ${where.join(' AND ')} ORDER BY n DESC LIMIT ?`,
    args: [...args, q.limit],
  });
  return withLogs(sql, rs.rows);
}

export async function getDeliveries(sql: Sql, ids: string[]): Promise<DeliveryRecord[]> {
  if (ids.length === 0) return [];
  const rs = await sql.execute({ sql: `SELECT * FROM webhook_deliveries WHERE id IN (${placeholders(ids.length)}) ORDER BY n`, args: ids });
  return withLogs(sql, rs.rows);
}

/** Whether a delivery or any delivery of an event exists at all (to tell 404 from 409). */
export async function deliveryExists(sql: Sql, where: { id: string } | { eventId: string }): Promise<boolean> {
  const [col, value] = 'id' in where ? ['id', where.id] : ['event_id', where.eventId];
  const rs = await sql.execute({ sql: `SELECT 1 FROM webhook_deliveries WHERE ${col} = ? LIMIT 1`, args: [value] });
  return rs.rows.length > 0;
}

async function withLogs(sql: Sql, list: Row[]): Promise<DeliveryRecord[]> {
  if (list.length === 0) return [];
  const ids = list.map((r) => str(r, 'id'));
  const rs = await sql.execute({
    sql: `SELECT * FROM webhook_attempts WHERE delivery_id IN (${placeholders(ids.length)}) ORDER BY n`,
    args: ids,
  });
  const logs = new Map<string, AttemptRecord[]>(ids.map((id) => [id, []]));
  for (const r of rs.rows) logs.get(str(r, 'delivery_id'))?.push(toAttempt(r));
  return list.map((r) => toDelivery(r, logs.get(str(r, 'id')) ?? []));
}

function toDelivery(r: Row, log: AttemptRecord[]): DeliveryRecord {
  const status = str(r, 'status') as DeliveryStatus;
  return {
    id: str(r, 'id'),
    subscriptionId: str(r, 'subscription_id'),
    eventId: str(r, 'event_id'),
    eventSeq: r.event_seq == null ? null : num(r, 'event_seq'),
    eventType: str(r, 'event_type'),
    payload: json(r, 'payload'),
    status,
    outOfOrder: bool(r, 'out_of_order'),
    attempts: num(r, 'attempts'),
    nextAttemptAt: status === 'pending' ? str(r, 'next_attempt_at') : null,
    lastStatusCode: r.last_status_code == null ? null : num(r, 'last_status_code'),
    lastError: optStr(r, 'last_error') ?? null,
    createdAt: str(r, 'created_at'),
    updatedAt: str(r, 'updated_at'),
    log,
  };
}

function toAttempt(r: Row): AttemptRecord {
  return {
    attempt: num(r, 'attempt'),
    at: str(r, 'at'),
    durationMs: num(r, 'duration_ms'),
    statusCode: r.status_code == null ? null : num(r, 'status_code'),
    error: optStr(r, 'error') ?? null,
    responseSnippet: optStr(r, 'response_snippet') ?? null,
  };
}
