// The policy draft being edited: the saved version, the text in the editor (kept across page
// switches), what the server said about the last save, and whether this server has policies.
import { computed, signal } from '@preact/signals';
import { ApiError, getPolicyDraft, getPolicySchema, savePolicyDraft } from '../../api/client.ts';
import type { PolicyDraft, PolicyWarning } from '../../api/types.ts';

export const saved = signal<PolicyDraft | null>(null);
export const schema = signal<Record<string, unknown> | null>(null);
/** The editor's text (debounced); null until loaded. */
export const text = signal<string | null>(null);
export const loadError = signal<unknown>(null);
export const saveError = signal<ApiError | null>(null);
export const saving = signal(false);
export const warnings = signal<PolicyWarning[]>([]);
/** Bumped when the editor must start over from `text` (load, revert). */
export const editorKey = signal(0);

export const savedText = computed(() => (saved.value ? pretty(saved.value.document) : null));
/** Unsaved changes: the text differs from the saved draft (layout aside), or does not parse. */
export const dirty = computed(() => {
  if (text.value === null || savedText.value === null) return false;
  try {
    return pretty(JSON.parse(text.value)) !== savedText.value;
  } catch {
    return true;
  }
});

export const pretty = (doc: unknown): string => `${JSON.stringify(doc, null, 2)}\n`;

/** Loads the draft and the schema; keeps unsaved text from an earlier visit. */
export async function loadDraft(): Promise<void> {
  loadError.value = null;
  try {
    const [draft, s] = await Promise.all([getPolicyDraft(), schema.value ? Promise.resolve(schema.value) : getPolicySchema()]);
    schema.value = s;
    saved.value = draft;
    warnings.value = draft.warnings;
    if (text.value === null) {
      text.value = pretty(draft.document);
      editorKey.value++;
    }
  } catch (err) {
    loadError.value = err;
  }
}

/** Throws away unsaved changes. */
export function revert(): void {
  text.value = savedText.value;
  saveError.value = null;
  editorKey.value++;
}

/** Saves `current` (the editor's exact text) as the draft. */
export async function saveDraft(current: string): Promise<void> {
  text.value = current;
  saveError.value = null;
  let doc: unknown;
  try {
    doc = JSON.parse(current);
  } catch (err) {
    saveError.value = new ApiError(0, 'invalid_json', `the draft is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  saving.value = true;
  try {
    const result = await savePolicyDraft(doc);
    saved.value = result;
    warnings.value = result.warnings;
    // Keep the user's layout unless the server stored something else than what was sent.
    if (pretty(result.document) !== pretty(doc)) {
      text.value = pretty(result.document);
      editorKey.value++;
    }
  } catch (err) {
    saveError.value = err instanceof ApiError ? err : new ApiError(0, 'internal', String(err));
  } finally {
    saving.value = false;
  }
}
