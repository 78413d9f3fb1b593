// Serves sandbox/macro-api.d.ts as text (GET /v1/macro-api.d.ts, the editor's addExtraLib).
// Named apart from the .d.ts on purpose: a sibling macro-api.ts would shadow it for tsc.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the macro type declarations. */
export const MACRO_API_DTS_PATH: string = fileURLToPath(new URL('./macro-api.d.ts', import.meta.url));

let cached: string | undefined;

/** The text of sandbox/macro-api.d.ts, read once. */
export function macroApiDts(): string {
  cached ??= readFileSync(MACRO_API_DTS_PATH, 'utf8');
  return cached;
}
