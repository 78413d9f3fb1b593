// Simulation jobs in the server: started in the background, paging results into libSQL, with
// progress, interim KPIs and cancellation (also from another process, through the job's row).
// Each job has its own macro isolates, so a long replay never queues live orders' macro calls.
import { conflict, invalid, notFound } from '../domain/errors.ts';
import type { Services } from '../services/container.ts';
import { readRoutingOptions } from '../services/routing-settings.ts';
import * as repo from '../store/simulation-repo.ts';
import { runReplay, type ReplayProgress, type SimulationResult } from './engine.ts';
import { appendAll, createHistory } from './history-store.ts';
import { databaseSink, liveStock, ordersOf, type ReplaySource } from './inputs.ts';
import { isStale } from './job-views.ts';
import { parseNdjson } from './ndjson.ts';
import { staticNetwork, unknownWarehouses } from './network.ts';
import type { SimulationRequest } from './request-schema.ts';
import { replayServices } from './steady-runner.ts';

interface RunningJob {
  id: string;
  req: SimulationRequest;
  source: ReplaySource;
  /** Orders the source holds, known before the replay starts. */
  total: number;
  cancelled: boolean;
  done: Promise<void>;
}

export interface JobOptions {
  /** Orders per page written. Default 250. */
  pageSize?: number;
  /** How often interim KPIs are saved while a job runs. Default 2000 ms. */
  interimEveryMs?: number;
  /** Jobs this process runs at once (each has its own isolates). Default 2. */
  maxRunning?: number;
}

/** What jobs need of the services; a subset, so the container can build them before the rest. */
export type JobServices = Pick<Services, 'db' | 'clock' | 'ids' | 'log' | 'catalogue' | 'policies'>;

export class SimulationJobs {
  private readonly running = new Map<string, RunningJob>();

  constructor(
    private readonly s: JobServices,
    private readonly opts: JobOptions = {},
  ) {}

  /** Checks the request against the database, stores an inline history, and starts the replay. */
  async start(req: SimulationRequest, by: string): Promise<{ id: string; historyId?: string }> {
    const max = this.opts.maxRunning ?? 2;
    if (this.running.size >= max) throw conflict(`${max} simulations are running; wait for one to finish or cancel one`);
    await this.checkReferences(req);
    const source = await this.sourceOf(req, by);
    const total =
      source.source === 'generate' ? source.count : ((await this.s.db.read((sql) => repo.getHistory(sql, source.historyId)))?.orders ?? 0);
    const id = this.s.ids.next('sim');
    const name = req.name ?? `simulation of ${total} orders`;
    await this.s.db.write((sql) =>
      repo.insertSimulation(sql, { id, name, request: storedRequest(req, source), total, createdAt: this.now(), createdBy: by }),
    );
    const job: RunningJob = { id, req, source, total, cancelled: false, done: Promise.resolve() };
    job.done = this.run(job).finally(() => this.running.delete(id));
    this.running.set(id, job);
    return { id, ...(source.source === 'stored' && req.orders.source === 'ndjson' ? { historyId: source.historyId } : {}) };
  }

  /** Asks a running job to stop after its current page. */
  async cancel(id: string): Promise<repo.SimulationRecord> {
    const sim = await this.get(id);
    if (sim.status !== 'running') throw conflict(`simulation ${id} is ${sim.status}; only a running one can be cancelled`);
    const job = this.running.get(id);
    if (job) job.cancelled = true;
    await this.s.db.write((sql) => repo.requestCancel(sql, id));
    return { ...sim, cancelRequested: true };
  }

  /** Deletes a finished simulation and everything it stored. */
  async delete(id: string): Promise<void> {
    const sim = await this.get(id);
    // Running here, or in another process that still reports progress.
    if (this.running.has(id) || (sim.status === 'running' && !isStale(sim, this.s.clock.now().getTime()))) {
      throw conflict(`simulation ${id} is running; cancel it first`);
    }
    await this.s.db.write((sql) => repo.deleteSimulation(sql, id));
  }

  async get(id: string): Promise<repo.SimulationRecord> {
    const sim = await this.s.db.read((sql) => repo.getSimulation(sql, id));
    if (!sim) throw notFound('simulation', id);
    return sim;
  }

  /** Resolves when no job of this process is running (tests and shutdown). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((j) => j.done));
  }

  /** Cancels every job of this process and waits for them. */
  async stop(): Promise<void> {
    for (const job of this.running.values()) job.cancelled = true;
    await this.settled();
  }

