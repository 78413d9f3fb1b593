// One HTTP attempt: POST the body with a deadline, never follow redirects, keep the start of the
// response for the delivery log, and turn every failure into a short message instead of throwing.

export interface PostRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Aborted when the dispatcher stops. */
  signal: AbortSignal;
}

export interface PostResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  responseSnippet: string | null;
  durationMs: number;
  /** Cut short because this process is stopping: not the receiver's fault, not an attempt. */
  aborted: boolean;
}

/** Bytes of the response body kept in the delivery log. */
export const SNIPPET_BYTES = 1024;

/** Sends one webhook request; resolves with what happened, whatever happened. */
export async function postWebhook(req: PostRequest): Promise<PostResult> {
  const started = performance.now();
  const deadline = AbortSignal.timeout(req.timeoutMs);
  const signal = AbortSignal.any([deadline, req.signal]);
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body, redirect: 'manual', signal });
    const responseSnippet = await readSnippet(res);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, error: ok ? null : `HTTP ${res.status}`, responseSnippet, durationMs: elapsed(), aborted: false };
  } catch (error) {
    const aborted = req.signal.aborted && !deadline.aborted;
    const message = deadline.aborted ? `timed out after ${req.timeoutMs} ms` : describe(error);
    return { ok: false, statusCode: null, error: message, responseSnippet: null, durationMs: elapsed(), aborted };
  }
}

// The receiver's status decides the outcome; a body that fails to arrive only loses the snippet.
async function readSnippet(res: Response): Promise<string | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < SNIPPET_BYTES) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    return null;
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks).subarray(0, SNIPPET_BYTES));
  return text.length > 0 ? text : null;
}

function describe(error: unknown): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const cause = err.cause;
  if (cause?.code || cause?.message) return `${cause.code ?? 'network error'}: ${cause.message ?? ''}`.trim();
  return `${err.name ?? 'Error'}: ${err.message ?? String(error)}`.slice(0, 500);
}
