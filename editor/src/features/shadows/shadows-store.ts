// The shadows page's state: the shadows, the policy versions a shadow can run, the start form, and
// starting, stopping and deleting a shadow.
import { signal } from '@preact/signals';
import { deleteShadow, listPolicyVersions, listShadows, startShadow, stopShadow } from '../../api/client.ts';
import type { PolicyVersionSummary, Shadow } from '../../api/types.ts';
import { navigate } from '../../router.ts';

export const shadows = signal<Shadow[] | null>(null);
export const listError = signal<unknown>(null);
export const versions = signal<PolicyVersionSummary[]>([]);

export const form = signal<{ name: string; candidate: string }>({ name: '', candidate: 'draft' });
export const starting = signal(false);
export const startError = signal<unknown>(null);

export async function loadShadows(): Promise<void> {
  try {
    const [list, vers] = await Promise.all([listShadows(), listPolicyVersions().catch(() => null)]);
    shadows.value = list.shadows;
    versions.value = vers?.versions ?? [];
    listError.value = null;
  } catch (err) {
    listError.value = err;
  }
}

/** Starts a shadow of the chosen candidate and opens it. */
export async function start(): Promise<void> {
  const { name, candidate } = form.value;
  starting.value = true;
  startError.value = null;
  try {
    const shadow = await startShadow({
      ...(name.trim() ? { name: name.trim() } : {}),
      candidate: candidate === 'draft' ? 'draft' : Number(candidate),
    });
    form.value = { ...form.value, name: '' };
    navigate(`/shadows/${shadow.id}`);
  } catch (err) {
    startError.value = err;
  } finally {
    starting.value = false;
  }
}

/** Stops a running shadow; answers the stopped shadow. */
export const stop = (s: Shadow): Promise<Shadow> => stopShadow(s.id);

/** Deletes a stopped shadow after asking; refreshes the list. */
export async function remove(s: Shadow): Promise<boolean> {
  if (!window.confirm(`Delete the shadow "${s.name}" and everything it recorded?`)) return false;
  try {
    await deleteShadow(s.id);
    shadows.value = (shadows.value ?? []).filter((x) => x.id !== s.id);
    listError.value = null;
    return true;
  } catch (err) {
    listError.value = err;
    return false;
  }
}

/** `the draft as it was at start` or `version 3`. */
export const candidateLabel = (s: Pick<Shadow, 'candidate'>): string =>
  s.candidate === 'draft' ? 'draft (as it was at start)' : `version ${s.candidate}`;
