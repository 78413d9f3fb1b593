// Runs one hook of the saved macro on a sample input (POST /v1/macros/:name/run) and shows the
// value or the failure, the console output and the time it took.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { runMacro } from '../../api/client.ts';
import type { MacroHook, MacroRunResult } from '../../api/types.ts';
import { loadCatalogue, products } from '../../catalogue.ts';
import { Verdict } from '../../components/badges.tsx';
import { micros } from '../../components/format.ts';
import { ErrorNotice } from '../../components/notices.tsx';
import { CodeEditor, type EditorHandle } from '../../monaco/code-editor.tsx';
import { ConsoleOutput, failureText } from '../../components/trace/trace-view.tsx';
import { SAMPLE_ORDERS, sampleById } from '../test-bench/samples.ts';
import { current, dirty } from './macros-store.ts';
import { sampleInput } from './sample-inputs.ts';

const HOOKS: MacroHook[] = ['pack', 'decide', 'score'];

export function MacroRunner() {
  const m = current.value;
  const hook = useSignal<MacroHook>(m?.hooks[0] ?? 'pack');
  const sample = useSignal(SAMPLE_ORDERS[0]?.id ?? '');
  const result = useSignal<MacroRunResult | null>(null);
  const error = useSignal<unknown>(null);
  const running = useSignal(false);
  const handle = useRef<EditorHandle | null>(null);

  useEffect(() => {
    void loadCatalogue().catch(() => undefined);
  }, []);
  useEffect(() => {
    if (m && m.hooks.length > 0 && !m.hooks.includes(hook.value)) hook.value = m.hooks[0] as MacroHook;
  }, [m?.name, m?.hooks.join()]);

  if (!m) return null;
  const input = JSON.stringify(sampleInput(hook.value, sampleById(sample.value).order, products.value), null, 2);

  async function run() {
    if (!m) return;
    running.value = true;
    error.value = null;
    try {
      result.value = await runMacro(m.name, hook.value, JSON.parse(handle.current?.getValue() ?? input));
    } catch (err) {
      result.value = null;
      error.value = err;
    } finally {
      running.value = false;
    }
  }

  return (
    <section class="macro-runner" aria-labelledby="runner-title">
      <h2 id="runner-title">Run a hook</h2>
      <div class="form-row">
        <label for="run-hook">Hook</label>
        <select id="run-hook" value={hook.value} onChange={(e) => (hook.value = e.currentTarget.value as MacroHook)}>
          {HOOKS.map((h) => (
            <option key={h} value={h} disabled={m.version > 0 && !m.hooks.includes(h)}>
              {h}
            </option>
          ))}
        </select>
        <label for="run-sample">Sample</label>
        <select id="run-sample" value={sample.value} onChange={(e) => (sample.value = e.currentTarget.value)}>
          {SAMPLE_ORDERS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </div>
      <div class="editor-frame runner-input">
        <CodeEditor
          key={`${hook.value}-${sample.value}-${products.value.size}`}
          uri="file:///macros/run-input.json"
          language="json"
          initialValue={input}
          label="Hook input (JSON)"
          handle={handle}
        />
      </div>
      <button type="button" class="primary" onClick={() => void run()} disabled={running.value || m.version === 0}>
        {running.value ? 'Running…' : `Run ${hook.value} on v${m.version || '–'}`}
      </button>
      {m.version === 0 ? (
        <p class="hint">Save the macro to run it.</p>
      ) : dirty.value ? (
        <p class="hint">Runs the saved version; save to run your changes.</p>
      ) : null}
      <ErrorNotice error={error.value} title="The run was refused" />
      {result.value ? <RunResult r={result.value} /> : null}
    </section>
  );
}

function RunResult({ r }: { r: MacroRunResult }) {
  return (
    <div class="run-result" role="status">
      <p>
        <Verdict ok={r.ok} yes="returned" no="failed" /> <span class="muted">in {micros(r.durationUs)}</span>
      </p>
      {r.ok ? <pre class="json small">{JSON.stringify(r.value, null, 2)}</pre> : <p class="error-text">{failureText(r.error)}</p>}
      {r.logs.length > 0 ? <ConsoleOutput lines={r.logs} /> : <p class="muted">No console output.</p>}
    </div>
  );
}
