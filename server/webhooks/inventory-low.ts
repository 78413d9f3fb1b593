// Derives `inventory.low`: after an event that reduces a SKU's availability at a warehouse, the
// stock right after that event (recorded in the event itself; read at dispatch time only for events
// that carry no counts) is compared with the subscription's threshold. A subscription hears about
// a location once when it goes low, and again only after it recovered.
import type { StoredEvent } from '../store/event-repo.ts';
import type { Sql } from '../store/client.ts';
import { getStockLevel, type StockLevel } from '../store/stock-repo.ts';
import { clearLow, fulfillmentLocations, markLow } from '../store/webhook-repo.ts';
import { eventIdOf, type WebhookEvent } from './payload.ts';

export interface Location {
  sku: string;
  warehouseId: string;
  /** The location's counts right after the event, when the event recorded them. */
  after?: { onHand: number; reserved: number } | undefined;
}

/** Counts recorded with a move or an adjustment, if both are numbers. */
function recorded(onHand: unknown, reserved: unknown): Location['after'] {
  return typeof onHand === 'number' && typeof reserved === 'number' ? { onHand, reserved } : undefined;
}

export interface StockEffects {
  reduced: Location[];
  increased: Location[];
  /** A reroute names its new fulfillments only; their locations are looked up. */
  fulfillmentIds: string[];
}

const NONE: StockEffects = { reduced: [], increased: [], fulfillmentIds: [] };

/** Which locations an event made more or less available, from the event alone. */
export function stockEffects(e: StoredEvent): StockEffects {
  const data = e.data as Record<string, unknown>;
  const moves = (): Location[] =>
    Array.isArray(data.moves)
      ? (data.moves as Record<string, unknown>[]).map((m) => ({
          sku: String(m.sku),
          warehouseId: String(m.warehouseId),
          after: recorded(m.onHand, m.reserved),
        }))
      : [];
  switch (e.type) {
    case 'inventory.reserved':
      return { ...NONE, reduced: moves() };
    case 'inventory.released':
      return { ...NONE, increased: moves() };
    case 'inventory.adjusted': {
      const loc = { sku: String(e.sku), warehouseId: String(data.warehouseId), after: recorded(data.after, data.reserved) };
      const delta = Number(data.after) - Number(data.before);
      return delta < 0 ? { ...NONE, reduced: [loc] } : delta > 0 ? { ...NONE, increased: [loc] } : NONE;
    }
    case 'inventory.restocked':
      return { ...NONE, increased: [{ sku: String(e.sku), warehouseId: String(data.warehouseId) }] };
    case 'order.rerouted':
      if (Array.isArray(data.moves)) return { ...NONE, reduced: moves() };
      return { ...NONE, fulfillmentIds: Array.isArray(data.fulfillments) ? data.fulfillments.map(String) : [] };
    default:
      return NONE;
  }
}

/** Stock levels and reroute locations read once per fan-out pass, shared by every subscription. */
export class StockLens {
  private levels = new Map<string, Promise<StockLevel | undefined>>();
  private reroutes = new Map<number, Promise<Location[]>>();

  constructor(private readonly sql: Sql) {}

  level(loc: Location): Promise<StockLevel | undefined> {
    if (loc.after) {
      const { onHand, reserved } = loc.after;
      return Promise.resolve({ sku: loc.sku, warehouseId: loc.warehouseId, onHand, reserved, available: Math.max(0, onHand - reserved) });
    }
    const key = `${loc.warehouseId}\u0000${loc.sku}`;
    const hit = this.levels.get(key) ?? getStockLevel(this.sql, loc.sku, loc.warehouseId);
    this.levels.set(key, hit);
    return hit;
  }

  async effects(e: StoredEvent): Promise<StockEffects> {
    const fx = stockEffects(e);
    if (fx.fulfillmentIds.length === 0) return fx;
    const hit = this.reroutes.get(e.seq) ?? fulfillmentLocations(this.sql, fx.fulfillmentIds);
    this.reroutes.set(e.seq, hit);
    return { ...fx, reduced: [...fx.reduced, ...(await hit)] };
  }
}

export interface LowStockInput {
  subscriptionId: string;
  threshold: number;
  event: StoredEvent;
}

/** The `inventory.low` events one log event causes for one subscription (and its marks updated). */
export async function lowStockEvents(sql: Sql, lens: StockLens, input: LowStockInput): Promise<WebhookEvent[]> {
  const { event, threshold, subscriptionId } = input;
  const fx = await lens.effects(event);
  for (const loc of fx.increased) {
    const level = await lens.level(loc);
    if (level && level.available >= threshold) await clearLow(sql, subscriptionId, loc);
  }
  const out: WebhookEvent[] = [];
  for (const loc of fx.reduced) {
    const level = await lens.level(loc);
    if (!level || level.available >= threshold) continue;
    if (!(await markLow(sql, subscriptionId, loc, event.seq))) continue;
    out.push({
      id: `${eventIdOf(event.seq)}:low:${loc.warehouseId}:${loc.sku}`,
      type: 'inventory.low',
      createdAt: event.at,
      sequence: event.seq,
      data: {
        ...loc,
        available: level.available,
        onHand: level.onHand,
        reserved: level.reserved,
        threshold,
        causedBy: { id: eventIdOf(event.seq), type: event.type },
      },
    });
  }
  return out;
}
