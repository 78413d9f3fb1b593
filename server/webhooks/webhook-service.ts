// Webhook subscriptions as a use case: create (the secret is shown once), edit, rotate the secret,
// read the delivery log, redeliver, ping; and the dispatcher that runs in the background.
import type { Logger } from 'pino';
import { conflict, invalid, notFound, type ErrorDetail } from '../domain/errors.ts';
import type { Clock, IdSource } from '../domain/ports.ts';
import { getChannel } from '../store/access-repo.ts';
import type { Db } from '../store/client.ts';
import { lastEventSeq } from '../store/event-repo.ts';
import * as deliveryRepo from '../store/webhook-delivery-repo.ts';
import type { DeliveryQuery, DeliveryRecord } from '../store/webhook-delivery-repo.ts';
import * as repo from '../store/webhook-repo.ts';
import type { SubscriptionRecord } from '../store/webhook-repo.ts';
import { WebhookDispatcher } from './dispatcher.ts';
import { patternProblem, PING_EVENT_TYPE } from './event-types.ts';
import { DEFAULT_WEBHOOK_OPTIONS, type WebhookOptions } from './options.ts';
import type { WebhookEvent } from './payload.ts';
import { newWebhookSecret } from './signing.ts';
import { targetProblem } from './target-guard.ts';

export interface WebhookServiceDeps {
  db: Db;
  clock: Clock;
  ids: IdSource;
  log: Logger;
  options?: Partial<WebhookOptions> | undefined;
}

export interface SubscriptionInput {
  url: string;
  events: string[];
  description?: string | null | undefined;
  active?: boolean | undefined;
  lowStockThreshold?: number | null | undefined;
  /** Only these channels' `channel.stock_changed` (each must exist); null or absent for every channel. */
  channels?: string[] | null | undefined;
  /** `now` (default): only events after creation; `beginning`: the whole event log as a backlog. */
  from?: 'now' | 'beginning' | undefined;
}

export type SubscriptionPatch = Partial<Omit<SubscriptionInput, 'from'>>;

export interface WithSecret {
  subscription: SubscriptionRecord;
  secret: string;
}

export class WebhookService {
  readonly dispatcher: WebhookDispatcher;

  constructor(private readonly deps: WebhookServiceDeps) {
    this.dispatcher = new WebhookDispatcher({ ...deps, options: { ...DEFAULT_WEBHOOK_OPTIONS, ...deps.options } });
  }

  start = (): void => this.dispatcher.start();
  stop = (): Promise<void> => this.dispatcher.stop();

