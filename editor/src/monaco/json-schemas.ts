// JSON Schemas for the editor's JSON models (policy drafts, sample orders), registered with
// Monaco's JSON language service: completion, hover documentation and squiggles come from them.
import type { Monaco } from './setup.ts';

const registered = new Map<string, { uri: string; fileMatch: string[]; schema: unknown }>();

/** Adds or replaces the schema for models whose URI matches `fileMatch` (e.g. `*.policy.json`). */
export function registerJsonSchema(monaco: Monaco, entry: { uri: string; fileMatch: string[]; schema: unknown }): void {
  registered.set(entry.uri, entry);
  monaco.json.jsonDefaults.setDiagnosticsOptions({
    ...monaco.json.jsonDefaults.diagnosticsOptions,
    schemas: [...registered.values()],
  });
}

/** The schema URI and model suffix of policy documents. */
export const POLICY_SCHEMA = { uri: 'conveyor://schemas/policy.json', fileMatch: ['*.policy.json'] };
/** The schema URI and model suffix of dry-run sample orders. */
export const ORDER_SCHEMA = { uri: 'conveyor://schemas/order.json', fileMatch: ['*.order.json'] };
