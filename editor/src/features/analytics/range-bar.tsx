// The report range: from and to dates (UTC, both inclusive) and the last 7, 30 or 90 days.
import { day } from '../../components/format.ts';
import { loading, range, reports, setRange, today } from './analytics-store.ts';
import { lastDays, PRESETS, presetOf, rangeProblem } from './range.ts';

export function RangeBar() {
  const r = range.value;
  const preset = presetOf(r, today());
  const problem = rangeProblem(r);
  const total = reports.value?.orders.total;
  return (
    <fieldset class="toolbar range-bar">
      <legend class="sr-only">Date range</legend>
      <label for="range-from">From</label>
      <input id="range-from" type="date" value={r.from} max={r.to} onChange={(e) => void setRange({ ...r, from: e.currentTarget.value })} />
      <label for="range-to">To</label>
      <input id="range-to" type="date" value={r.to} min={r.from} onChange={(e) => void setRange({ ...r, to: e.currentTarget.value })} />
      <span class="segmented presets">
        {PRESETS.map((n) => (
          <button key={n} type="button" aria-pressed={preset === n} onClick={() => void setRange(lastDays(n, today()))}>
            Last {n} days
          </button>
        ))}
      </span>
      <span class={problem ? 'error-text' : 'muted'} role="status" aria-live="polite">
        {problem ?? (loading.value ? 'Loading…' : total !== undefined ? `${total} orders placed ${day(r.from)} – ${day(r.to)} (UTC)` : '')}
      </span>
    </fieldset>
  );
}
