// The knobs of routing's cost model, with defaults: what a split, a late day, a unit of stock
// shortfall and an import cost, and how far the exact search may go before the heuristic takes over.
import { DEFAULT_COST_PER_DAY_LATE, DEFAULT_PROMISED_DAYS } from './costs.ts';
import { DEFAULT_DUTY_TABLE, type DutyTable } from './duties.ts';
import type { Money, ServiceLevel } from './types.ts';

export interface RoutingOptions {
  /** Customer-experience cost of each shipment beyond the first (minor units). */
  splitPenalty: Money;
  /** Promised delivery in calendar days from the order date, and the cost of each day late. */
  promisedDays: Readonly<Record<ServiceLevel, number>>;
  costPerDayLate: Readonly<Record<ServiceLevel, Money>>;
  duties: DutyTable;
  /**
   * Stock look-ahead (only when the request carries `demand`): a warehouse keeps
   * ceil(unitsPerDay x horizonDays) of a SKU for its own region, and each unit an order takes
   * out of that reserve costs `costPerUnitShort`.
   */
  lookahead: { horizonDays: number; costPerUnitShort: Money };
  /**
   * Limits of the exact search: past `maxStates` expanded states or `maxEvaluations` priced
   * shipment contents it stops, and its best plan so far (improved by local search) is used,
   * marked heuristic. Within them the plan is proven optimal.
   */
  search: { maxStates: number; maxEvaluations: number };
  /** Runner-up plans the trace explains. */
  alternatives: number;
  /** Deployment currency, for the money in trace texts. */
  currency: string;
}

export type RoutingOptionsInput = Partial<RoutingOptions>;

export const DEFAULT_ROUTING_OPTIONS: RoutingOptions = {
  splitPenalty: 250,
  promisedDays: DEFAULT_PROMISED_DAYS,
  costPerDayLate: DEFAULT_COST_PER_DAY_LATE,
  duties: DEFAULT_DUTY_TABLE,
  lookahead: { horizonDays: 3, costPerUnitShort: 150 },
  search: { maxStates: 5_000, maxEvaluations: 5_000 },
  alternatives: 3,
  currency: 'GBP',
};

// Options completed once (completeRoutingOptions), used as they are rather than copied per order.
const completed = new WeakSet<RoutingOptionsInput>();

/** The options with defaults filled in. */
export function resolveRoutingOptions(input: RoutingOptionsInput | undefined): RoutingOptions {
  if (!input) return DEFAULT_ROUTING_OPTIONS;
  return completed.has(input) ? (input as RoutingOptions) : { ...DEFAULT_ROUTING_OPTIONS, ...input };
}

/** The options with defaults filled in, frozen, for a caller that routes many orders under them. */
export function completeRoutingOptions(input: RoutingOptionsInput | undefined): RoutingOptions {
  const options = Object.freeze({ ...DEFAULT_ROUTING_OPTIONS, ...input });
  completed.add(options);
  return options;
}

const SYMBOLS: Record<string, string> = { GBP: '£', EUR: '€', USD: '$' };

/** Minor units as text with the currency's symbol: 340 -> "£3.40", -50 -> "-£0.50". */
export function formatMoney(minor: number, currency: string): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(Math.round(minor));
  const symbol = SYMBOLS[currency];
  const amount = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return symbol ? `${sign}${symbol}${amount}` : `${sign}${amount} ${currency}`;
}
