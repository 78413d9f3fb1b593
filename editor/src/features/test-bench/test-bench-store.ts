// The test bench: which sample order is loaded, the order text, which policy to run it under,
// and the last results (one run, or draft and published side by side).
import { signal } from '@preact/signals';
import { ApiError, dryRun, listPolicyVersions } from '../../api/client.ts';
import type { DryRunOrder, DryRunResult, PolicyChoice, PolicyVersionSummary } from '../../api/types.ts';
import { SAMPLE_ORDERS, sampleById } from './samples.ts';

export type BenchResult =
  | { mode: 'single'; choice: PolicyChoice; result: DryRunResult }
  | { mode: 'compare'; left: DryRunResult; right: DryRunResult };

const first = SAMPLE_ORDERS[0]?.id ?? '';

export const sampleId = signal(first);
export const orderText = signal(pretty(sampleById(first).order));
/** Bumped when the order editor must reload from `orderText`. */
export const editorKey = signal(0);
export const choice = signal<PolicyChoice>('draft');
export const versions = signal<PolicyVersionSummary[]>([]);
export const result = signal<BenchResult | null>(null);
export const running = signal(false);
export const error = signal<ApiError | null>(null);

function pretty(o: unknown): string {
  return `${JSON.stringify(o, null, 2)}\n`;
}

export function pickSample(id: string): void {
  sampleId.value = id;
  orderText.value = pretty(sampleById(id).order);
  error.value = null;
  editorKey.value++;
}

/** Published versions for the policy menu; an older server without them leaves it empty. */
export async function loadVersions(): Promise<void> {
  try {
    versions.value = (await listPolicyVersions()).versions;
  } catch {
    versions.value = [];
  }
}

function parseOrder(text: string): DryRunOrder | null {
  try {
    return JSON.parse(text) as DryRunOrder;
  } catch (err) {
    error.value = new ApiError(0, 'invalid_json', `the order is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

async function guarded(work: (order: DryRunOrder) => Promise<BenchResult>, text: string): Promise<void> {
  orderText.value = text;
  error.value = null;
  const order = parseOrder(text);
  if (!order) return;
  running.value = true;
  try {
    result.value = await work(order);
  } catch (err) {
    error.value = err instanceof ApiError ? err : new ApiError(0, 'internal', String(err));
  } finally {
    running.value = false;
  }
}

/** Dry-runs the order under the chosen policy. */
export const runOnce = (text: string): Promise<void> =>
  guarded(async (order) => ({ mode: 'single', choice: choice.value, result: await dryRun(order, choice.value) }), text);

/** Dry-runs the order under the draft and the published policy at once. */
export const compareDraftWithPublished = (text: string): Promise<void> =>
  guarded(async (order) => {
    const [left, right] = await Promise.all([dryRun(order, 'draft'), dryRun(order, 'published')]);
    return { mode: 'compare', left, right };
  }, text);
