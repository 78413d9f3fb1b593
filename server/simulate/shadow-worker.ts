// The background loop each app process runs for shadows: every few hundred milliseconds, for each
// running shadow with new events, take its lease (so one process works it at a time), decide the
// next batch and record it with a guarded cursor update (so an order is recorded once even when a
// lease expires mid-batch). A restart resumes from the stored cursor. Candidates run their macros
// on the worker's own isolates, never on the live runner intake waits for.
import type { Logger } from 'pino';
import type { Clock, IdSource } from '../domain/ports.ts';
import { compilePolicy } from '../policies/index.ts';
import type { Catalogue } from '../services/catalogue.ts';
import type { DemandRatesCache } from '../services/demand-rates.ts';
import type { Policies } from '../services/policies.ts';
import type { RoutingSettingsService } from '../services/routing-settings.ts';
import { PolicyDecider } from '../services/policy-decider.ts';
import type { Db } from '../store/client.ts';
import { lastEventSeq } from '../store/event-repo.ts';
import { TickLoop } from '../services/tick-loop.ts';
import * as repo from '../store/shadow-repo.ts';
import { type BatchDeps, decideBatch } from './shadow-batch.ts';
import type { ShadowRecord } from './shadow-types.ts';
import { replayServices } from './steady-runner.ts';

export interface ShadowOptions {
  /** How often the loop looks for new orders. */
  pollMs: number;
  /** Orders decided and recorded together. */
  batchSize: number;
  /** How long a process may hold a shadow without recording a batch before another takes it over. */
  leaseMs: number;
  /** Longest event log read back to find the stock an order saw (see shadow-stock.ts). */
  maxEvents: number;
}

export const DEFAULT_SHADOW_OPTIONS: ShadowOptions = { pollMs: 250, batchSize: 100, leaseMs: 30_000, maxEvents: 50_000 };

// Batches of one shadow per tick before the next shadow gets its turn.
const MAX_BATCHES_PER_TICK = 20;

export interface ShadowWorkerDeps {
  db: Db;
  clock: Clock;
  ids: IdSource;
  log: Logger;
  catalogue: Catalogue;
  policies: Policies;
  routingSettings: Pick<RoutingSettingsService, 'routingOptions'>;
  demandRates: Pick<DemandRatesCache, 'current'>;
}

export class ShadowWorker {
  readonly owner: string;
  private options: ShadowOptions;
  private readonly loop: TickLoop;
  private replay: ReturnType<typeof replayServices> | undefined;
  private readonly deciders = new Map<string, PolicyDecider>();
  /** Shadows whose lease this worker holds, given back on stop so a restart need not wait for it. */
  private readonly held = new Set<string>();

  constructor(
    private readonly deps: ShadowWorkerDeps,
    options: Partial<ShadowOptions> = {},
  ) {
    this.owner = deps.ids.next('shw');
    this.options = { ...DEFAULT_SHADOW_OPTIONS, ...options };
    this.loop = new TickLoop(
      () => this.tick(),
      () => this.options.pollMs,
      (err) => this.deps.log.warn({ err }, 'shadow worker tick failed; retrying on the next one'),
    );
  }

  private get running(): boolean {
    return this.loop.running;
  }

  start(): void {
    this.loop.start();
  }

  /** Stops the loop after the batch in hand (which is then not recorded), gives its leases back and frees the isolates. */
  async stop(): Promise<void> {
    this.loop.halt();
    while (this.loop.ticking) await this.loop.ticking;
    for (const id of this.held) await this.deps.db.write((sql) => repo.releaseShadow(sql, id, this.owner)).catch(() => undefined);
    this.held.clear();
    this.dispose();
  }

  configure(changes: Partial<ShadowOptions>): void {
    this.options = { ...this.options, ...changes };
    this.nudge();
  }

  /** Runs a tick now (or right after the current one). */
  nudge(): void {
    this.loop.nudge();
  }

  private async tick(): Promise<void> {
    const { db } = this.deps;
    const shadows = await db.read((sql) => repo.listRunningShadows(sql));
    for (const id of this.deciders.keys()) if (!shadows.some((s) => s.id === id)) this.deciders.delete(id);
    if (shadows.length === 0) return this.dispose();
    const last = await db.read((sql) => lastEventSeq(sql));
    for (const shadow of shadows) {
      if (!this.running) return;
      if (last > shadow.cursor) await this.work(shadow);
    }
  }

  /** Decides and records batches of one shadow while it holds the lease and there is more to read. */
  private async work(start: ShadowRecord): Promise<void> {
    const { db, clock, log } = this.deps;
    let shadow = start;
    for (let i = 0; i < MAX_BATCHES_PER_TICK && this.running; i++) {
      const now = clock.now().getTime();
      const lease = { owner: this.owner, now: new Date(now).toISOString(), until: new Date(now + this.options.leaseMs).toISOString() };
      if (!(await db.write((sql) => repo.claimShadow(sql, shadow.id, lease)))) {
        this.held.delete(shadow.id);
        return;
      }
      this.held.add(shadow.id);
      let batch: repo.Batch | null;
      try {
        const decider = await this.deciderFor(shadow);
        batch = await decideBatch(this.batchDeps(), shadow, decider);
      } catch (err) {
        log.warn({ err, shadow: shadow.id }, 'shadow batch failed; trying again on the next tick');
        await db.write((sql) => repo.recordShadowError(sql, shadow.id, err instanceof Error ? err.message : String(err), this.now()));
        return;
      }
      if (!batch || !this.running) return;
      const recorded = await db.write((sql) => repo.recordBatch(sql, shadow.id, batch));
      // Another process recorded this range first, or the shadow was stopped: nothing more here.
      if (!recorded) return;
      if (batch.orders.length < this.options.batchSize) return;
      shadow = { ...shadow, cursor: batch.to };
    }
  }

  /** The candidate's decider: its pinned document and macro versions, on this worker's isolates. */
  private async deciderFor(shadow: ShadowRecord): Promise<PolicyDecider> {
    const known = this.deciders.get(shadow.id);
    if (known) return known;
    this.replay ??= replayServices({
      db: this.deps.db,
      clock: this.deps.clock,
      catalogue: this.deps.catalogue,
      policies: this.deps.policies,
    });
    const { macros } = this.replay.services;
    const policy = {
      version: shadow.policy.version,
      document: shadow.policy.document,
      compiled: compilePolicy(shadow.policy.document),
      macros: await macros.pinnedVersions(shadow.policy.macros),
    };
    const decider = new PolicyDecider(async () => policy, macros);
    this.deciders.set(shadow.id, decider);
    return decider;
  }

  private batchDeps(): BatchDeps {
    const { db, catalogue, routingSettings, demandRates } = this.deps;
    return {
      db,
      catalogue,
      batchSize: this.options.batchSize,
      maxEvents: this.options.maxEvents,
      routing: () => routingSettings.routingOptions(),
      demand: () => demandRates.current(),
      at: () => this.now(),
    };
  }

  private dispose(): void {
    this.deciders.clear();
    this.replay?.dispose();
    this.replay = undefined;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
