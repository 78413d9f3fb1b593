// Date ranges for the analytics reports: UTC dates, `to` inclusive (as the server reads a date-only
// `to`), and the presets. Pure.

export interface DayRange {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
}

export const PRESETS = [7, 30, 90] as const;

const DAY_MS = 86_400_000;

/** The UTC date of an instant, YYYY-MM-DD. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The last `days` days up to and including `today`. */
export function lastDays(days: number, today: string): DayRange {
  return { from: utcDay(Date.parse(`${today}T00:00:00Z`) - (days - 1) * DAY_MS), to: today };
}

/** The preset a range matches (ending today), if any. */
export function presetOf(r: DayRange, today: string): number | null {
  return PRESETS.find((n) => r.to === today && r.from === lastDays(n, today).from) ?? null;
}

/** What is wrong with a range typed by hand, or null when the server will take it. */
export function rangeProblem(r: DayRange): string | null {
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!iso.test(r.from) || !iso.test(r.to)) return 'enter both dates';
  if (r.from > r.to) return '“from” must not be after “to”';
  if ((Date.parse(r.to) - Date.parse(r.from)) / DAY_MS + 1 > 3660) return 'at most 3,660 days';
  return null;
}
