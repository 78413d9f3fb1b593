// The webhook outbox balances: every event an active subscription asked for since its settings last
// changed is delivered, pending or dead-lettered, never lost, and no delivery is in a state the
// dispatcher cannot produce. Read-only; `checkInvariants` (and so `npm run check`) runs it.
//
// The states, from the dispatcher: fan-out turns the log after a subscription's cursor into
// delivery rows and moves the cursor in the same commit, so an event at or before the cursor has its
// row; a row is `pending` (queued, retrying on a schedule, or claimed by a process until
// `locked_until`), `succeeded`, or `failed` once its round of attempts is spent.
import type { Sql } from '../store/client.ts';
import { num, str } from '../store/rows.ts';
import { isDeliverable, matchesAny } from '../webhooks/event-types.ts';

export type OutboxViolationKind = 'outbox_lost' | 'outbox_cursor' | 'outbox_state';

export interface OutboxViolation {
  kind: OutboxViolationKind;
  subject: string;
  message: string;
}

/** Deliveries of active subscriptions by state, and the events they have yet to fan out. */
export interface OutboxCounts {
  subscriptions: number;
  delivered: number;
  queued: number;
  retrying: number;
  inFlight: number;
  deadLettered: number;
  awaitingFanOut: number;
}

/** Where violations go (the caller's list, which holds other kinds too). */
type Sink = { push(v: OutboxViolation): unknown };

export interface OutboxCheckOptions {
  /** The current time, for telling claimed deliveries from queued ones. */
  now: string;
  /** Attempts per round the dispatchers run with; when given, `failed` and `pending` are checked against it. */
  maxAttempts?: number | undefined;
}

const EXAMPLES = 20;

/** Checks the outbox; pushes violations and returns the counts per state. */
export async function checkOutbox(sql: Sql, opts: OutboxCheckOptions, violations: Sink): Promise<OutboxCounts> {
  const counts = await countStates(sql, opts.now);
  const types = (await sql.execute('SELECT DISTINCT type FROM events')).rows.map((r) => str(r, 'type'));
  const lastSeq = Number((await sql.execute('SELECT COALESCE(MAX(seq), 0) AS seq FROM events')).rows[0]?.seq ?? 0);
  const subs = await sql.execute('SELECT id, events, cursor FROM webhook_subscriptions WHERE active = 1');
  counts.subscriptions = subs.rows.length;
  for (const s of subs.rows) {
    const id = str(s, 'id');
    const cursor = num(s, 'cursor');
    if (cursor > lastSeq) {
      violations.push({ kind: 'outbox_cursor', subject: id, message: `cursor ${cursor} is past the end of the event log (${lastSeq})` });
    }
    const patterns = JSON.parse(str(s, 'events')) as string[];
    const wanted = types.filter((t) => isDeliverable(t) && matchesAny(patterns, t));
    if (wanted.length === 0) continue;
    counts.awaitingFanOut += await countAfterCursor(sql, id, wanted);
    const lost = await missingBehindCursor(sql, id, wanted);
    for (const m of lost.slice(0, EXAMPLES)) {
      violations.push({
        kind: 'outbox_lost',
        subject: `${id} evt_${m.seq}`,
        message: `${m.type} (seq ${m.seq}) is behind the cursor ${cursor} but has no delivery: fanned out and lost`,
      });
    }
    if (lost.length > EXAMPLES) {
      violations.push({ kind: 'outbox_lost', subject: id, message: `and ${lost.length - EXAMPLES} more events without a delivery` });
    }
  }
  await checkDeliveryStates(sql, opts, violations);
  return counts;
}

async function countStates(sql: Sql, now: string): Promise<OutboxCounts> {
  const rs = await sql.execute({
    sql: `SELECT
            COALESCE(SUM(d.status = 'succeeded'), 0) AS delivered,
            COALESCE(SUM(d.status = 'failed'), 0) AS dead,
            COALESCE(SUM(d.status = 'pending' AND d.locked_until >= ?), 0) AS in_flight,
            COALESCE(SUM(d.status = 'pending' AND (d.locked_until IS NULL OR d.locked_until < ?) AND d.round_attempts > 0), 0) AS retrying,
            COALESCE(SUM(d.status = 'pending' AND (d.locked_until IS NULL OR d.locked_until < ?) AND d.round_attempts = 0), 0) AS queued
          FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE s.active = 1`,
    args: [now, now, now],
  });
  const r = rs.rows[0];
  const n = (col: string) => (r ? num(r, col) : 0);
  return {
    subscriptions: 0,
    delivered: n('delivered'),
    queued: n('queued'),
    retrying: n('retrying'),
    inFlight: n('in_flight'),
    deadLettered: n('dead'),
    awaitingFanOut: 0,
  };
}

