// One shared live connection to `GET /v1/events` for every page: opened while anyone listens,
// reconnected with backoff, resumed with Last-Event-ID so no change is missed in between.
import { signal } from '@preact/signals';
import { ApiError, streamEvents } from './client.ts';
import type { LiveEvent } from './types.ts';

export type LiveStatus = 'off' | 'connecting' | 'live' | 'retrying';

/** The connection's state, for the header's indicator. */
export const liveStatus = signal<LiveStatus>('off');
export const liveError = signal<string | null>(null);

type Listener = { prefixes: string[]; handler: (e: LiveEvent) => void };
const listeners = new Set<Listener>();
let controller: AbortController | null = null;
let lastEventId: string | undefined;

/**
 * Calls `handler` for every event whose type starts with one of `prefixes` (`order.`,
 * `inventory.`); returns the unsubscribe function.
 */
export function subscribe(prefixes: string[], handler: (e: LiveEvent) => void): () => void {
  const listener = { prefixes, handler };
  listeners.add(listener);
  if (!controller) start();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) stop();
  };
}

/** Closes the connection (sign-out); the next subscriber opens a fresh one. */
export function stop(): void {
  controller?.abort();
  controller = null;
  lastEventId = undefined;
  liveStatus.value = 'off';
}

function start(): void {
  const own = new AbortController();
  controller = own;
  void run(own);
}

async function run(own: AbortController): Promise<void> {
  let delay = 500;
  while (!own.signal.aborted) {
    liveStatus.value = lastEventId ? 'retrying' : 'connecting';
    try {
      await streamEvents({
        lastEventId,
        signal: own.signal,
        onReady: () => {
          liveStatus.value = 'live';
          liveError.value = null;
          delay = 500;
        },
        onEvent: (e) => {
          lastEventId = String(e.seq);
          for (const l of listeners) if (l.prefixes.some((p) => e.type.startsWith(p))) l.handler(e);
        },
      });
    } catch (err) {
      liveError.value = err instanceof Error ? err.message : String(err);
      // Refused for good (signed out, wrong role): stop knocking.
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
        liveStatus.value = 'off';
        return;
      }
    }
    if (own.signal.aborted) return;
    liveStatus.value = 'retrying';
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 10_000);
  }
}
