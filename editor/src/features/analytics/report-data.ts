// Analytics reports reshaped for charts and the heat map. Pure.
import type { FulfillmentReport, LandedCostReport, OrdersReport } from '../../api/types.ts';

export interface Shaped {
  /** YYYY-MM-DD per x position (or category names). */
  categories: string[];
  series: { label: string; values: (number | null)[] }[];
}

/** Orders per day, one series per channel, the busiest channel first (stacked at the bottom). */
export function ordersByChannel(r: OrdersReport): Shaped {
  return {
    categories: r.byDay.map((d) => d.day),
    series: r.byChannel.map((c) => ({ label: c.channelId, values: r.byDay.map((d) => d.byChannel[c.channelId] ?? 0) })),
  };
}

/** Landed cost per order per day in its parts (minor units); days without orders have no bar. */
export function costPerOrder(r: LandedCostReport): Shaped {
  const part = (key: 'shipping' | 'handling' | 'duties') => r.byDay.map((d) => (d.orders === 0 ? null : d.perOrder[key]));
  return {
    categories: r.byDay.map((d) => d.day),
    series: [
      { label: 'Shipping', values: part('shipping') },
      { label: 'Handling', values: part('handling') },
      { label: 'Duties', values: part('duties') },
    ],
  };
}

/** Lead times at p50 and p90, in hours, for each leg. */
export function leadTimes(r: FulfillmentReport): Shaped {
  const legs = [r.leadTimeHours.orderToShip, r.leadTimeHours.shipToDeliver, r.leadTimeHours.orderToDeliver];
  return {
    categories: ['Order to ship', 'Ship to door', 'Order to door'],
    series: [
      { label: 'p50', values: legs.map((l) => l.p50) },
      { label: 'p90', values: legs.map((l) => l.p90) },
    ],
  };
}

/**
 * A heat-map cell's colour strength, 0..1: zero stays blank; anything shipped is at least faint,
 * so a slow mover is told apart from none.
 */
export function heat(units: number, max: number): number {
  if (units <= 0 || max <= 0) return 0;
  return Math.round((0.12 + 0.88 * (units / max)) * 100) / 100;
}

/** Hours as `6 h`, or days past two days: `3.5 d`. */
export function hours(h: number | null): string {
  if (h === null) return '–';
  return h >= 48 ? `${(h / 24).toFixed(1)} d` : `${h.toFixed(h < 10 && !Number.isInteger(h) ? 1 : 0)} h`;
}
