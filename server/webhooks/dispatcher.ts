// The background loop each app process runs: fan new events out into deliveries, claim the due
// ones (a guarded update, so one process sends each at a time), send them and record the attempt.
// Delivery is at least once: a process that dies mid-send leaves a lock that expires, and the
// delivery is sent again with the same event id.
import type { Logger } from 'pino';
import type { Clock, IdSource } from '../domain/ports.ts';
import type { Db } from '../store/client.ts';
import * as deliveryRepo from '../store/webhook-delivery-repo.ts';
import type { AttemptOutcome, ClaimedDelivery } from '../store/webhook-delivery-repo.ts';
import { TickLoop } from '../services/tick-loop.ts';
import { hasUnreadEvents } from '../store/webhook-repo.ts';
import { PING_EVENT_TYPE } from './event-types.ts';
import { fanOut } from './fan-out.ts';
import { retryDelayMs, type WebhookOptions } from './options.ts';
import { postWebhook, type PostResult } from './sender.ts';
import { signatureHeader } from './signing.ts';
import { assertPublicTarget } from './target-guard.ts';

export interface DispatcherDeps {
  db: Db;
  clock: Clock;
  ids: IdSource;
  log: Logger;
  options: WebhookOptions;
}

// A claim outlives the request's own timeout so a slow commit of the outcome cannot free it early.
const LOCK_MARGIN_MS = 30_000;
// Passes of fan-out per tick before sending gets a turn.
const MAX_FAN_OUT_PASSES = 10;

/** An attempt that failed before any request went out (a private target, a secret that cannot be opened). */
const notSent = (error: string): PostResult => ({
  ok: false,
  statusCode: null,
  error,
  responseSnippet: null,
  durationMs: 0,
  aborted: false,
});

export class WebhookDispatcher {
  /** Whose lock a claimed delivery carries. */
  readonly owner: string;
  private options: WebhookOptions;
  private readonly loop: TickLoop;
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = new AbortController();

  constructor(private readonly deps: DispatcherDeps) {
    this.owner = deps.ids.next('wkr');
    this.options = deps.options;
    this.loop = new TickLoop(
      () => this.tick(),
      () => this.options.pollMs,
      (err) => this.deps.log.warn({ err }, 'webhook dispatcher tick failed; retrying on the next one'),
    );
  }

  private get running(): boolean {
    return this.loop.running;
  }

  /** Starts the loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.stopping = new AbortController();
    this.loop.start();
  }

  /** Stops the loop, cuts requests short (their deliveries are released, not failed) and waits. */
  async stop(): Promise<void> {
    this.loop.halt();
    this.stopping.abort();
    while (this.loop.ticking || this.inFlight.size > 0) await Promise.allSettled([this.loop.ticking, ...this.inFlight]);
  }

  /** Changes settings from the next tick on (tests shorten the backoff this way). */
  configure(changes: Partial<WebhookOptions>): void {
    this.options = { ...this.options, ...changes };
    if (this.running) this.nudge();
  }

  get settings(): Readonly<WebhookOptions> {
    return this.options;
  }

  /** Runs a tick now (or right after the current one). */
  nudge(): void {
    this.loop.nudge();
  }

  /** Claims and sends one delivery now, whether or not the loop runs; false if someone holds it. */
  async sendNow(deliveryId: string): Promise<boolean> {
    const claimed = await this.deps.db.write((sql) => deliveryRepo.claimById(sql, deliveryId, this.claim()));
    if (!claimed) return false;
    await this.track(this.send(claimed));
    return true;
  }

  private async tick(): Promise<void> {
    const { db, clock, ids } = this.deps;
    for (let pass = 0; pass < MAX_FAN_OUT_PASSES && this.running; pass++) {
      if (!(await db.read((sql) => hasUnreadEvents(sql)))) break;
      const { batchSize, lowStockThreshold } = this.options;
      const result = await db.write((sql) => fanOut(sql, { now: clock.now().toISOString(), ids, batchSize, lowStockThreshold }));
      if (result.read < batchSize) break;
    }
    const free = this.options.concurrency - this.inFlight.size;
    if (!this.running || free <= 0) return;
    const now = clock.now().toISOString();
    if (!(await db.read((sql) => deliveryRepo.hasSendable(sql, now)))) return;
    const claimed = await db.write((sql) => deliveryRepo.claimDue(sql, this.claim(), free));
    for (const d of claimed) void this.track(this.send(d));
  }

