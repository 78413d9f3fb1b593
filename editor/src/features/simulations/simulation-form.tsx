// The new-simulation form: history, baseline, candidates, start. Nothing live changes: every
// order is decided in memory under each variant.
import { ErrorNotice } from '../../components/notices.tsx';
import { CandidateFields, PolicyOptions } from './candidate-fields.tsx';
import { HistorySource } from './history-source.tsx';
import { addCandidate, form, patchForm, start, startError, starting, upload } from './simulations-store.ts';

const MAX_CANDIDATES = 8;

export function SimulationForm() {
  const f = form.value;
  const busy = starting.value;
  return (
    <form
      class="card sim-form"
      aria-labelledby="new-sim-title"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <h2 id="new-sim-title">New simulation</h2>
      <label class="block">
        <span>
          Name <span class="sub">(optional)</span>
        </span>
        <input
          value={f.name}
          maxLength={100}
          placeholder="e.g. marketplace SLA draft"
          onInput={(e) => patchForm({ name: e.currentTarget.value })}
        />
      </label>
      <HistorySource />
      <fieldset class="sim-fieldset">
        <legend>Compare</legend>
        <label class="block">
          Baseline
          <select value={f.baseline} onChange={(e) => patchForm({ baseline: e.currentTarget.value })}>
            <PolicyOptions />
          </select>
        </label>
        {f.candidates.map((c, i) => (
          <CandidateFields key={c.key} c={c} index={i} />
        ))}
        {f.candidates.length < MAX_CANDIDATES ? (
          <button type="button" onClick={addCandidate}>
            Add a candidate
          </button>
        ) : null}
      </fieldset>
      <ErrorNotice error={startError.value} title="The simulation did not start" />
      <div class="toolbar">
        <button type="submit" class="primary" disabled={busy}>
          Start simulation
        </button>
        {busy ? (
          <span class="muted" role="status">
            {upload.value ? `Uploading the history: ${upload.value.sent} of ${upload.value.total} orders…` : 'Starting…'}
          </span>
        ) : null}
      </div>
    </form>
  );
}
