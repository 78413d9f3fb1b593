// One shadow, fetched again every two seconds while it runs (its KPIs grow with live traffic).
import { type Signal, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { getShadow } from '../../api/client.ts';
import type { Shadow } from '../../api/types.ts';

export const POLL_MS = 2_000;

/** Polls `GET /v1/shadows/:id` while the shadow runs; `bump` fetches again at once (after stop). */
export function useShadow(id: string, bump: number): { shadow: Signal<Shadow | null>; error: Signal<unknown> } {
  const shadow = useSignal<Shadow | null>(null);
  const error = useSignal<unknown>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const s = await getShadow(id);
        if (!live) return;
        shadow.value = s;
        error.value = null;
        if (s.status === 'running') timer = setTimeout(tick, POLL_MS);
      } catch (err) {
        if (!live) return;
        error.value = err;
        // A shadow that is gone stays gone; anything else (a network blip) is tried again.
        if (shadow.value?.status === 'running') timer = setTimeout(tick, POLL_MS * 2);
      }
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id, bump]);

  return { shadow, error };
}
