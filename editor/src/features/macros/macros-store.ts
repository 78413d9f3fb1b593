// Macros: the list of draft macros, the one being edited (saved source and editor text), and
// what the server said about the last save.
import { computed, signal } from '@preact/signals';
import { ApiError, deleteMacro, getMacro, listMacros, saveMacro } from '../../api/client.ts';
import type { MacroDetail, MacroSummary } from '../../api/types.ts';
import { NEW_MACRO_SOURCE } from './sample-inputs.ts';

export const macros = signal<MacroSummary[] | null>(null);
export const listError = signal<unknown>(null);
/** The macro open in the editor; `version` 0 for one not saved yet. */
export const current = signal<MacroDetail | null>(null);
export const currentError = signal<unknown>(null);
export const text = signal('');
export const saving = signal(false);
export const saveError = signal<ApiError | null>(null);
export const editorKey = signal(0);
export const dirty = computed(() => current.value !== null && text.value !== current.value.source);

export async function loadMacros(): Promise<void> {
  try {
    macros.value = (await listMacros()).macros;
    listError.value = null;
  } catch (err) {
    listError.value = err;
  }
}

/** Opens a saved macro, or starts a new one from the template when `name` is not saved yet. */
export async function openMacro(name: string, isNew = false): Promise<void> {
  saveError.value = null;
  currentError.value = null;
  if (isNew) {
    setCurrent({ name, version: 0, hooks: [], createdAt: '', createdBy: '', source: NEW_MACRO_SOURCE });
    return;
  }
  try {
    setCurrent(await getMacro(name));
  } catch (err) {
    current.value = null;
    currentError.value = err;
  }
}

function setCurrent(m: MacroDetail): void {
  current.value = m;
  text.value = m.source;
  editorKey.value++;
}

/** Saves `source` as a new version of the current macro. */
export async function saveCurrent(source: string): Promise<void> {
  const m = current.value;
  if (!m) return;
  text.value = source;
  saving.value = true;
  saveError.value = null;
  try {
    const saved = await saveMacro(m.name, source);
    current.value = { ...m, version: saved.version, hooks: saved.hooks ?? m.hooks, source };
    await loadMacros();
  } catch (err) {
    saveError.value = err instanceof ApiError ? err : new ApiError(0, 'internal', String(err));
  } finally {
    saving.value = false;
  }
}

/** Deletes the current macro (refused while the draft policy runs it). */
export async function deleteCurrent(): Promise<boolean> {
  const m = current.value;
  if (!m) return false;
  try {
    if (m.version > 0) await deleteMacro(m.name);
    current.value = null;
    await loadMacros();
    return true;
  } catch (err) {
    saveError.value = err instanceof ApiError ? err : new ApiError(0, 'internal', String(err));
    return false;
  }
}
