// The event names a webhook can subscribe to, and how subscription patterns (`order.*`, `*`) match.
// Exact names are checked against this list so a typo is a 400 rather than a silent nothing.
import { SKU_MAP_CHANGED, STOCK_SETTINGS_CHANGED } from '../integrations/stock-sync-events.ts';

/**
 * Every subscribable event type: what the services write to the event log, plus the two the
 * dispatcher derives from it, `inventory.low` and `channel.stock_changed`.
 */
export const WEBHOOK_EVENT_TYPES = [
  'order.routed',
  'order.on_hold',
  'order.backordered',
  'order.cancelled',
  'order.rerouted',
  'order.reroute_attempted',
  'order.returned',
  'fulfillment.shipped',
  'fulfillment.delivered',
  'inventory.adjusted',
  'inventory.reserved',
  'inventory.released',
  'inventory.restocked',
  'inventory.quarantined',
  'inventory.low',
  'return.requested',
  'return.received',
  'return.exchange_placed',
  'return.exchange_failed',
  'channel.stock_changed',
] as const;

export const CHANNEL_STOCK_CHANGED = 'channel.stock_changed';

/**
 * Written to the log for the dispatcher (it derives `channel.stock_changed` from them) and never
 * delivered themselves, not even to `*`: a SKU map change may list thousands of SKUs.
 */
const LOG_ONLY_TYPES: ReadonlySet<string> = new Set([STOCK_SETTINGS_CHANGED, SKU_MAP_CHANGED]);

/** Whether a log event of this type is ever sent as it is. */
export const isDeliverable = (type: string): boolean => !LOG_ONLY_TYPES.has(type);

/** Sent only by `POST /v1/webhooks/:id/test`, whatever the subscription's patterns. */
export const PING_EVENT_TYPE = 'ping';

const GROUPS = new Set(WEBHOOK_EVENT_TYPES.map((t) => t.split('.')[0]));
const KNOWN = new Set<string>(WEBHOOK_EVENT_TYPES);

/** Why a pattern is not acceptable, or undefined when it is. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern === '*' || KNOWN.has(pattern)) return undefined;
  if (pattern.endsWith('.*')) {
    const group = pattern.slice(0, -2);
    return GROUPS.has(group) ? undefined : `unknown event group ${group}; known: ${[...GROUPS].join(', ')}`;
  }
  return `unknown event type ${pattern}; use one of ${WEBHOOK_EVENT_TYPES.join(', ')}, a group wildcard such as order.* or *`;
}

/** Whether any of a subscription's patterns selects this event type. */
export function matchesAny(patterns: readonly string[], type: string): boolean {
  return patterns.some((p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}
