// Loading one resource for a view: fetched again whenever `deps` change, into signals; a reply that
// comes back after the deps changed (or the view went away) is dropped, so a slow answer never
// overwrites a newer one.
import { type Signal, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';

export function useLoaded<T>(load: () => Promise<T>, deps: unknown[]): { value: Signal<T | null>; error: Signal<unknown> } {
  const value = useSignal<T | null>(null);
  const error = useSignal<unknown>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (v) => {
        if (!live) return;
        value.value = v;
        error.value = null;
      },
      (err: unknown) => {
        if (live) error.value = err;
      },
    );
    return () => {
      live = false;
    };
  }, deps);
  return { value, error };
}