  /** Creates a subscription; its cursor starts at the end of the log unless `from: 'beginning'`. */
  async create(input: SubscriptionInput): Promise<WithSecret> {
    await this.check(input);
    const now = this.now();
    const { secret, sealed } = await this.newSecret();
    const subscription = await this.deps.db.write(async (sql) => {
      const s: SubscriptionRecord = {
        id: this.deps.ids.next('whk'),
        url: input.url,
        events: [...new Set(input.events)],
        description: input.description ?? null,
        active: input.active ?? true,
        lowStockThreshold: input.lowStockThreshold ?? null,
        channels: input.channels ? [...new Set(input.channels)] : null,
        cursor: input.from === 'beginning' ? 0 : await lastEventSeq(sql),
        previousSecretExpiresAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await repo.insertSubscription(sql, s, sealed);
      return s;
    });
    this.dispatcher.nudge();
    return { subscription, secret };
  }

  list = (): Promise<SubscriptionRecord[]> => this.deps.db.read((sql) => repo.listSubscriptions(sql));

  async get(id: string): Promise<SubscriptionRecord> {
    const s = await this.deps.db.read((sql) => repo.getSubscription(sql, id));
    if (!s) throw notFound('webhook', id);
    return s;
  }

  /** Edits a subscription; one switched back on resumes from the end of the log, not a backlog. */
  async update(id: string, patch: SubscriptionPatch): Promise<SubscriptionRecord> {
    await this.check(patch);
    const updated = await this.deps.db.write(async (sql) => {
      const s = await repo.getSubscription(sql, id);
      if (!s) throw notFound('webhook', id);
      const next: SubscriptionRecord = {
        ...s,
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.events !== undefined ? { events: [...new Set(patch.events)] } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(patch.lowStockThreshold !== undefined ? { lowStockThreshold: patch.lowStockThreshold } : {}),
        ...(patch.channels !== undefined ? { channels: patch.channels ? [...new Set(patch.channels)] : null } : {}),
        updatedAt: this.now(),
      };
      if (next.active && !s.active) next.cursor = await lastEventSeq(sql);
      await repo.updateSubscription(sql, next);
      return next;
    });
    this.dispatcher.nudge();
    return updated;
  }

  async remove(id: string): Promise<void> {
    if (!(await this.deps.db.write((sql) => repo.deleteSubscription(sql, id)))) throw notFound('webhook', id);
  }

  /** A fresh signing secret, and how it is stored (sealed: see store/secret-box.ts). */
  private async newSecret(): Promise<{ secret: string; sealed: string }> {
    const secret = newWebhookSecret();
    return { secret, sealed: (await this.deps.db.secretBox()).seal(secret) };
  }

  /** A new secret (shown once); the old one keeps signing alongside it for `graceSeconds`. */
  async rotateSecret(id: string, graceSeconds = 0): Promise<WithSecret> {
    const { secret, sealed } = await this.newSecret();
    const now = this.deps.clock.now();
    const expires = graceSeconds > 0 ? new Date(now.getTime() + graceSeconds * 1000).toISOString() : null;
    const subscription = await this.deps.db.write(async (sql) => {
      if (!(await repo.getSubscription(sql, id))) throw notFound('webhook', id);
      await repo.replaceSecret(sql, id, sealed, expires, now.toISOString());
      return (await repo.getSubscription(sql, id)) as SubscriptionRecord;
    });
    return { subscription, secret };
  }

  async deliveries(id: string, query: DeliveryQuery): Promise<DeliveryRecord[]> {
    await this.get(id);
    return this.deps.db.read((sql) => deliveryRepo.listDeliveries(sql, id, query));
  }

  /** Sends a delivery again now, out of order, with a fresh set of attempts. */
  async redeliver(deliveryId: string): Promise<DeliveryRecord> {
    const [delivery] = await this.requeue({ id: deliveryId }, 'delivery');
    return delivery as DeliveryRecord;
  }

  /** Sends an event again to every subscription that had a delivery of it. */
  redeliverEvent = (eventId: string): Promise<DeliveryRecord[]> => this.requeue({ eventId }, 'event');

  /** Sends a `ping` to the subscription's URL now and returns the delivery with its attempt. */
  async test(id: string): Promise<DeliveryRecord> {
    const s = await this.get(id);
    const now = this.now();
    const ping: WebhookEvent = {
      id: this.deps.ids.next('evt_ping'),
      type: PING_EVENT_TYPE,
      createdAt: now,
      sequence: null,
      data: { webhookId: s.id },
    };
    const deliveryId = this.deps.ids.next('whd');
    await this.deps.db.write((sql) =>
      deliveryRepo.insertDeliveries(sql, [
        {
          id: deliveryId,
          subscriptionId: s.id,
          eventId: ping.id,
          eventSeq: null,
          eventType: ping.type,
          body: JSON.stringify(ping),
          outOfOrder: true,
          now,
        },
      ]),
    );
    await this.dispatcher.sendNow(deliveryId);
    const [delivery] = await this.deps.db.read((sql) => deliveryRepo.getDeliveries(sql, [deliveryId]));
    return delivery as DeliveryRecord;
  }

  private async requeue(where: { id: string } | { eventId: string }, what: string): Promise<DeliveryRecord[]> {
    const ids = await this.deps.db.write(async (sql) => {
      const queued = await deliveryRepo.requeue(sql, where, this.now());
      if (queued.length > 0) return queued;
      const key = 'id' in where ? where.id : where.eventId;
      if (!(await deliveryRepo.deliveryExists(sql, where))) throw notFound(what === 'event' ? 'a delivery of event' : 'delivery', key);
      throw conflict(`${what} ${key} is being sent right now; try again when the attempt has finished`);
    });
    this.dispatcher.nudge();
    return this.deps.db.read((sql) => deliveryRepo.getDeliveries(sql, ids));
  }

  private async check(input: SubscriptionPatch): Promise<void> {
    const details: ErrorDetail[] = [];
    const url = input.url === undefined ? undefined : targetProblem(input.url, this.dispatcher.settings.allowPrivateTargets);
    if (url) details.push({ path: 'url', message: url });
    input.events?.forEach((p, i) => {
      const problem = patternProblem(p);
      if (problem) details.push({ path: `events.${i}`, message: problem });
    });
    if (input.channels) details.push(...(await this.channelProblems(input.channels)));
    if (details.length > 0) throw invalid('the webhook is not valid', details);
  }

  private async channelProblems(channels: string[]): Promise<ErrorDetail[]> {
    if (channels.length === 0) return [{ path: 'channels', message: 'name at least one channel, or null for every channel' }];
    const known = await this.deps.db.read(async (sql) => Promise.all(channels.map((id) => getChannel(sql, id))));
    return channels.flatMap((id, i) => (known[i] ? [] : [{ path: `channels.${i}`, message: `unknown channel ${id}` }]));
  }

  private now = (): string => this.deps.clock.now().toISOString();
}