const typeList = (types: string[]) => types.map(() => '?').join(', ');

async function countAfterCursor(sql: Sql, subscriptionId: string, types: string[]): Promise<number> {
  const rs = await sql.execute({
    sql: `SELECT COUNT(*) AS n FROM events e WHERE e.type IN (${typeList(types)})
          AND e.seq > (SELECT cursor FROM webhook_subscriptions WHERE id = ?)`,
    args: [...types, subscriptionId],
  });
  return Number(rs.rows[0]?.n ?? 0);
}

interface MissingEvent {
  seq: number;
  type: string;
}

/**
 * Wanted events the subscription's cursor has passed since its deliveries began (its start cursor,
 * taken in the transaction that created or last edited it) with no delivery row: fanned out and lost.
 */
async function missingBehindCursor(sql: Sql, subscriptionId: string, types: string[]): Promise<MissingEvent[]> {
  const rs = await sql.execute({
    sql: `SELECT e.seq, e.type
          FROM events e, webhook_subscriptions s
          WHERE s.id = ? AND e.seq > s.start_cursor AND e.seq <= s.cursor AND e.type IN (${typeList(types)})
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.event_id = 'evt_' || e.seq)
          ORDER BY e.seq LIMIT 10000`,
    args: [subscriptionId, ...types],
  });
  return rs.rows.map((r) => ({ seq: num(r, 'seq'), type: str(r, 'type') }));
}

/** Rows the dispatcher cannot produce, whatever the subscription's state. */
async function checkDeliveryStates(sql: Sql, opts: OutboxCheckOptions, violations: Sink): Promise<void> {
  // Without a known budget only "at least one attempt" is checked for failed rows.
  const budget = opts.maxAttempts ?? 1;
  const pendingCap = opts.maxAttempts ?? Number.MAX_SAFE_INTEGER;
  const rs = await sql.execute({
    sql: `SELECT id, subscription_id, event_id, problem FROM (
            SELECT d.id, d.subscription_id, d.event_id, CASE
              WHEN s.id IS NULL THEN 'belongs to no subscription'
              WHEN (d.locked_by IS NULL) <> (d.locked_until IS NULL) THEN 'is half claimed (locked_by ' || COALESCE(d.locked_by, 'null') || ', locked_until ' || COALESCE(d.locked_until, 'null') || ')'
              WHEN d.status <> 'pending' AND d.locked_by IS NOT NULL THEN 'is ' || d.status || ' but still claimed by ' || d.locked_by
              WHEN d.attempts <> (SELECT COUNT(*) FROM webhook_attempts a WHERE a.delivery_id = d.id)
                THEN 'counts ' || d.attempts || ' attempts but logs ' || (SELECT COUNT(*) FROM webhook_attempts a WHERE a.delivery_id = d.id)
              WHEN d.status = 'succeeded' AND NOT EXISTS (SELECT 1 FROM webhook_attempts a WHERE a.delivery_id = d.id AND a.status_code BETWEEN 200 AND 299)
                THEN 'is succeeded without a successful attempt'
              WHEN d.status = 'failed' AND d.round_attempts < CASE WHEN d.event_type = 'ping' THEN 1 ELSE ? END
                THEN 'is failed after ' || d.round_attempts || ' attempt(s), before its retry budget was spent'
              WHEN d.status = 'pending' AND d.event_type <> 'ping' AND d.round_attempts >= ?
                THEN 'is still pending after ' || d.round_attempts || ' attempts, past its retry budget'
              WHEN d.event_seq IS NOT NULL AND d.event_seq > s.cursor
                THEN 'is for seq ' || d.event_seq || ', ahead of the subscription''s cursor ' || s.cursor
              WHEN d.event_seq IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.seq = d.event_seq)
                THEN 'is for seq ' || d.event_seq || ', which is not in the event log'
            END AS problem
            FROM webhook_deliveries d LEFT JOIN webhook_subscriptions s ON s.id = d.subscription_id)
          WHERE problem IS NOT NULL ORDER BY id LIMIT 1000`,
    args: [budget, pendingCap],
  });
  for (const r of rs.rows) {
    violations.push({
      kind: 'outbox_state',
      subject: `${str(r, 'subscription_id')} ${str(r, 'id')}`,
      message: `delivery of ${str(r, 'event_id')} ${str(r, 'problem')}`,
    });
  }
}
