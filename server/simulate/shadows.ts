// Shadow mode as the API sees it: start a shadow (pinning its candidate), stop and delete it, and
// read it back in a simulation's shapes: KPIs and coverage per side, diff pages with both traces,
// one order's two decisions. The deciding itself is the worker's (shadow-worker.ts).
import { conflict, invalid, notFound } from '../domain/errors.ts';
import type { PolicyDocument } from '../policies/index.ts';
import type { Services } from '../services/container.ts';
import { lastEventSeq } from '../store/event-repo.ts';
import * as repo from '../store/shadow-repo.ts';
import type { ShadowRequest } from './shadow-request.ts';
import { candidateName, ShadowTally, type ShadowResult } from './shadow-results.ts';
import type { PinnedPolicy, ShadowOrderRow, ShadowRecord } from './shadow-types.ts';
import { ShadowWorker, type ShadowOptions } from './shadow-worker.ts';

/** Shadows deciding at once: each decides every live order again. */
const MAX_RUNNING = 3;
// Recorded orders read per query when a tally catches up.
const PAGE = 500;

export type ShadowServices = Pick<Services, 'db' | 'clock' | 'ids' | 'log' | 'catalogue' | 'policies' | 'routingSettings' | 'demandRates'>;

export class ShadowService {
  readonly worker: ShadowWorker;
  private readonly tallies = new Map<string, { tally: ShadowTally; updating: Promise<unknown> }>();

  constructor(
    private readonly s: ShadowServices,
    options: Partial<ShadowOptions> = {},
  ) {
    this.worker = new ShadowWorker(s, options);
  }

  /** Starts a shadow of the candidate on orders placed from now on. */
  async create(req: ShadowRequest, by: string): Promise<ShadowRecord> {
    const running = await this.s.db.read((sql) => repo.listRunningShadows(sql));
    if (running.length >= MAX_RUNNING) throw conflict(`${MAX_RUNNING} shadows are running; stop one first`);
    const policy = await this.pin(req.candidate);
    const id = this.s.ids.next('shd');
    const startSeq = await this.s.db.read((sql) => lastEventSeq(sql));
    const name = req.name ?? `shadow of ${candidateName(req)}`;
    await this.s.db.write((sql) =>
      repo.insertShadow(sql, {
        id,
        name,
        candidate: req.candidate,
        policy,
        promisedDays: req.promisedDays ?? null,
        startSeq,
        createdAt: this.now(),
        createdBy: by,
      }),
    );
    return this.get(id);
  }

  async get(id: string): Promise<ShadowRecord> {
    const shadow = await this.s.db.read((sql) => repo.getShadow(sql, id));
    if (!shadow) throw notFound('shadow', id);
    return shadow;
  }

  list(limit: number): Promise<ShadowRecord[]> {
    return this.s.db.read((sql) => repo.listShadows(sql, limit));
  }

  /** Stops deciding: orders recorded so far stay, orders placed from now on are not decided. */
  async stop(id: string, by: string): Promise<ShadowRecord> {
    const shadow = await this.get(id);
    if (!(await this.s.db.write((sql) => repo.stopShadow(sql, id, by, this.now()))))
      throw conflict(`shadow ${id} is ${shadow.status}; only a running one can be stopped`);
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    const shadow = await this.get(id);
    if (shadow.status === 'running') throw conflict(`shadow ${id} is running; stop it first`);
    await this.s.db.write((sql) => repo.deleteShadow(sql, id));
    this.tallies.delete(id);
  }

  /** KPIs, coverage, diff counts and trade-off over every order recorded so far. */
  async result(shadow: ShadowRecord): Promise<ShadowResult> {
    let entry = this.tallies.get(shadow.id);
    if (!entry) {
      entry = { tally: new ShadowTally(shadow, (v) => this.document(v)), updating: Promise.resolve() };
      this.tallies.set(shadow.id, entry);
    }
    const { tally } = entry;
    // One catch-up at a time per shadow, or two would count the same rows.
    const next = entry.updating.then(() => this.catchUp(tally, shadow.id));
    entry.updating = next.catch(() => this.tallies.delete(shadow.id));
    await next;
    return tally.result();
  }

