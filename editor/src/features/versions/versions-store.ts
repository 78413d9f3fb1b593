// Published policy versions, the two documents being compared, and publish / rollback.
import { signal } from '@preact/signals';
import { ApiError, getPolicyDraft, getPolicyVersion, listPolicyVersions, publishPolicy, rollbackPolicy } from '../../api/client.ts';
import type { PolicyVersionList } from '../../api/types.ts';

/** What a side of the diff shows: the draft or a version number. */
export type DocChoice = 'draft' | number;

export const list = signal<PolicyVersionList | null>(null);
export const listError = signal<unknown>(null);
export const left = signal<DocChoice | null>(null);
export const right = signal<DocChoice>('draft');
export const texts = signal<{ left: string; right: string } | null>(null);
export const diffError = signal<unknown>(null);
export const actionError = signal<ApiError | null>(null);
export const actionDone = signal<string | null>(null);
export const busy = signal(false);

const pretty = (doc: unknown): string => `${JSON.stringify(doc, null, 2)}\n`;

export async function loadVersions(): Promise<void> {
  try {
    const l = await listPolicyVersions();
    list.value = l;
    listError.value = null;
    if (left.value === null) left.value = l.live ?? l.versions[0]?.version ?? 'draft';
    await loadDiff();
  } catch (err) {
    listError.value = err;
  }
}

async function documentOf(choice: DocChoice): Promise<string> {
  return pretty(choice === 'draft' ? (await getPolicyDraft()).document : (await getPolicyVersion(choice)).document);
}

/** Fetches both sides of the diff. */
export async function loadDiff(): Promise<void> {
  const l = left.value ?? 'draft';
  try {
    const [a, b] = await Promise.all([documentOf(l), documentOf(right.value)]);
    texts.value = { left: a, right: b };
    diffError.value = null;
  } catch (err) {
    diffError.value = err;
  }
}

async function act(work: () => Promise<string>): Promise<void> {
  busy.value = true;
  actionError.value = null;
  actionDone.value = null;
  try {
    actionDone.value = await work();
    await loadVersions();
  } catch (err) {
    actionError.value = err instanceof ApiError ? err : new ApiError(0, 'internal', String(err));
  } finally {
    busy.value = false;
  }
}

/** Publishes the draft with the macros it runs (admin only; the server answers 403 otherwise). */
export const publishDraft = (): Promise<void> =>
  act(async () => {
    const r = await publishPolicy();
    left.value = r.version;
    return `Published the draft as version ${r.version}.`;
  });

/** Makes an earlier version live again, as a new version. */
export const rollbackTo = (version: number): Promise<void> =>
  act(async () => {
    const r = await rollbackPolicy(version);
    left.value = r.version;
    return `Rolled back: version ${r.version} is live, a copy of version ${version}.`;
  });
