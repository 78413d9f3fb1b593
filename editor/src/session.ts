// Who is signed in: the token lives in sessionStorage (gone with the tab), checked with GET /v1/me.
import { computed, signal } from '@preact/signals';
import { ApiError, setSessionToken, whoIs } from './api/client.ts';
import { stop as stopLive } from './api/live.ts';
import type { Me } from './api/types.ts';
import { forgetCatalogue } from './catalogue.ts';

const KEY = 'conveyor.token';

export const me = signal<Me | null>(null);
/** True until a stored token has been checked on load. */
export const restoring = signal(true);
export const isAdmin = computed(() => me.value?.role === 'admin');

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Checks a token and starts a session with it; throws ApiError with a message for the form. */
export async function signIn(token: string): Promise<Me> {
  const trimmed = token.trim();
  if (!trimmed) throw new ApiError(0, 'validation_failed', 'paste an analyst or admin token');
  let who: Me;
  try {
    who = await whoIs(trimmed);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401)
      throw new ApiError(401, 'unauthorized', 'that token is not valid (it may have been revoked)');
    throw err;
  }
  if (who.role === 'channel') throw new ApiError(403, 'forbidden', 'this is a channel key; the editor needs an analyst or admin token');
  storage()?.setItem(KEY, trimmed);
  setSessionToken(trimmed, signOut);
  me.value = who;
  return who;
}

/** Ends the session: forgets the token and closes the live connection. */
export function signOut(): void {
  storage()?.removeItem(KEY);
  setSessionToken(null);
  stopLive();
  forgetCatalogue();
  me.value = null;
}

/** On load: resumes the tab's session if its token still works. */
export async function restoreSession(): Promise<void> {
  const saved = storage()?.getItem(KEY);
  try {
    if (saved) await signIn(saved);
  } catch {
    signOut();
  } finally {
    restoring.value = false;
  }
}
