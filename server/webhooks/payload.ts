// The JSON body of a webhook request. Built once when a delivery is queued, so every attempt and
// redelivery sends the same bytes; `id` is the idempotency key receivers deduplicate on.
import type { StoredEvent } from '../store/event-repo.ts';

/** What a receiver gets: `{ id, type, createdAt, sequence, data }`. */
export interface WebhookEvent {
  /** `evt_<seq>` for log events; derived and ping events extend or replace it. */
  id: string;
  type: string;
  createdAt: string;
  /** The event log position this came from (null for pings); increases per subscription. */
  sequence: number | null;
  data: Record<string, unknown>;
}

export const eventIdOf = (seq: number): string => `evt_${seq}`;

/** The webhook form of an event log row: order and SKU ids join the event's own data. */
export function fromLogEvent(e: StoredEvent): WebhookEvent {
  const data = { ...(e.orderId ? { orderId: e.orderId } : {}), ...(e.sku ? { sku: e.sku } : {}), ...e.data };
  return { id: eventIdOf(e.seq), type: e.type, createdAt: e.at, sequence: e.seq, data };
}