  /** One page of the orders the candidate decided differently, with both decisions (and traces). */
  async diffPage(shadow: ShadowRecord, q: { offset: number; limit: number; traces: boolean }) {
    const [total, rows] = await this.s.db.read(
      async (sql) => [await repo.countShadowDiff(sql, shadow.id), await repo.listShadowDiff(sql, shadow.id, q.offset, q.limit)] as const,
    );
    const traces = q.traces ? await this.traces(shadow.id, rows) : [];
    const traceOf = (seq: number, variant: number) => traces.find((t) => t.seq === seq && t.variant === variant)?.trace ?? null;
    return {
      candidate: candidateName(shadow),
      total,
      offset: q.offset,
      limit: q.limit,
      items: rows.map((r) => ({
        ...orderIdentity(r),
        changes: r.changes ?? [],
        baseline: r.decisions?.[0] ?? null,
        candidate: r.decisions?.[1] ?? null,
        ...(q.traces ? { traces: { baseline: traceOf(r.seq, 0), candidate: traceOf(r.seq, 1) } } : {}),
      })),
    };
  }

  /** One live order under both sides, with the traces kept for it. */
  async orderView(shadow: ShadowRecord, externalId: string, channelId: string | undefined) {
    const found = (await this.s.db.read((sql) => repo.findShadowOrders(sql, shadow.id, externalId))).filter(
      (o) => !channelId || o.channelId === channelId,
    );
    if (found.length === 0) throw notFound('shadowed order', externalId);
    if (found.length > 1) throw conflict(`several channels sent an order ${externalId}; add ?channelId=`);
    const order = found[0] as ShadowOrderRow;
    const traces = await this.traces(shadow.id, [order]);
    return {
      ...orderIdentity(order),
      ...(order.skipped ? { skipped: order.skipped } : {}),
      variants: ['live', candidateName(shadow)].map((name, i) => ({
        name,
        decision: order.decisions?.[i] ?? null,
        trace: traces.find((t) => t.variant === i)?.trace ?? null,
      })),
      ...(traces.length === 0 ? { note: 'both sides decided this order alike; traces are kept for changed orders' } : {}),
    };
  }

  private traces(id: string, rows: ShadowOrderRow[]) {
    return this.s.db.read((sql) =>
      repo.shadowTracesOf(
        sql,
        id,
        rows.map((r) => r.seq),
      ),
    );
  }

  private async catchUp(tally: ShadowTally, id: string): Promise<void> {
    for (;;) {
      const rows = await this.s.db.read((sql) => repo.shadowOrdersAfter(sql, id, tally.seq, PAGE));
      await tally.add(rows);
      if (rows.length < PAGE) return;
    }
  }

  /** The candidate as it stands now, kept whatever happens to the draft or the macros later. */
  private async pin(candidate: ShadowRequest['candidate']): Promise<PinnedPolicy> {
    if (candidate === 'draft') {
      const draft = await this.s.policies.select('draft');
      const macros = Object.fromEntries([...(draft?.macros ?? new Map())].map(([name, m]) => [name, m.version]));
      return { version: null, document: draft?.document ?? { rules: [] }, macros };
    }
    const { versions } = await this.s.policies.versions();
    if (!versions.some((v) => v.version === candidate))
      throw invalid('no such policy version', [{ path: 'candidate', message: `no policy version ${candidate}` }]);
    const v = await this.s.policies.version(candidate);
    return { version: candidate, document: v.document as PolicyDocument, macros: v.macros };
  }

  private async document(version: number): Promise<PolicyDocument | null> {
    return (await this.s.policies.select(version))?.document ?? null;
  }

  private now(): string {
    return this.s.clock.now().toISOString();
  }
}

function orderIdentity(r: ShadowOrderRow) {
  return { seq: r.seq, orderId: r.orderId, channelId: r.channelId, externalId: r.externalId, placedAt: r.placedAt };
}

/** A shadow as the API shows it; `lastSeq` is the newest event, to say how far behind it is. */
export function shadowView(s: ShadowRecord, lastSeq: number) {
  return {
    id: s.id,
    name: s.name,
    status: s.status,
    candidate: s.candidate,
    policy: { version: s.policy.version, rules: s.policy.document.rules.length, macros: s.policy.macros },
    ...(s.promisedDays ? { promisedDays: s.promisedDays } : {}),
    progress: {
      orders: s.orders,
      changed: s.changed,
      skipped: s.skipped,
      cursor: s.cursor,
      behind: s.status === 'running' ? Math.max(0, lastSeq - s.cursor) : 0,
    },
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    lastBatchAt: s.heartbeatAt,
    stoppedAt: s.stoppedAt,
    stoppedBy: s.stoppedBy,
    ...(s.lastError ? { error: s.lastError } : {}),
  };
}
