// Display helpers: money in minor units, times, and short JSON.

/** Minor units as a decimal amount. The API does not say which currency (see the report). */
export function money(minor: number | null | undefined): string {
  if (minor === null || minor === undefined || !Number.isFinite(minor)) return '–';
  return (minor / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** An ISO time as `24 Nov 2026, 10:00:00` in UTC (the API's times are UTC). */
export function dateTime(iso: string | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** A date or ISO time as `27 Nov 2026`. */
export function day(iso: string | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
}

/** A date or ISO time as `27 Nov` (the year is the order's). */
export function shortDay(iso: string | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });
}

/** A value as compact JSON, cut to `max` characters. */
export function brief(value: unknown, max = 80): string {
  const s = value === undefined ? 'undefined' : typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Microseconds as `0.42 ms`. */
export function micros(us: number | undefined): string {
  return us === undefined ? '–' : `${(us / 1000).toFixed(2)} ms`;
}
