// The one way into Monaco: a lazily loaded, memoised module (a separate chunk of the build).
import type { Monaco } from './setup.ts';

let loading: Promise<Monaco> | undefined;

/** Monaco with workers and defaults set up; loads the chunk on first call. */
export function loadMonaco(): Promise<Monaco> {
  loading ??= import('./setup.ts').then((m) => m.monaco);
  return loading;
}

export type { Monaco };
