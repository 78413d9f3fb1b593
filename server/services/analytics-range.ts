// The date range every analytics report covers, the SQL that selects rows inside it, and the small
// statistics (rates, percentiles) the reports share.
import { invalid } from '../domain/errors.ts';

const DAY_MS = 86_400_000;
const MAX_DAYS = 3660;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A half-open range of instants, [from, to), in UTC. */
export interface DateRange {
  /** Inclusive, ISO 8601 UTC. */
  from: string;
  /** Exclusive, ISO 8601 UTC. */
  to: string;
  /** Length in days (fractional for ranges given with times). */
  days: number;
}

export interface RangeQuery {
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * `from` and `to` are ISO dates or date-times. A date-only `to` includes that whole day; without
 * `to` the range ends with today (UTC), and without `from` it starts 30 days before its end.
 */
export function parseRange(q: RangeQuery, now: Date): DateRange {
  const toMs = q.to ? instant(q.to, 'to') + (DATE_ONLY.test(q.to) ? DAY_MS : 0) : startOfDay(now.getTime()) + DAY_MS;
  const fromMs = q.from ? instant(q.from, 'from') : toMs - 30 * DAY_MS;
  if (fromMs >= toMs) throw invalid('the date range is empty', [{ path: 'from', message: '`from` must come before `to`' }]);
  if (toMs - fromMs > MAX_DAYS * DAY_MS)
    throw invalid('the date range is too long', [{ path: 'from', message: `at most ${MAX_DAYS} days` }]);
  return { from: iso(fromMs), to: iso(toMs), days: (toMs - fromMs) / DAY_MS };
}

function instant(value: string, path: string): number {
  const ms = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw invalid('the date range is not valid', [{ path, message: `${value} is not an ISO date` }]);
  return ms;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const startOfDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

/** Every UTC day (YYYY-MM-DD) the range touches, for charts with no gaps. */
export function daysOf(r: DateRange): string[] {
  const out: string[] = [];
  for (let ms = startOfDay(Date.parse(r.from)); ms < Date.parse(r.to); ms += DAY_MS) out.push(iso(ms).slice(0, 10));
  return out;
}

export interface SqlFilter {
  where: string;
  args: string[];
}

/**
 * Rows whose channel-given timestamp (`orders.placed_at`, any UTC offset) falls in the range. The
 * plain string bounds, widened by a day to cover every offset, let SQLite use the index; the
 * `julianday` bounds then compare the true instants.
 */
export function placedIn(column: string, r: DateRange): SqlFilter {
  return {
    where: `${column} >= ? AND ${column} < ? AND julianday(${column}) >= julianday(?) AND julianday(${column}) < julianday(?)`,
    args: [iso(Date.parse(r.from) - DAY_MS), iso(Date.parse(r.to) + DAY_MS), r.from, r.to],
  };
}

/** Rows whose server timestamp (always `…Z` from the clock) falls in the range: a plain index range. */
export function stampedIn(column: string, r: DateRange): SqlFilter {
  return { where: `${column} >= ? AND ${column} < ?`, args: [r.from, r.to] };
}

/** A share rounded to four places; null when there is nothing to divide by. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? round(part / whole, 4) : null);

export const round = (n: number, places = 2): number => Math.round(n * 10 ** places) / 10 ** places;

export interface Percentiles {
  count: number;
  p50: number | null;
  p90: number | null;
}

/** p50 and p90 by nearest rank (always an observed value), rounded to 0.1. */
export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => {
    const v = sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
    return v === undefined ? null : round(v, 1);
  };
  return { count: sorted.length, p50: at(0.5), p90: at(0.9) };
}