  private claim(): deliveryRepo.Claim {
    const now = this.deps.clock.now().getTime();
    return {
      now: new Date(now).toISOString(),
      lockedUntil: new Date(now + this.options.timeoutMs + LOCK_MARGIN_MS).toISOString(),
      owner: this.owner,
    };
  }

  private track(p: Promise<void>): Promise<void> {
    const done = p
      .catch((err: unknown) => this.deps.log.error({ err }, 'webhook delivery bookkeeping failed'))
      .finally(() => {
        this.inFlight.delete(done);
        // The next delivery of the same subscription may be waiting on this one.
        this.nudge();
      });
    this.inFlight.add(done);
    return done;
  }

  private async send(d: ClaimedDelivery): Promise<void> {
    const { db, log, clock } = this.deps;
    const startedAt = clock.now();
    const result = await this.attempt(d, startedAt);
    if (result.aborted) {
      await db.write((sql) => deliveryRepo.releaseClaim(sql, d.id, this.owner));
      return;
    }
    const outcome = this.outcome(d, result, startedAt.toISOString());
    await db.write((sql) => deliveryRepo.finishAttempt(sql, d.id, this.owner, outcome));
    const fields = {
      deliveryId: d.id,
      subscriptionId: d.subscriptionId,
      eventId: d.eventId,
      eventType: d.eventType,
      attempt: d.attempts + 1,
      statusCode: result.statusCode,
      ms: result.durationMs,
    };
    if (result.ok) log.info(fields, 'webhook delivered');
    else
      log.warn({ ...fields, error: result.error, status: outcome.status, nextAttemptAt: outcome.nextAttemptAt }, 'webhook delivery failed');
  }

  private async attempt(d: ClaimedDelivery, startedAt: Date): Promise<PostResult> {
    if (!this.options.allowPrivateTargets) {
      try {
        await assertPublicTarget(d.url);
      } catch (err) {
        return notSent((err as Error).message);
      }
    }
    let secrets: string[];
    try {
      const box = await this.deps.db.secretBox();
      secrets = d.secrets.map((secret) => box.open(secret));
    } catch (err) {
      // Recorded as a failed attempt like any other, so the delivery is retried and dead-lettered, never stuck.
      return notSent(`the signing secret cannot be opened: ${(err as Error).message}`);
    }
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Conveyor-Webhooks/1',
      'conveyor-event-id': d.eventId,
      'conveyor-event-type': d.eventType,
      'conveyor-delivery-id': d.id,
      'conveyor-delivery-attempt': String(d.attempts + 1),
      'conveyor-signature': signatureHeader(secrets, Math.floor(startedAt.getTime() / 1000), d.body),
    };
    return postWebhook({ url: d.url, body: d.body, headers, timeoutMs: this.options.timeoutMs, signal: this.stopping.signal });
  }

  private outcome(d: ClaimedDelivery, r: PostResult, at: string): AttemptOutcome {
    const round = d.roundAttempts + 1;
    // A ping is a one-off check of the endpoint, never retried.
    const max = d.eventType === PING_EVENT_TYPE ? 1 : this.options.maxAttempts;
    const status = r.ok ? 'succeeded' : round >= max ? 'failed' : 'pending';
    const next = status === 'pending' ? new Date(this.deps.clock.now().getTime() + retryDelayMs(round, this.options)).toISOString() : null;
    const attempt = { at, durationMs: r.durationMs, statusCode: r.statusCode, error: r.error, responseSnippet: r.responseSnippet };
    return { attempt, status, nextAttemptAt: next };
  }
}
