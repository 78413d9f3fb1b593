// Reads the hook caller's reply on the host side. Whatever the isolate says is untrusted text: the
// result is re-measured in UTF-8 bytes and parsed as JSON here, so only plain data ever leaves.

export const ISOLATE_ERROR_KINDS = ['threw', 'missing_hook', 'invalid_result', 'result_too_large'] as const;
export type IsolateErrorKind = (typeof ISOLATE_ERROR_KINDS)[number];

export type HookReply =
  | { ok: true; value: unknown; logs: string[] }
  | { ok: false; error: { kind: IsolateErrorKind; message: string }; logs: string[] };

/** Parses `<status>\n<logs JSON>\n<payload JSON>` (see HookCaller in host-api.ts). */
export function readHookReply(raw: string, limits: { maxResultBytes: number; maxLogLines: number }): HookReply {
  const first = raw.indexOf('\n');
  const second = first < 0 ? -1 : raw.indexOf('\n', first + 1);
  if (second < 0) return invalid('the macro interfered with copying its result', []);
  const status = raw.slice(0, first);
  const logs = readLogs(raw.slice(first + 1, second), limits.maxLogLines);
  const payload = raw.slice(second + 1);
  if (status !== 'ok') {
    const kind = ISOLATE_ERROR_KINDS.find((known) => known === status);
    const message = parseJson(payload);
    if (kind === undefined || !message.ok || typeof message.value !== 'string') {
      return invalid('the macro interfered with reporting its failure', logs);
    }
    return { ok: false, error: { kind, message: message.value }, logs };
  }
  if (Buffer.byteLength(payload, 'utf8') > limits.maxResultBytes) {
    return { ok: false, error: { kind: 'result_too_large', message: `the result is over ${limits.maxResultBytes} bytes` }, logs };
  }
  const value = parseJson(payload);
  if (!value.ok) return invalid(value.message, logs);
  return { ok: true, value: value.value, logs };
}

function readLogs(json: string, maxLogLines: number): string[] {
  const parsed = parseJson(json);
  if (!parsed.ok || !Array.isArray(parsed.value)) return [];
  const lines: unknown[] = parsed.value;
  // One extra line is the "... more dropped" note.
  return lines.filter((line): line is string => typeof line === 'string').slice(0, maxLogLines + 1);
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/** JSON.parse that refuses "__proto__" keys, which would become prototypes if merged with Object.assign. */
function parseJson(text: string): Parsed {
  try {
    // Escapes could spell the key too, so only text with neither can skip the key scan.
    if (!text.includes('__proto__') && !text.includes('\\u')) return { ok: true, value: JSON.parse(text) };
    let hasProtoKey = false;
    const value: unknown = JSON.parse(text, (key: string, inner: unknown) => {
      if (key === '__proto__') hasProtoKey = true;
      return inner;
    });
    return hasProtoKey ? { ok: false, message: 'the result has a "__proto__" key' } : { ok: true, value };
  } catch {
    return { ok: false, message: 'the result is not JSON data' };
  }
}

function invalid(message: string, logs: string[]): HookReply {
  return { ok: false, error: { kind: 'invalid_result', message }, logs };
}
