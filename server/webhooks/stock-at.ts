// Reading a value back to a point of the event log: how each event moved available units, and the
// arithmetic that recovers a count or a setting right after any event from the changes around it.
// Pure, so the rules can be checked exhaustively (stock-at.test.ts).
import type { StoredEvent } from '../store/event-repo.ts';

/** How an event moved the units available (on hand less reserved) at one location. */
export interface AvailabilityChange {
  sku: string;
  warehouseId: string;
  delta: number;
  /** Available units right after the event, when the event recorded the counts. */
  after?: number | undefined;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function moves(data: Record<string, unknown>, sign: 1 | -1): AvailabilityChange[] {
  if (!Array.isArray(data.moves)) return [];
  return (data.moves as Record<string, unknown>[]).flatMap((m) =>
    isCount(m.quantity)
      ? [
          {
            sku: String(m.sku),
            warehouseId: String(m.warehouseId),
            delta: sign * m.quantity,
            after: isCount(m.onHand) && isCount(m.reserved) ? m.onHand - m.reserved : undefined,
          },
        ]
      : [],
  );
}

/**
 * The locations whose available units an event moved. Shipping moves on hand and reserved alike, so
 * it changes nothing here; a reroute logged before its moves were recorded is not read (its
 * quantities are unknown).
 */
export function availabilityChanges(e: StoredEvent): AvailabilityChange[] {
  const data = e.data as Record<string, unknown>;
  switch (e.type) {
    case 'inventory.reserved':
    case 'order.rerouted':
      return moves(data, -1);
    case 'inventory.released':
      return moves(data, 1);
    case 'inventory.adjusted': {
      if (!isCount(data.before) || !isCount(data.after) || data.after === data.before) return [];
      const after = isCount(data.reserved) ? data.after - data.reserved : undefined;
      return [{ sku: String(e.sku), warehouseId: String(data.warehouseId), delta: data.after - data.before, after }];
    }
    case 'inventory.restocked':
      return isCount(data.quantity) ? [{ sku: String(e.sku), warehouseId: String(data.warehouseId), delta: data.quantity }] : [];
    default:
      return [];
  }
}

/** One location's change at a log position. */
export interface Change {
  seq: number;
  delta: number;
  after?: number | undefined;
}

/**
 * Units available at a location right after event `seq`, given the location's changes (in log order)
 * and its count at the end of them (`now`): forward from the last count recorded at or before `seq`,
 * else back from the first one recorded after it, else back from `now`.
 */
export function availableAt(changes: readonly Change[], seq: number, now: number): number {
  let base: number | undefined;
  let since = 0;
  for (const c of changes) {
    if (c.seq > seq) break;
    if (c.after === undefined) since += c.delta;
    else [base, since] = [c.after, 0];
  }
  if (base !== undefined) return base + since;
  let undo = 0;
  for (const c of changes) {
    if (c.seq <= seq) continue;
    undo += c.delta;
    if (c.after !== undefined) return c.after - undo;
  }
  return now - undo;
}

/** A value replaced at a log position, with what it was before. */
export interface Swap<T> {
  seq: number;
  before: T;
  after: T;
}

/**
 * A value right after event `seq`, given its replacements in log order: the last one at or before
 * `seq`, else what the first one after it replaced; undefined when there are none (it is as now).
 */
export function valueAt<T>(swaps: readonly Swap<T>[], seq: number): { value: T } | undefined {
  let found: { value: T } | undefined;
  for (const s of swaps) {
    if (s.seq > seq) return found ?? { value: s.before };
    found = { value: s.after };
  }
  return found;
}
