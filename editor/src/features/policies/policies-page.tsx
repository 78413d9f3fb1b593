// Policies: the draft in a Monaco JSON editor with the server's schema (completion, hover docs,
// squiggles), server problems in place, analysis warnings and each rule in plain words.
import { useComputed } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { dateTime } from '../../components/format.ts';
import { ErrorNotice, Loading, Unavailable, missingRoute } from '../../components/notices.tsx';
import { CodeEditor, type EditorHandle, type EditorMarker } from '../../monaco/code-editor.tsx';
import { POLICY_SCHEMA, registerJsonSchema } from '../../monaco/json-schemas.ts';
import type { Monaco } from '../../monaco/load.ts';
import { PolicySidePanel, warningPath } from './policy-side-panel.tsx';
import {
  dirty,
  editorKey,
  loadDraft,
  loadError,
  revert,
  saveDraft,
  saveError,
  saved,
  saving,
  schema,
  text,
  warnings,
} from './policies-store.ts';

export const DRAFT_URI = 'file:///policies/draft.policy.json';

export function PoliciesPage() {
  const handle = useRef<EditorHandle | null>(null);

  useEffect(() => {
    void loadDraft();
    const beforeUnload = (e: BeforeUnloadEvent) => dirty.value && e.preventDefault();
    window.addEventListener('beforeunload', beforeUnload);
    return () => window.removeEventListener('beforeunload', beforeUnload);
  }, []);

  const markers = useComputed<EditorMarker[]>(() => [
    ...(saveError.value?.details ?? []).flatMap((d) => (d.path !== undefined ? [{ path: d.path, message: d.message }] : [])),
    ...warnings.value.flatMap((w) => {
      const path = warningPath(text.value, w.rule);
      return path ? [{ path, message: `${w.kind}: ${w.message}`, severity: 'warning' as const }] : [];
    }),
  ]);

  if (missingRoute(loadError.value)) return <Missing />;
  if (loadError.value) return <ErrorNotice error={loadError.value} title="Could not load the policy draft" />;
  if (!saved.value || text.value === null) return <Loading what="the policy draft" />;

  const save = () => void saveDraft(handle.current?.getValue() ?? text.value ?? '');
  const prepare = (monaco: Monaco) => registerJsonSchema(monaco, { ...POLICY_SCHEMA, schema: schema.value });
  return (
    <div class="editor-page">
      <div class="page-head">
        <h1 tabIndex={-1}>Policies</h1>
        <div class="toolbar">
          <button type="button" class="primary" onClick={save} disabled={saving.value} aria-keyshortcuts="Control+S">
            {saving.value ? 'Saving…' : 'Save draft'}
          </button>
          <button type="button" onClick={() => void handle.current?.format()}>
            Format
          </button>
          <button type="button" onClick={revert} disabled={!dirty.value}>
            Revert
          </button>
          <span class="save-state muted" role="status" data-state={dirty.value ? 'dirty' : 'saved'}>
            {dirty.value ? 'Unsaved changes' : savedLine()}
          </span>
        </div>
      </div>
      <div class="editor-split">
        <div class="editor-frame">
          <CodeEditor
            key={editorKey.value}
            uri={DRAFT_URI}
            language="json"
            initialValue={text.value}
            label="Policy draft (JSON)"
            prepare={prepare}
            handle={handle}
            markers={markers.value}
            onSave={save}
            onChange={(t) => {
              text.value = t;
            }}
          />
          <p class="editor-help">
            Ctrl+Space completes facts, operators and actions; hover for their documentation. Ctrl+S saves. Ctrl+M switches Tab between
            indenting and moving focus.
          </p>
        </div>
        <PolicySidePanel onReveal={(at) => handle.current?.reveal(at)} />
      </div>
    </div>
  );
}

function savedLine(): string {
  const d = saved.value;
  if (!d?.updatedAt) return 'No draft saved yet';
  return `Saved ${dateTime(d.updatedAt)}${d.updatedBy ? ` by ${d.updatedBy}` : ''}`;
}

function Missing() {
  return (
    <div class="page">
      <h1 tabIndex={-1}>Policies</h1>
      <Unavailable feature="Policies" route="GET /v1/policies/draft" />
    </div>
  );
}
