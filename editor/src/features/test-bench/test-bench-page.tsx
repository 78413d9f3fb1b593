// Test bench: pick or write a sample order, dry-run it under the draft, the published policy or
// any version, or run draft and published side by side and see what differs.
import { useEffect, useRef } from 'preact/hooks';
import type { PolicyChoice } from '../../api/types.ts';
import { loadCatalogue, products } from '../../catalogue.ts';
import { ErrorNotice, missingRoute, Unavailable } from '../../components/notices.tsx';
import { CodeEditor, type EditorHandle } from '../../monaco/code-editor.tsx';
import { ORDER_SCHEMA, registerJsonSchema } from '../../monaco/json-schemas.ts';
import type { Monaco } from '../../monaco/load.ts';
import { orderJsonSchema } from '../../monaco/order-schema.ts';
import { BenchResults } from './bench-results.tsx';
import { SAMPLE_ORDERS } from './samples.ts';
import {
  choice,
  compareDraftWithPublished,
  editorKey,
  error,
  loadVersions,
  orderText,
  pickSample,
  runOnce,
  running,
  sampleId,
  versions,
} from './test-bench-store.ts';

export function TestBenchPage() {
  const handle = useRef<EditorHandle | null>(null);
  useEffect(() => {
    void loadVersions();
    void loadCatalogue().catch(() => undefined);
  }, []);

  const current = () => handle.current?.getValue() ?? orderText.value;
  const prepare = (monaco: Monaco) => registerJsonSchema(monaco, { ...ORDER_SCHEMA, schema: orderJsonSchema(products.value) });
  const markers = (error.value?.details ?? []).flatMap((d) =>
    d.path?.startsWith('order.') ? [{ path: d.path.slice('order.'.length), message: d.message }] : [],
  );

  return (
    <div class="page test-bench">
      <h1 tabIndex={-1}>Test bench</h1>
      <div class="bench-top">
        <fieldset class="samples">
          <legend class="sr-only">Sample orders</legend>
          {SAMPLE_ORDERS.map((s) => (
            <button key={s.id} type="button" class="sample" aria-pressed={s.id === sampleId.value} onClick={() => pickSample(s.id)}>
              <strong>{s.title}</strong>
              <span class="sub">{s.expect}</span>
            </button>
          ))}
        </fieldset>
        <div class="editor-frame bench-order">
          <CodeEditor
            key={`${editorKey.value}-${products.value.size}`}
            uri="file:///test-bench/sample.order.json"
            language="json"
            initialValue={orderText.value}
            label="Sample order (JSON); paste or edit your own"
            prepare={prepare}
            handle={handle}
            markers={markers}
            onSave={() => void runOnce(current())}
            onChange={(t) => (orderText.value = t)}
          />
          <p class="editor-help">The order as a channel posts it, plus channelId. Edit it or paste your own; Ctrl+S runs it.</p>
        </div>
      </div>
      <div class="toolbar">
        <label for="bench-policy">Policy</label>
        <select id="bench-policy" value={String(choice.value)} onChange={(e) => (choice.value = toChoice(e.currentTarget.value))}>
          <option value="draft">Draft</option>
          <option value="published">Published</option>
          {versions.value.map((v) => (
            <option key={v.version} value={String(v.version)}>
              Version {v.version}
            </option>
          ))}
        </select>
        <button type="button" class="primary" disabled={running.value} onClick={() => void runOnce(current())}>
          Run
        </button>
        <button type="button" disabled={running.value} onClick={() => void compareDraftWithPublished(current())}>
          Compare draft with published
        </button>
        {running.value ? (
          <span class="muted" role="status">
            Running…
          </span>
        ) : null}
      </div>
      {missingRoute(error.value) ? (
        <Unavailable feature="Dry runs" route="POST /v1/dry-run" />
      ) : (
        <ErrorNotice error={error.value} title="The dry run was refused" />
      )}
      <BenchResults />
    </div>
  );
}

function toChoice(v: string): PolicyChoice {
  return v === 'draft' || v === 'published' ? v : Number(v);
}
