// Simulation jobs and what they keep: uploaded histories (read back in time order, a page at a
// time), job rows with progress and KPIs, per-order decision summaries, the diff and traces.
import type { Row } from '@libsql/client';
import type { Db, Sql } from './client.ts';
import SIMULATION_SCHEMA from './migrations/003-simulations.ts';
import { json, num, optStr, rows, str } from './rows.ts';

export type SimulationStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface HistoryRecord {
  id: string;
  name: string;
  orders: number;
  firstPlacedAt: string | null;
  lastPlacedAt: string | null;
  createdAt: string;
  createdBy: string;
}

export interface SimulationRecord {
  id: string;
  name: string;
  status: SimulationStatus;
  request: unknown;
  processed: number;
  total: number | null;
  result: unknown;
  error: string | null;
  cancelRequested: boolean;
  createdAt: string;
  createdBy: string;
  startedAt: string | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
}

export interface OrderRow {
  seq: number;
  channelId: string;
  externalId: string;
  placedAt: string;
  /** One decision summary per variant, baseline first. */
  decisions: unknown[];
}

/** A row to store: its decisions, or their JSON when the replay has it already. */
export type NewOrderRow = Omit<OrderRow, 'decisions'> & ({ decisions: unknown[] } | { decisionsJson: string });

export interface DiffRow {
  candidate: number;
  seq: number;
  changes: string[];
}

export interface TraceRow {
  seq: number;
  variant: number;
  trace: unknown;
}

/** Brings a database (a scratch results file, a test database) up to the simulation schema; idempotent. */
export async function ensureSimulationTables(db: Db): Promise<void> {
  for (const statement of SIMULATION_SCHEMA) await db.client.execute(statement);
}

// SQLite caps bound parameters per statement; 100 rows per INSERT stays far below it.
const CHUNK = 100;

async function insertChunked<T>(sql: Sql, head: string, width: number, items: T[], args: (t: T) => unknown[]): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) {
    const part = items.slice(i, i + CHUNK);
    await sql.execute({ sql: `${head} VALUES ${rows(part.length, width)}`, args: part.flatMap(args) as never[] });
  }
}

export async function insertHistory(sql: Sql, h: Pick<HistoryRecord, 'id' | 'name' | 'createdAt' | 'createdBy'>): Promise<void> {
  await sql.execute({
    sql: 'INSERT INTO simulation_histories (id, name, orders, created_at, created_by) VALUES (?, ?, 0, ?, ?)',
    args: [h.id, h.name, h.createdAt, h.createdBy],
  });
}

/** Appends validated orders to a history and moves its count and time span along. */
export async function appendHistoryOrders(sql: Sql, historyId: string, orders: { placedAt: string; body: string }[]): Promise<number> {
  const rs = await sql.execute({ sql: 'SELECT orders FROM simulation_histories WHERE id = ?', args: [historyId] });
  const start = Number(rs.rows[0]?.orders ?? 0);
  await insertChunked(
    sql,
    'INSERT INTO simulation_history_orders (history_id, seq, placed_ms, body)',
    4,
    orders.map((o, i) => ({ ...o, seq: start + i })),
    (o) => [historyId, o.seq, Date.parse(o.placedAt), o.body],
  );
  const times = orders.map((o) => new Date(o.placedAt).toISOString()).sort();
  await sql.execute({
    sql: `UPDATE simulation_histories SET orders = orders + ?,
            first_placed_at = CASE WHEN first_placed_at IS NULL OR first_placed_at > ? THEN ? ELSE first_placed_at END,
            last_placed_at = CASE WHEN last_placed_at IS NULL OR last_placed_at < ? THEN ? ELSE last_placed_at END
          WHERE id = ?`,
    args: [orders.length, times[0] ?? null, times[0] ?? null, times.at(-1) ?? null, times.at(-1) ?? null, historyId],
  });
  return start + orders.length;
}

export async function getHistory(sql: Sql, id: string): Promise<HistoryRecord | undefined> {
  const rs = await sql.execute({ sql: 'SELECT * FROM simulation_histories WHERE id = ?', args: [id] });
  return rs.rows[0] ? toHistory(rs.rows[0]) : undefined;
}

export async function listHistories(sql: Sql, limit: number): Promise<HistoryRecord[]> {
  const rs = await sql.execute({ sql: 'SELECT * FROM simulation_histories ORDER BY created_at DESC, id DESC LIMIT ?', args: [limit] });
  return rs.rows.map(toHistory);
}

