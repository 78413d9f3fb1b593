// Sign in with an analyst or admin token; the token is checked with GET /v1/me before it is kept.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { ErrorNotice } from '../../components/notices.tsx';
import { signIn } from '../../session.ts';

export function SignIn() {
  const token = useSignal('');
  const error = useSignal<unknown>(null);
  const busy = useSignal(false);
  const input = useRef<HTMLInputElement>(null);
  // The form is all there is on this screen: start in the token field.
  useEffect(() => input.current?.focus(), []);

  async function submit(e: Event) {
    e.preventDefault();
    busy.value = true;
    error.value = null;
    try {
      await signIn(token.value);
    } catch (err) {
      error.value = err;
    } finally {
      busy.value = false;
    }
  }

  return (
    <main class="sign-in">
      <form class="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Conveyor editor</h1>
        <p class="muted">Write, test, simulate and publish routing policies and macros.</p>
        <label for="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={token.value}
          onInput={(e) => (token.value = e.currentTarget.value)}
          placeholder="cv_analyst_…"
          aria-describedby="token-help"
          ref={input}
        />
        <p id="token-help" class="hint">
          An analyst or admin token. It is kept in this tab only (sessionStorage) and sent as a Bearer token.
        </p>
        <ErrorNotice error={error.value} title="Could not sign in" />
        <button type="submit" class="primary" disabled={busy.value}>
          {busy.value ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
