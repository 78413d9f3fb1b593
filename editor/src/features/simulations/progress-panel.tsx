// A job's progress: a bar with processed of total and orders per second while it runs (with a
// cancel button), or how long the finished run took.
import type { Simulation } from '../../api/types.ts';
import { overallThroughput } from './speed.ts';

interface ProgressProps {
  sim: Simulation;
  speed: number | null;
  onCancel: () => void;
}

export function ProgressPanel({ sim, speed, onCancel }: ProgressProps) {
  const { processed, total } = sim.progress;
  const running = sim.status === 'running';
  const share = total ? Math.min(1, processed / total) : 0;
  const rate = running ? speed : overallThroughput(sim);
  return (
    <section class={`card progress-panel ${running ? 'running' : ''}`} aria-labelledby="progress-title">
      <div class="progress-head">
        <h2 id="progress-title">{running ? (sim.cancelRequested ? 'Cancelling…' : 'Replaying orders') : 'Replay'}</h2>
        <span class="progress-figures" role="status" aria-live="polite">
          <strong>{processed.toLocaleString('en-GB')}</strong> of {total === null ? '?' : total.toLocaleString('en-GB')} orders
          {rate !== null && rate > 0 ? ` · ${Math.round(rate).toLocaleString('en-GB')} orders/s` : ''}
          {!running && sim.finishedAt ? ` · ${seconds(sim)} · ${sim.status}` : ''}
        </span>
        {running ? (
          <button type="button" class="danger" onClick={onCancel} disabled={sim.cancelRequested}>
            Cancel
          </button>
        ) : null}
      </div>
      <div
        class="progress-track"
        role="progressbar"
        aria-label="Orders replayed"
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={processed}
      >
        <div class={`progress-fill status-${sim.status}`} style={{ width: `${(running ? share : total ? share : 1) * 100}%` }} />
      </div>
    </section>
  );
}

function seconds(sim: Simulation): string {
  const ms = Date.parse(sim.finishedAt ?? '') - Date.parse(sim.createdAt);
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '';
}