/** The next page of a history in time order (ties in upload order), after a keyset position. */
export async function readHistoryPage(sql: Sql, historyId: string, after: { placedMs: number; seq: number } | null, limit: number) {
  const rs = await sql.execute({
    sql: `SELECT seq, placed_ms, body FROM simulation_history_orders
          WHERE history_id = ? AND (placed_ms > ? OR (placed_ms = ? AND seq > ?))
          ORDER BY placed_ms, seq LIMIT ?`,
    args: [historyId, after?.placedMs ?? -8.64e15, after?.placedMs ?? -8.64e15, after?.seq ?? -1, limit],
  });
  return rs.rows.map((r) => ({ seq: num(r, 'seq'), placedMs: num(r, 'placed_ms'), body: str(r, 'body') }));
}

export async function insertSimulation(
  sql: Sql,
  s: Pick<SimulationRecord, 'id' | 'name' | 'request' | 'total' | 'createdAt' | 'createdBy'>,
): Promise<void> {
  await sql.execute({
    sql: `INSERT INTO simulations (id, name, status, request, total, created_at, created_by, started_at, heartbeat_at)
          VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?)`,
    args: [s.id, s.name, JSON.stringify(s.request), s.total, s.createdAt, s.createdBy, s.createdAt, s.createdAt],
  });
}

/** Progress (and, when given, interim KPIs); answers whether someone asked to cancel. */
export async function recordProgress(
  sql: Sql,
  id: string,
  p: { processed: number; total: number | null; at: string; result?: unknown },
): Promise<boolean> {
  await sql.execute({
    sql: `UPDATE simulations SET processed = ?, total = ?, heartbeat_at = ?, result = COALESCE(?, result) WHERE id = ?`,
    args: [p.processed, p.total, p.at, p.result === undefined ? null : JSON.stringify(p.result), id],
  });
  const rs = await sql.execute({ sql: 'SELECT cancel_requested FROM simulations WHERE id = ?', args: [id] });
  return Number(rs.rows[0]?.cancel_requested ?? 0) === 1;
}

export async function finishSimulation(
  sql: Sql,
  id: string,
  f: { status: SimulationStatus; at: string; result?: unknown; error?: string },
): Promise<void> {
  await sql.execute({
    sql: `UPDATE simulations SET status = ?, finished_at = ?, heartbeat_at = ?, result = COALESCE(?, result), error = ? WHERE id = ?`,
    args: [f.status, f.at, f.at, f.result === undefined ? null : JSON.stringify(f.result), f.error ?? null, id],
  });
}

export async function requestCancel(sql: Sql, id: string): Promise<void> {
  await sql.execute({ sql: 'UPDATE simulations SET cancel_requested = 1 WHERE id = ?', args: [id] });
}

/** A simulation with its orders, diff and traces. */
export async function deleteSimulation(sql: Sql, id: string): Promise<void> {
  for (const table of ['simulation_traces', 'simulation_diffs', 'simulation_orders']) {
    await sql.execute({ sql: `DELETE FROM ${table} WHERE simulation_id = ?`, args: [id] });
  }
  await sql.execute({ sql: 'DELETE FROM simulations WHERE id = ?', args: [id] });
}

export async function getSimulation(sql: Sql, id: string): Promise<SimulationRecord | undefined> {
  const rs = await sql.execute({ sql: 'SELECT * FROM simulations WHERE id = ?', args: [id] });
  return rs.rows[0] ? toSimulation(rs.rows[0]) : undefined;
}

/** Newest first, without the (large) results. */
export async function listSimulations(sql: Sql, limit: number): Promise<Omit<SimulationRecord, 'result'>[]> {
  const rs = await sql.execute({
    sql: `SELECT id, name, status, request, processed, total, NULL AS result, error, cancel_requested, created_at, created_by,
            started_at, finished_at, heartbeat_at FROM simulations ORDER BY created_at DESC, id DESC LIMIT ?`,
    args: [limit],
  });
  return rs.rows.map((r) => {
    const { result: _result, ...rest } = toSimulation(r);
    return rest;
  });
}

export async function insertOrderRows(sql: Sql, simulationId: string, items: NewOrderRow[]): Promise<void> {
  await insertChunked(
    sql,
    'INSERT INTO simulation_orders (simulation_id, seq, channel_id, external_id, placed_at, decisions)',
    6,
    items,
    (o) => [
      simulationId,
      o.seq,
      o.channelId,
      o.externalId,
      o.placedAt,
      'decisionsJson' in o ? o.decisionsJson : JSON.stringify(o.decisions),
    ],
  );
}

