// What the simulation routes answer: a job with its progress and KPIs, pages of the diff with
// both sides' decisions (and traces), and one replayed order under every variant.
import { conflict, invalid, notFound } from '../domain/errors.ts';
import type { Db } from '../store/client.ts';
import * as repo from '../store/simulation-repo.ts';

// A running job whose heartbeat is older than this was stopped by a restart or crash.
const STALE_MS = 120_000;

interface StoredRequest {
  candidates?: { name: string }[];
}

/** Variant names, baseline first, as stored with the job. */
const variantNames = (sim: repo.SimulationRecord): string[] => [
  'baseline',
  ...((sim.request as StoredRequest).candidates ?? []).map((c) => c.name),
];

/** Whether a job marked running has stopped reporting (its process restarted or died). */
export const isStale = (sim: Pick<repo.SimulationRecord, 'status' | 'heartbeatAt'>, nowMs: number): boolean =>
  sim.status === 'running' && sim.heartbeatAt !== null && nowMs - Date.parse(sim.heartbeatAt) > STALE_MS;

/** A job as the API shows it; a running job that stopped reporting shows as interrupted. */
export function simulationView(sim: Omit<repo.SimulationRecord, 'result'> & { result?: unknown }, nowMs: number) {
  const stale = isStale(sim, nowMs);
  return {
    id: sim.id,
    name: sim.name,
    status: stale ? 'interrupted' : sim.status,
    progress: { processed: sim.processed, total: sim.total },
    cancelRequested: sim.cancelRequested,
    createdAt: sim.createdAt,
    createdBy: sim.createdBy,
    finishedAt: sim.finishedAt,
    ...(sim.error ? { error: sim.error } : {}),
    request: sim.request,
    ...(sim.result !== undefined ? { result: sim.result } : {}),
  };
}

/** The variant index a diff page is about: a candidate's name or number; default the first candidate. */
export function candidateIndex(sim: repo.SimulationRecord, candidate: string | undefined): number {
  const names = variantNames(sim);
  if (candidate === undefined) return 1;
  const byName = names.indexOf(candidate);
  const index = byName > 0 ? byName : /^\d+$/.test(candidate) ? Number(candidate) : -1;
  if (index < 1 || index >= names.length) {
    throw invalid('no such candidate', [{ path: 'candidate', message: `choose one of ${names.slice(1).join(', ')}` }]);
  }
  return index;
}

export interface DiffQuery {
  candidate: number;
  offset: number;
  limit: number;
  traces: boolean;
}

/** One page of the orders a candidate decided differently from the baseline. */
export async function diffPage(db: Db, sim: repo.SimulationRecord, q: DiffQuery) {
  const names = variantNames(sim);
  const [total, rows] = await db.read(
    async (sql) =>
      [await repo.countDiff(sql, sim.id, q.candidate), await repo.listDiff(sql, sim.id, q.candidate, q.offset, q.limit)] as const,
  );
  const traces = q.traces
    ? await db.read((sql) =>
        repo.tracesOf(
          sql,
          sim.id,
          rows.map((r) => r.seq),
        ),
      )
    : [];
  const traceOf = (seq: number, variant: number) => traces.find((t) => t.seq === seq && t.variant === variant)?.trace ?? null;
  return {
    candidate: names[q.candidate],
    total,
    offset: q.offset,
    limit: q.limit,
    items: rows.map((r) => ({
      seq: r.seq,
      channelId: r.channelId,
      externalId: r.externalId,
      placedAt: r.placedAt,
      changes: r.changes,
      baseline: r.decisions[0],
      candidate: r.decisions[q.candidate],
      ...(q.traces ? { traces: { baseline: traceOf(r.seq, 0), candidate: traceOf(r.seq, q.candidate) } } : {}),
    })),
  };
}

/** One replayed order under every variant, with the traces kept for it. */
export async function orderView(db: Db, sim: repo.SimulationRecord, externalId: string, channelId: string | undefined) {
  const found = (await db.read((sql) => repo.findOrderRows(sql, sim.id, externalId))).filter(
    (o) => !channelId || o.channelId === channelId,
  );
  if (found.length === 0) throw notFound('replayed order', externalId);
  if (found.length > 1) throw conflict(`several channels sent an order ${externalId}; add ?channelId=`);
  const order = found[0] as repo.OrderRow;
  const traces = await db.read((sql) => repo.tracesOf(sql, sim.id, [order.seq]));
  return {
    seq: order.seq,
    channelId: order.channelId,
    externalId: order.externalId,
    placedAt: order.placedAt,
    variants: variantNames(sim).map((name, i) => ({
      name,
      decision: order.decisions[i] ?? null,
      trace: traces.find((t) => t.variant === i)?.trace ?? null,
    })),
    ...(traces.length === 0
      ? { note: 'every variant decided this order alike; traces are kept for changed orders (keepTraces: "all" keeps every one)' }
      : {}),
  };
}
