// What the replayed history itself looks like: its size and span, orders that could not be
// replayed, and, when the history knows, how its orders really went (to hold the simulation against).
import { DaysHistogram, rate, type DaysSummary } from './histogram.ts';
import { daysBetween } from './summary.ts';
import type { SimOrder } from './types.ts';

export interface HistoryStats {
  orders: number;
  replayed: number;
  firstPlacedAt: string | null;
  lastPlacedAt: string | null;
  rejected: { orders: number; examples: { channelId: string; externalId: string; reason: string }[] };
  /** Real outcomes, for histories that carry them (Olist's delivered and promised dates). */
  actual: { orders: number; deliveryDays: DaysSummary; onTimeRate: number; splitRate: number } | null;
}

export class HistoryRecorder {
  private orders = 0;
  private replayed = 0;
  private first: string | null = null;
  private last: string | null = null;
  private readonly rejected: HistoryStats['rejected'] = { orders: 0, examples: [] };
  private readonly delivered = new DaysHistogram();
  private onTime = 0;
  private withShipments = 0;
  private split = 0;

  get seenOrders(): number {
    return this.orders;
  }

  seen(order: SimOrder): void {
    this.orders++;
    this.first ??= order.placedAt;
    this.last = order.placedAt;
  }

  reject(order: SimOrder, reason: string): void {
    this.rejected.orders++;
    if (this.rejected.examples.length < 20)
      this.rejected.examples.push({ channelId: order.channelId, externalId: order.externalId, reason });
  }

  replay(order: SimOrder): void {
    this.replayed++;
    const a = order.actual;
    if (a?.shipments !== undefined) {
      this.withShipments++;
      if (a.shipments > 1) this.split++;
    }
    if (!a?.deliveredAt) return;
    const days = daysBetween(order.placedAt, a.deliveredAt);
    this.delivered.add(days);
    if (a.promisedBy && days <= daysBetween(order.placedAt, a.promisedBy)) this.onTime++;
  }

  finish(): HistoryStats {
    const actual =
      this.delivered.count > 0 || this.withShipments > 0
        ? {
            orders: this.delivered.count,
            deliveryDays: this.delivered.summary(),
            onTimeRate: rate(this.onTime, this.delivered.count),
            splitRate: rate(this.split, this.withShipments),
          }
        : null;
    return {
      orders: this.orders,
      replayed: this.replayed,
      firstPlacedAt: this.first,
      lastPlacedAt: this.last,
      // A copy: interim results taken mid-replay must not change as later orders are rejected.
      rejected: { orders: this.rejected.orders, examples: [...this.rejected.examples] },
      actual,
    };
  }
}