export async function insertDiffRows(sql: Sql, simulationId: string, items: DiffRow[]): Promise<void> {
  await insertChunked(sql, 'INSERT INTO simulation_diffs (simulation_id, candidate, seq, changes)', 4, items, (d) => [
    simulationId,
    d.candidate,
    d.seq,
    JSON.stringify(d.changes),
  ]);
}

export async function insertTraceRows(sql: Sql, simulationId: string, items: TraceRow[]): Promise<void> {
  await insertChunked(sql, 'INSERT INTO simulation_traces (simulation_id, seq, variant, trace)', 4, items, (t) => [
    simulationId,
    t.seq,
    t.variant,
    JSON.stringify(t.trace),
  ]);
}

export async function countDiff(sql: Sql, simulationId: string, candidate: number): Promise<number> {
  const rs = await sql.execute({
    sql: 'SELECT COUNT(*) AS n FROM simulation_diffs WHERE simulation_id = ? AND candidate = ?',
    args: [simulationId, candidate],
  });
  return Number(rs.rows[0]?.n ?? 0);
}

/** One page of changed orders, in replay order, with every variant's summary. */
export async function listDiff(sql: Sql, simulationId: string, candidate: number, offset: number, limit: number) {
  const rs = await sql.execute({
    sql: `SELECT d.seq, d.changes, o.channel_id, o.external_id, o.placed_at, o.decisions
          FROM simulation_diffs d JOIN simulation_orders o ON o.simulation_id = d.simulation_id AND o.seq = d.seq
          WHERE d.simulation_id = ? AND d.candidate = ? ORDER BY d.seq LIMIT ? OFFSET ?`,
    args: [simulationId, candidate, limit, offset],
  });
  return rs.rows.map((r) => ({ ...toOrderRow(r), changes: json<string[]>(r, 'changes') }));
}

export async function findOrderRows(sql: Sql, simulationId: string, externalId: string): Promise<OrderRow[]> {
  const rs = await sql.execute({
    sql: 'SELECT seq, channel_id, external_id, placed_at, decisions FROM simulation_orders WHERE simulation_id = ? AND external_id = ? ORDER BY seq',
    args: [simulationId, externalId],
  });
  return rs.rows.map(toOrderRow);
}

export async function tracesOf(sql: Sql, simulationId: string, seqs: number[]): Promise<TraceRow[]> {
  if (seqs.length === 0) return [];
  const rs = await sql.execute({
    sql: `SELECT seq, variant, trace FROM simulation_traces WHERE simulation_id = ? AND seq IN (${seqs.map(() => '?').join(', ')}) ORDER BY seq, variant`,
    args: [simulationId, ...seqs],
  });
  return rs.rows.map((r) => ({ seq: num(r, 'seq'), variant: num(r, 'variant'), trace: json<unknown>(r, 'trace') }));
}

function toOrderRow(r: Row): OrderRow {
  return {
    seq: num(r, 'seq'),
    channelId: str(r, 'channel_id'),
    externalId: str(r, 'external_id'),
    placedAt: str(r, 'placed_at'),
    decisions: json<unknown[]>(r, 'decisions'),
  };
}

function toHistory(r: Row): HistoryRecord {
  return {
    id: str(r, 'id'),
    name: str(r, 'name'),
    orders: num(r, 'orders'),
    firstPlacedAt: optStr(r, 'first_placed_at') ?? null,
    lastPlacedAt: optStr(r, 'last_placed_at') ?? null,
    createdAt: str(r, 'created_at'),
    createdBy: str(r, 'created_by'),
  };
}

function toSimulation(r: Row): SimulationRecord {
  const opt = (col: string) => optStr(r, col) ?? null;
  return {
    id: str(r, 'id'),
    name: str(r, 'name'),
    status: str(r, 'status') as SimulationStatus,
    request: json<unknown>(r, 'request'),
    processed: num(r, 'processed'),
    total: r.total == null ? null : num(r, 'total'),
    result: r.result == null ? null : json<unknown>(r, 'result'),
    error: opt('error'),
    cancelRequested: num(r, 'cancel_requested') === 1,
    createdAt: str(r, 'created_at'),
    createdBy: str(r, 'created_by'),
    startedAt: opt('started_at'),
    finishedAt: opt('finished_at'),
    heartbeatAt: opt('heartbeat_at'),
  };
}
