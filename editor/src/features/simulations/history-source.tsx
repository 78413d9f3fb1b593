// Where the replayed orders come from: generated (count, seed, days), an NDJSON upload (a file
// from disk or pasted text, sent in chunks) or a history stored earlier.
import { day, plural } from '../../components/format.ts';
import type { HistoryMode } from './request.ts';
import { form, histories, patchForm, upload } from './simulations-store.ts';
import { countOrders } from './ndjson-chunks.ts';

const MODES: { id: HistoryMode; label: string }[] = [
  { id: 'generate', label: 'Generated' },
  { id: 'upload', label: 'Upload NDJSON' },
  { id: 'stored', label: 'Stored history' },
];

export function HistorySource() {
  const f = form.value;
  return (
    <fieldset class="sim-fieldset">
      <legend>Order history</legend>
      <div class="segmented">
        {MODES.map((m) => (
          <label key={m.id} class={f.mode === m.id ? 'on' : ''}>
            <input type="radio" name="history-mode" value={m.id} checked={f.mode === m.id} onChange={() => patchForm({ mode: m.id })} />
            {m.label}
          </label>
        ))}
      </div>
      {f.mode === 'generate' ? <Generated /> : f.mode === 'upload' ? <Upload /> : <Stored />}
    </fieldset>
  );
}

function Generated() {
  const f = form.value;
  return (
    <div class="field-row">
      <label>
        Orders
        <input type="number" min={1} max={200000} value={f.count} onInput={(e) => patchForm({ count: e.currentTarget.value })} />
      </label>
      <label>
        Seed
        <input type="text" inputMode="numeric" value={f.seed} onInput={(e) => patchForm({ seed: e.currentTarget.value })} />
      </label>
      <label>
        Over days
        <input
          type="number"
          min={1}
          max={3660}
          placeholder="365"
          value={f.days}
          onInput={(e) => patchForm({ days: e.currentTarget.value })}
        />
      </label>
      <p class="hint">The demo catalogue and network, four channels, UK/EU/US buyers; the same seed gives the same orders.</p>
    </div>
  );
}

function Upload() {
  const f = form.value;
  const orders = countOrders(f.uploadText);
  const progress = upload.value;
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    patchForm({ uploadText: await file.text(), uploadName: file.name });
  };
  return (
    <div class="upload">
      <label>
        NDJSON file
        <input type="file" accept=".ndjson,.jsonl,.json,.txt" onChange={(e) => void readFile(e.currentTarget.files?.[0])} />
      </label>
      <label for="sim-ndjson">Or paste orders, one JSON order a line (a POST /v1/orders body plus channelId)</label>
      <textarea
        id="sim-ndjson"
        rows={5}
        spellcheck={false}
        value={f.uploadText}
        placeholder='{"channelId":"webshop","externalId":"H-1","placedAt":"2026-11-01T10:00:00Z","shipTo":{…},"lines":[…]}'
        onInput={(e) => patchForm({ uploadText: e.currentTarget.value, uploadName: '' })}
      />
      <p class="hint" aria-live="polite">
        {f.uploadName ? `${f.uploadName}: ` : ''}
        {plural(orders, 'order')}
        {progress ? ` · uploaded ${progress.sent} of ${progress.total}` : ' · sent in chunks under 1 MiB, stored as a new history'}
      </p>
    </div>
  );
}

function Stored() {
  const f = form.value;
  const list = histories.value;
  if (list.length === 0) return <p class="hint">No stored histories yet: upload one, or generate orders.</p>;
  return (
    <label class="block">
      History
      <select value={f.historyId} onChange={(e) => patchForm({ historyId: e.currentTarget.value })}>
        <option value="">Choose a history…</option>
        {list.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name} · {plural(h.orders, 'order')}
            {h.firstPlacedAt ? ` · ${day(h.firstPlacedAt)} – ${day(h.lastPlacedAt ?? undefined)}` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
