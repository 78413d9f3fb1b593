// The analytics page's state: the date range and the seven reports over it, loaded together; a
// newer range wins over answers still on their way for an older one.
import { signal } from '@preact/signals';
import { getReport } from '../../api/client.ts';
import type { AnalyticsReports } from '../../api/types.ts';
import { type DayRange, lastDays, rangeProblem, utcDay } from './range.ts';

export const today = (): string => utcDay(Date.now());

export const range = signal<DayRange>(lastDays(30, today()));
export const reports = signal<AnalyticsReports | null>(null);
export const loading = signal(false);
export const error = signal<unknown>(null);

const NAMES: (keyof AnalyticsReports)[] = ['orders', 'landed-cost', 'fulfillment', 'stock-outs', 'inventory', 'velocity', 'returns'];
let latest = 0;

/** Sets the range and loads every report over it (nothing is asked while the range is invalid). */
export async function setRange(r: DayRange): Promise<void> {
  range.value = r;
  if (rangeProblem(r)) return;
  const ticket = ++latest;
  loading.value = true;
  try {
    const bodies = await Promise.all(NAMES.map((name) => getReport(name, r)));
    if (ticket !== latest) return;
    reports.value = Object.fromEntries(NAMES.map((name, i) => [name, bodies[i]])) as unknown as AnalyticsReports;
    error.value = null;
  } catch (err) {
    if (ticket === latest) error.value = err;
  } finally {
    if (ticket === latest) loading.value = false;
  }
}
