// One macro in Monaco's TypeScript editor: IntelliSense from the served macro API types, the
// server's compile diagnostics as markers, save (Ctrl+S) and delete, and the hook runner.
import { useComputed } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { dateTime } from '../../components/format.ts';
import { ErrorNotice } from '../../components/notices.tsx';
import { CodeEditor, type EditorHandle, type EditorMarker } from '../../monaco/code-editor.tsx';
import { macroModelUri, setUpMacroTypes } from '../../monaco/macro-types.ts';
import { navigate } from '../../router.ts';
import { MacroRunner } from './macro-runner.tsx';
import { current, deleteCurrent, dirty, editorKey, saveCurrent, saveError, saving, text } from './macros-store.ts';

export function MacroEditor() {
  const handle = useRef<EditorHandle | null>(null);
  const m = current.value;
  const markers = useComputed<EditorMarker[]>(() =>
    (saveError.value?.diagnostics ?? []).map((d) => ({ line: d.line, column: d.column, message: d.message })),
  );
  if (!m) return null;

  const save = async () => {
    const wasNew = m.version === 0;
    await saveCurrent(handle.current?.getValue() ?? text.value);
    if (wasNew && !saveError.value) navigate(`/macros/${encodeURIComponent(m.name)}`, { replace: true });
  };
  const remove = async () => {
    if (!window.confirm(`Delete macro ${m.name}? Published policy versions keep the versions they pinned.`)) return;
    if (await deleteCurrent()) navigate('/macros', { replace: true });
  };

  return (
    <div class="macro-main">
      <div class="toolbar">
        <h2>
          {m.name} <span class="sub">{m.version === 0 ? 'new, not saved' : `version ${m.version}`}</span>
        </h2>
        <button type="button" class="primary" onClick={() => void save()} disabled={saving.value} aria-keyshortcuts="Control+S">
          {saving.value ? 'Saving…' : 'Save'}
        </button>
        <button type="button" class="danger" onClick={() => void remove()}>
          Delete
        </button>
        <span class="save-state muted" role="status" data-state={dirty.value ? 'dirty' : 'saved'}>
          {dirty.value
            ? 'Unsaved changes'
            : m.version === 0
              ? ''
              : `Saved ${dateTime(m.createdAt)}${m.createdBy ? ` by ${m.createdBy}` : ''}`}
        </span>
      </div>
      <ErrorNotice error={saveError.value} title="Not saved" />
      <div class="macro-columns">
        <div class="editor-frame">
          <CodeEditor
            key={`${m.name}-${editorKey.value}`}
            uri={macroModelUri(m.name)}
            language="typescript"
            initialValue={text.value}
            label={`Macro ${m.name} (TypeScript)`}
            prepare={setUpMacroTypes}
            handle={handle}
            markers={markers.value}
            onSave={() => void save()}
            onChange={(t) => (text.value = t)}
          />
          <p class="editor-help">Types come from GET /v1/macro-api.d.ts. Ctrl+Space completes, Ctrl+S saves, Ctrl+M lets Tab move focus.</p>
        </div>
        <MacroRunner />
      </div>
    </div>
  );
}
