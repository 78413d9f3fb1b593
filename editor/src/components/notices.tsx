// Small shared notices: loading, errors in the contract's shape, and routes this server lacks.
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client.ts';
import type { ErrorDetail } from '../api/types.ts';

export function Loading({ what }: { what: string }) {
  return (
    <p class="muted" role="status">
      Loading {what}…
    </p>
  );
}

/** An error from the API with its code and every detail line. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div class="notice error" role="alert">
      <strong>{title ?? 'Something went wrong'}</strong>
      <span>
        {message}
        {e && e.status > 0 ? (
          <code class="code-tag">
            {e.status} {e.code}
          </code>
        ) : null}
      </span>
      {e && e.details.length > 0 ? (
        <ul>
          {e.details.map((d, i) => (
            <li key={i}>
              {where(d) ? <code>{where(d)}</code> : null} {d.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Where a detail points: `line 3, column 1` for source positions, else its JSON path. */
function where(d: ErrorDetail): string | undefined {
  const at = /^source:(\d+):(\d+)$/.exec(d.path ?? '');
  if (at) return `line ${at[1]}, column ${at[2]}`;
  if (d.line !== undefined) return `line ${d.line}${d.column ? `, column ${d.column}` : ''}`;
  return d.path || undefined;
}

/** Shown when the server answers 404 for a whole route: it does not offer this feature yet. */
export function Unavailable({ feature, route, children }: { feature: string; route: string; children?: ComponentChildren }) {
  return (
    <div class="notice info" role="status">
      <strong>{feature} are not available on this server yet</strong>
      <span>
        The server answered <code>404</code> for <code>{route}</code>. This page works as soon as the server offers that route.
      </span>
      {children}
    </div>
  );
}

/** An ApiError that means "this server has no such route". */
export const missingRoute = (err: unknown): boolean => err instanceof ApiError && err.isMissingRoute;