  private async run(job: RunningJob): Promise<void> {
    const { id, req, source, total } = job;
    const replay = replayServices(this.s);
    let lastInterim = performance.now();
    const onPage = async (p: ReplayProgress) => {
      const interim = performance.now() - lastInterim >= (this.opts.interimEveryMs ?? 2000) ? p.interim() : undefined;
      if (interim) lastInterim = performance.now();
      const asked = await this.s.db.write((sql) =>
        repo.recordProgress(sql, id, { processed: p.processed, total, at: this.now(), result: interim }),
      );
      return job.cancelled || asked;
    };
    try {
      const result: SimulationResult = await runReplay({
        services: replay.services,
        baseline: { name: 'baseline', policy: req.baseline },
        candidates: req.candidates,
        orders: ordersOf(this.s.db, source),
        total,
        stock: req.inventory === 'snapshot' ? (req.snapshot ?? []) : await liveStock(this.s.db),
        replenishments: req.replenishments,
        promisedDays: req.promisedDays,
        routing: await readRoutingOptions(this.s.db),
        keepTraces: req.keepTraces,
        sink: databaseSink(this.s.db, id),
        pageSize: this.opts.pageSize,
        onPage,
        // Long runs decide on worker threads, off the event loop that serves intake.
        workers: 'auto',
      });
      await this.s.db.write((sql) => repo.recordProgress(sql, id, { processed: result.history.orders, total, at: this.now() }));
      await this.s.db.write((sql) =>
        repo.finishSimulation(sql, id, { status: result.cancelled ? 'cancelled' : 'done', at: this.now(), result }),
      );
    } catch (error) {
      this.s.log.warn({ err: error, simulation: id }, 'simulation failed');
      await this.s.db
        .write((sql) =>
          repo.finishSimulation(sql, id, {
            status: 'failed',
            at: this.now(),
            error: error instanceof Error ? error.message : String(error),
          }),
        )
        .catch(() => undefined);
    } finally {
      replay.dispose();
    }
  }

  /** An inline NDJSON history is stored first (all or none), then replayed like any stored one. */
  private async sourceOf(req: SimulationRequest, by: string): Promise<ReplaySource> {
    const o = req.orders;
    if (o.source === 'generate') return o;
    if (o.source === 'stored') {
      const h = await this.s.db.read((sql) => repo.getHistory(sql, o.historyId));
      if (!h) throw invalid('the history does not exist', [{ path: 'orders.historyId', message: `no history ${o.historyId}` }]);
      return o;
    }
    const historyId = this.s.ids.next('hist');
    await createHistory(this.s.db, { id: historyId, name: req.name ?? 'uploaded with a simulation', createdAt: this.now(), createdBy: by });
    await appendAll(this.s.db, historyId, parseNdjson([o.data]));
    return { source: 'stored', historyId };
  }

  /** Policy versions and warehouses the request names must exist: a 400 now beats a failed job later. */
  private async checkReferences(req: SimulationRequest): Promise<void> {
    const refs = [
      { path: 'baseline', ref: req.baseline },
      ...req.candidates.map((c, i) => ({ path: `candidates.${i}.policy`, ref: c.policy })),
    ];
    const { versions } = await this.s.policies.versions();
    const known = new Set(versions.map((v) => v.version));
    const details = refs
      .filter((r) => typeof r.ref === 'number' && !known.has(r.ref))
      .map((m) => ({ path: m.path, message: `no policy version ${m.ref}` }));
    const { warehouses, products } = await this.s.catalogue.snapshot();
    const network = staticNetwork(warehouses, products);
    req.candidates.forEach((c, i) => {
      for (const w of unknownWarehouses(network, c)) details.push({ path: `candidates.${i}`, message: `no warehouse ${w}` });
    });
    if (details.length > 0) throw invalid('the simulation names policy versions or warehouses that do not exist', details);
  }

  private now(): string {
    return this.s.clock.now().toISOString();
  }
}

/** The request as the job row keeps it: large inputs (history, snapshot, replenishments) by reference or count. */
function storedRequest(req: SimulationRequest, source: ReplaySource) {
  return {
    ...req,
    orders: source,
    ...(req.snapshot ? { snapshot: { lines: req.snapshot.length } } : {}),
    ...(req.replenishments ? { replenishments: { events: req.replenishments.length } } : {}),
  };
}
