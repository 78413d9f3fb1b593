// One candidate of a simulation: its name, policy and what-ifs (stock and rate multipliers,
// warehouses switched off); and the policy menu it shares with the baseline.
import { warehouses } from '../../catalogue.ts';
import type { CandidateForm } from './request.ts';
import { form, patchCandidate, removeCandidate, versions } from './simulations-store.ts';

/** Draft, published and every published version, as `<option>`s. */
export function PolicyOptions() {
  return (
    <>
      <option value="published">Published (live)</option>
      <option value="draft">Draft</option>
      {versions.value.map((v) => (
        <option key={v.version} value={String(v.version)}>
          Version {v.version}
          {v.note ? ` · ${v.note}` : ''}
        </option>
      ))}
    </>
  );
}

export function CandidateFields({ c, index }: { c: CandidateForm; index: number }) {
  const id = `cand-${c.key}`;
  const patch = (p: Partial<CandidateForm>) => patchCandidate(c.key, p);
  const toggle = (w: string, on: boolean) =>
    patch({ disabledWarehouses: on ? [...c.disabledWarehouses, w] : c.disabledWarehouses.filter((x) => x !== w) });
  return (
    <fieldset class="candidate">
      <legend>Candidate {index + 1}</legend>
      <div class="field-row">
        <label>
          Name
          <input id={`${id}-name`} value={c.name} maxLength={100} onInput={(e) => patch({ name: e.currentTarget.value })} />
        </label>
        <label>
          Policy
          <select value={c.policy} onChange={(e) => patch({ policy: e.currentTarget.value })}>
            <PolicyOptions />
          </select>
        </label>
        <label>
          Stock ×
          <input
            type="number"
            min={0}
            max={100}
            step={0.1}
            placeholder="1"
            value={c.stockMultiplier}
            aria-describedby={`${id}-whatif`}
            onInput={(e) => patch({ stockMultiplier: e.currentTarget.value })}
          />
        </label>
        <label>
          Rates ×
          <input
            type="number"
            min={0}
            max={100}
            step={0.05}
            placeholder="1"
            value={c.rateMultiplier}
            aria-describedby={`${id}-whatif`}
            onInput={(e) => patch({ rateMultiplier: e.currentTarget.value })}
          />
        </label>
        {form.value.candidates.length > 1 ? (
          <button type="button" class="ghost danger" onClick={() => removeCandidate(c.key)} aria-label={`Remove candidate ${c.name}`}>
            Remove
          </button>
        ) : null}
      </div>
      <div class="warehouse-toggles">
        <span class="sub" id={`${id}-whatif`}>
          What-ifs: stock × scales every warehouse's stock, rates × every carrier rate (blank = as today). Switch off:
        </span>
        {warehouses.value.map((w) => (
          <label key={w.id} class="check">
            <input type="checkbox" checked={c.disabledWarehouses.includes(w.id)} onChange={(e) => toggle(w.id, e.currentTarget.checked)} />
            {w.id}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
