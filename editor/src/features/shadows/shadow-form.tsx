// Starting a shadow: a name and the candidate (the draft, pinned now, or a published version).
import { ErrorNotice } from '../../components/notices.tsx';
import { form, start, startError, starting, versions } from './shadows-store.ts';

export function ShadowForm() {
  const f = form.value;
  return (
    <form
      class="card sim-form shadow-form"
      aria-labelledby="new-shadow-title"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <h2 id="new-shadow-title">New shadow</h2>
      <label class="block">
        <span>
          Name <span class="sub">(optional)</span>
        </span>
        <input
          value={f.name}
          maxLength={100}
          placeholder="e.g. tongs from Berlin"
          onInput={(e) => (form.value = { ...f, name: e.currentTarget.value })}
        />
      </label>
      <label class="block">
        Candidate
        <select value={f.candidate} onChange={(e) => (form.value = { ...f, candidate: e.currentTarget.value })}>
          <option value="draft">Draft (pinned as it is now)</option>
          {versions.value.map((v) => (
            <option key={v.version} value={String(v.version)}>
              Version {v.version}
              {v.live ? ' (live)' : ''}
              {v.note ? ` · ${v.note}` : ''}
            </option>
          ))}
        </select>
      </label>
      <p class="hint">
        From now on every order placed is decided again by the candidate, beside the live decision, on the stock the live decision saw.
        Nothing is reserved, stored on the order or sent anywhere.
      </p>
      <ErrorNotice error={startError.value} title="The shadow did not start" />
      <div class="toolbar">
        <button type="submit" class="primary" disabled={starting.value}>
          Start shadow
        </button>
      </div>
    </form>
  );
}
