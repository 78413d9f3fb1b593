// Fan-out: turns the event log (the transactional outbox) into delivery rows. Runs inside one write
// transaction, so with several processes each event reaches each subscription exactly once: the
// cursor moves in the same commit as the rows it produced, and the unique key backs that up.
import type { IdSource } from '../domain/ports.ts';
import type { Sql } from '../store/client.ts';
import { eventsAfter, type StoredEvent } from '../store/event-repo.ts';
import { insertDeliveries, type NewDelivery } from '../store/webhook-delivery-repo.ts';
import { advanceCursor, listSubscriptions, type SubscriptionRecord } from '../store/webhook-repo.ts';
import { ChannelStockLens } from './channel-stock-lens.ts';
import { channelStockEvents } from './channel-stock-changed.ts';
import { CHANNEL_STOCK_CHANGED, isDeliverable, matchesAny } from './event-types.ts';
import { lowStockEvents, StockLens } from './inventory-low.ts';
import { fromLogEvent, type WebhookEvent } from './payload.ts';

export interface FanOutContext {
  now: string;
  ids: IdSource;
  batchSize: number;
  lowStockThreshold: number;
}

export interface FanOutResult {
  /** Events read; a full batch means there may be more. */
  read: number;
  queued: number;
}

/** One pass over the events after the lowest cursor of the active subscriptions. */
export async function fanOut(sql: Sql, ctx: FanOutContext): Promise<FanOutResult> {
  const subs = await listSubscriptions(sql, true);
  if (subs.length === 0) return { read: 0, queued: 0 };
  const events = await eventsAfter(sql, Math.min(...subs.map((s) => s.cursor)), ctx.batchSize);
  const last = events.at(-1)?.seq;
  if (last === undefined) return { read: 0, queued: 0 };
  const lenses = { stock: new StockLens(sql), channels: new ChannelStockLens(sql, events) };
  let queued = 0;
  for (const sub of subs) {
    if (sub.cursor >= last) continue;
    const payloads = await eventsFor(
      sql,
      lenses,
      sub,
      events.filter((e) => e.seq > sub.cursor),
      ctx,
    );
    await insertDeliveries(
      sql,
      payloads.map((p) => newDelivery(sub.id, p, ctx)),
    );
    // Writers are serialised, so this cannot lose; if it ever did, the rows above roll back with it.
    if (!(await advanceCursor(sql, sub.id, sub.cursor, last))) throw new Error(`webhook cursor of ${sub.id} moved under fan-out`);
    queued += payloads.length;
  }
  return { read: events.length, queued };
}

async function eventsFor(
  sql: Sql,
  lenses: { stock: StockLens; channels: ChannelStockLens },
  sub: SubscriptionRecord,
  events: StoredEvent[],
  ctx: FanOutContext,
): Promise<WebhookEvent[]> {
  const wantsLow = matchesAny(sub.events, 'inventory.low');
  const wantsAts = matchesAny(sub.events, CHANNEL_STOCK_CHANGED);
  const threshold = sub.lowStockThreshold ?? ctx.lowStockThreshold;
  const out: WebhookEvent[] = [];
  for (const e of events) {
    if (isDeliverable(e.type) && matchesAny(sub.events, e.type)) out.push(fromLogEvent(e));
    if (wantsLow) out.push(...(await lowStockEvents(sql, lenses.stock, { subscriptionId: sub.id, threshold, event: e })));
    if (wantsAts)
      out.push(...(await channelStockEvents(sql, lenses.channels, { subscriptionId: sub.id, channels: sub.channels, event: e })));
  }
  return out;
}

function newDelivery(subscriptionId: string, e: WebhookEvent, ctx: FanOutContext): NewDelivery {
  return {
    id: ctx.ids.next('whd'),
    subscriptionId,
    eventId: e.id,
    eventSeq: e.sequence,
    eventType: e.type,
    body: JSON.stringify(e),
    outOfOrder: false,
    now: ctx.now,
  };
}
