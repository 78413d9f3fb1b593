// Shadows and what they keep: the shadow rows (cursor, lease, counts), one row per live order with
// both decisions, and the traces of changed orders. The cursor moves only by a guarded update, in
// the same transaction as the rows it covers, so an order is recorded once whoever decided it.
import type { Row } from '@libsql/client';
import type {
  DecisionEffects,
  PinnedPolicy,
  ShadowCandidate,
  ShadowOrderRow,
  ShadowRecord,
  ShadowStatus,
  ShadowTraceRow,
} from '../simulate/shadow-types.ts';
import type { Sql } from './client.ts';
import type { StoredEvent } from './event-repo.ts';
import { json, num, optStr, placeholders, rows, str } from './rows.ts';

// SQLite caps bound parameters per statement; 50 rows of 11 columns stays far below it.
const CHUNK = 50;

export async function insertShadow(
  sql: Sql,
  s: Pick<ShadowRecord, 'id' | 'name' | 'candidate' | 'policy' | 'promisedDays' | 'startSeq' | 'createdAt' | 'createdBy'>,
): Promise<void> {
  await sql.execute({
    sql: `INSERT INTO shadows (id, name, status, candidate, policy, promised_days, start_seq, cursor, created_at, created_by)
          VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      s.id,
      s.name,
      JSON.stringify(s.candidate),
      JSON.stringify(s.policy),
      s.promisedDays ? JSON.stringify(s.promisedDays) : null,
      s.startSeq,
      s.startSeq,
      s.createdAt,
      s.createdBy,
    ],
  });
}

export async function getShadow(sql: Sql, id: string): Promise<ShadowRecord | undefined> {
  const rs = await sql.execute({ sql: 'SELECT * FROM shadows WHERE id = ?', args: [id] });
  return rs.rows[0] ? toShadow(rs.rows[0]) : undefined;
}

/** Newest first. */
export async function listShadows(sql: Sql, limit: number): Promise<ShadowRecord[]> {
  const rs = await sql.execute({ sql: 'SELECT * FROM shadows ORDER BY created_at DESC, id DESC LIMIT ?', args: [limit] });
  return rs.rows.map(toShadow);
}

export async function listRunningShadows(sql: Sql): Promise<ShadowRecord[]> {
  const rs = await sql.execute("SELECT * FROM shadows WHERE status = 'running' ORDER BY created_at, id");
  return rs.rows.map(toShadow);
}

/** Takes (or renews) the right to work a running shadow until `until`; false while another process holds it. */
export async function claimShadow(sql: Sql, id: string, lease: { owner: string; now: string; until: string }): Promise<boolean> {
  const rs = await sql.execute({
    sql: `UPDATE shadows SET lease_owner = ?, lease_until = ?
          WHERE id = ? AND status = 'running' AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)`,
    args: [lease.owner, lease.until, id, lease.owner, lease.now],
  });
  return rs.rowsAffected === 1;
}

export async function releaseShadow(sql: Sql, id: string, owner: string): Promise<void> {
  await sql.execute({
    sql: 'UPDATE shadows SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?',
    args: [id, owner],
  });
}

export interface Batch {
  /** The cursor the batch was read from, and where it leaves it. */
  from: number;
  to: number;
  at: string;
  orders: ShadowOrderRow[];
  traces: ShadowTraceRow[];
}

/**
 * Records a batch and moves the cursor, only if the cursor is still where the batch began and the
 * shadow still runs; false (and nothing written) otherwise.
 */
export async function recordBatch(sql: Sql, id: string, b: Batch): Promise<boolean> {
  const decided = b.orders.filter((o) => o.skipped === null);
  const rs = await sql.execute({
    sql: `UPDATE shadows SET cursor = ?, orders = orders + ?, changed = changed + ?, skipped = skipped + ?, heartbeat_at = ?, last_error = NULL
          WHERE id = ? AND cursor = ? AND status = 'running'`,
    args: [b.to, decided.length, decided.filter((o) => o.changes).length, b.orders.length - decided.length, b.at, id, b.from],
  });
  if (rs.rowsAffected !== 1) return false;
  for (let i = 0; i < b.orders.length; i += CHUNK) {
    const part = b.orders.slice(i, i + CHUNK);
    await sql.execute({
      sql: `INSERT INTO shadow_orders (shadow_id, seq, order_id, channel_id, external_id, placed_at, service_level, decisions, effects, changes, skipped)
            VALUES ${rows(part.length, 11)}`,
      args: part.flatMap((o) => [
        id,
        o.seq,
        o.orderId,
        o.channelId,
        o.externalId,
        o.placedAt,
        o.serviceLevel,
        o.decisions ? JSON.stringify(o.decisions) : null,
        JSON.stringify({ stock: o.stock, sides: o.effects }),
        o.changes ? JSON.stringify(o.changes) : null,
        o.skipped,
      ]),
    });
  }
  for (let i = 0; i < b.traces.length; i += CHUNK) {
    const part = b.traces.slice(i, i + CHUNK);
    await sql.execute({
      sql: `INSERT INTO shadow_traces (shadow_id, seq, variant, trace) VALUES ${rows(part.length, 4)}`,
      args: part.flatMap((t) => [id, t.seq, t.variant, JSON.stringify(t.trace)]),
    });
  }
  return true;
}

export async function recordShadowError(sql: Sql, id: string, message: string, at: string): Promise<void> {
  await sql.execute({ sql: 'UPDATE shadows SET last_error = ?, heartbeat_at = ? WHERE id = ?', args: [message, at, id] });
}

/** Stops a running shadow; false when it was not running. */
export async function stopShadow(sql: Sql, id: string, by: string, at: string): Promise<boolean> {
  const rs = await sql.execute({
    sql: `UPDATE shadows SET status = 'stopped', stopped_at = ?, stopped_by = ?, lease_owner = NULL, lease_until = NULL
          WHERE id = ? AND status = 'running'`,
    args: [at, by, id],
  });
  return rs.rowsAffected === 1;
}

/** A stopped shadow and everything it recorded. */
export async function deleteShadow(sql: Sql, id: string): Promise<void> {
  for (const table of ['shadow_traces', 'shadow_orders']) {
    await sql.execute({ sql: `DELETE FROM ${table} WHERE shadow_id = ?`, args: [id] });
  }
  await sql.execute({ sql: "DELETE FROM shadows WHERE id = ? AND status = 'stopped'", args: [id] });
}

/** Recorded orders after a position, in cursor order (which is commit order). */
export async function shadowOrdersAfter(sql: Sql, id: string, seq: number, limit: number): Promise<ShadowOrderRow[]> {
  const rs = await sql.execute({
    sql: 'SELECT * FROM shadow_orders WHERE shadow_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    args: [id, seq, limit],
  });
  return rs.rows.map(toOrderRow);
}

export async function countShadowDiff(sql: Sql, id: string): Promise<number> {
  const rs = await sql.execute({
    sql: 'SELECT COUNT(*) AS n FROM shadow_orders WHERE shadow_id = ? AND changes IS NOT NULL',
    args: [id],
  });
  return Number(rs.rows[0]?.n ?? 0);
}

/** One page of the orders the candidate decided differently, oldest first. */
export async function listShadowDiff(sql: Sql, id: string, offset: number, limit: number): Promise<ShadowOrderRow[]> {
  const rs = await sql.execute({
    sql: 'SELECT * FROM shadow_orders WHERE shadow_id = ? AND changes IS NOT NULL ORDER BY seq LIMIT ? OFFSET ?',
    args: [id, limit, offset],
  });
  return rs.rows.map(toOrderRow);
}

export async function findShadowOrders(sql: Sql, id: string, externalId: string): Promise<ShadowOrderRow[]> {
  const rs = await sql.execute({
    sql: 'SELECT * FROM shadow_orders WHERE shadow_id = ? AND external_id = ? ORDER BY seq',
    args: [id, externalId],
  });
  return rs.rows.map(toOrderRow);
}

export async function shadowTracesOf(sql: Sql, id: string, seqs: number[]): Promise<ShadowTraceRow[]> {
  if (seqs.length === 0) return [];
  const rs = await sql.execute({
    sql: `SELECT seq, variant, trace FROM shadow_traces WHERE shadow_id = ? AND seq IN (${placeholders(seqs.length)}) ORDER BY seq, variant`,
    args: [id, ...seqs],
  });
  return rs.rows.map((r) => ({ seq: num(r, 'seq'), variant: num(r, 'variant'), trace: json<unknown>(r, 'trace') }));
}

function toOrderRow(r: Row): ShadowOrderRow {
  const effects = json<{ stock: ShadowOrderRow['stock']; sides: [DecisionEffects, DecisionEffects] | null }>(r, 'effects');
  return {
    seq: num(r, 'seq'),
    orderId: str(r, 'order_id'),
    channelId: str(r, 'channel_id'),
    externalId: str(r, 'external_id'),
    placedAt: str(r, 'placed_at'),
    serviceLevel: str(r, 'service_level') as ShadowOrderRow['serviceLevel'],
    stock: effects.stock,
    decisions: r.decisions == null ? null : json<ShadowOrderRow['decisions']>(r, 'decisions'),
    effects: effects.sides,
    changes: r.changes == null ? null : json<string[]>(r, 'changes'),
    skipped: optStr(r, 'skipped') ?? null,
  };
}

function toShadow(r: Row): ShadowRecord {
  const opt = (col: string) => optStr(r, col) ?? null;
  return {
    id: str(r, 'id'),
    name: str(r, 'name'),
    status: str(r, 'status') as ShadowStatus,
    candidate: json<ShadowCandidate>(r, 'candidate'),
    policy: json<PinnedPolicy>(r, 'policy'),
    promisedDays: r.promised_days == null ? null : json<ShadowRecord['promisedDays']>(r, 'promised_days'),
    startSeq: num(r, 'start_seq'),
    cursor: num(r, 'cursor'),
    orders: num(r, 'orders'),
    changed: num(r, 'changed'),
    skipped: num(r, 'skipped'),
    leaseOwner: opt('lease_owner'),
    leaseUntil: opt('lease_until'),
    lastError: opt('last_error'),
    createdAt: str(r, 'created_at'),
    createdBy: str(r, 'created_by'),
    heartbeatAt: opt('heartbeat_at'),
    stoppedAt: opt('stopped_at'),
    stoppedBy: opt('stopped_by'),
  };
}

/** The event types intake writes when it stores a new order (its first event). */
export const PLACED_EVENT_TYPES = ['order.routed', 'order.backordered', 'order.on_hold'] as const;

export interface PlacedEvent {
  seq: number;
  orderId: string;
  data: Record<string, unknown>;
}

/** Orders placed after an event position, oldest first. */
export async function placedEventsAfter(sql: Sql, seq: number, limit: number): Promise<PlacedEvent[]> {
  const rs = await sql.execute({
    sql: `SELECT seq, order_id, data FROM events WHERE seq > ? AND type IN (${placeholders(PLACED_EVENT_TYPES.length)})
            AND order_id IS NOT NULL ORDER BY seq LIMIT ?`,
    args: [seq, ...PLACED_EVENT_TYPES, limit],
  });
  return rs.rows.map((r) => ({ seq: num(r, 'seq'), orderId: str(r, 'order_id'), data: json<Record<string, unknown>>(r, 'data') }));
}

/** Orders of a customer placed before an event position (what intake counted for this order). */
export async function customerOrdersBefore(sql: Sql, customerKey: string, seq: number): Promise<number> {
  const rs = await sql.execute({
    sql: `SELECT COUNT(*) AS n FROM orders o JOIN events e ON e.order_id = o.id
          WHERE o.customer_key = ? AND e.seq < ? AND e.type IN (${placeholders(PLACED_EVENT_TYPES.length)})`,
    args: [customerKey, seq, ...PLACED_EVENT_TYPES],
  });
  return Number(rs.rows[0]?.n ?? 0);
}

/** The event types that move available units (those webhooks/stock-at.ts availabilityChanges reads). */
const AVAILABILITY_EVENT_TYPES = [
  'inventory.reserved',
  'order.rerouted',
  'inventory.released',
  'inventory.adjusted',
  'inventory.restocked',
];

/** Events that moved available units, from a position on, oldest first. */
export async function availabilityEventsFrom(sql: Sql, seq: number, limit: number): Promise<StoredEvent[]> {
  const rs = await sql.execute({
    sql: `SELECT * FROM events WHERE seq >= ? AND type IN (${placeholders(AVAILABILITY_EVENT_TYPES.length)}) ORDER BY seq LIMIT ?`,
    args: [seq, ...AVAILABILITY_EVENT_TYPES, limit],
  });
  return rs.rows.map((r) => ({
    seq: num(r, 'seq'),
    type: str(r, 'type'),
    at: str(r, 'at'),
    orderId: optStr(r, 'order_id'),
    sku: optStr(r, 'sku'),
    data: json(r, 'data'),
  }));
}

/** The units intake reserved for an order when it stored it. */
export async function placementReservations(sql: Sql, orderId: string): Promise<{ sku: string; warehouseId: string; quantity: number }[]> {
  const rs = await sql.execute({
    sql: "SELECT data FROM events WHERE order_id = ? AND type = 'inventory.reserved' ORDER BY seq LIMIT 1",
    args: [orderId],
  });
  const row = rs.rows[0];
  if (!row) return [];
  const moves = json<{ moves?: { sku: string; warehouseId: string; quantity: number }[] }>(row, 'data').moves ?? [];
  return moves.map((m) => ({ sku: m.sku, warehouseId: m.warehouseId, quantity: m.quantity }));
}
