// A Server-Sent Events parser for fetch streams. EventSource cannot send an Authorization
// header, so the editor reads `GET /v1/events` with fetch and feeds the text chunks here.

export interface SseMessage {
  /** `message` when the server named no event. */
  event: string;
  data: string;
  id?: string;
}

/**
 * Returns a push function that takes decoded text chunks (split anywhere, even inside a line or
 * a CRLF) and calls `onMessage` for each complete event, per the WHATWG event-stream rules.
 */
export function createSseParser(onMessage: (m: SseMessage) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  let pendingCr = false;

  function dispatch(): void {
    if (data.length > 0) onMessage({ event: event || 'message', data: data.join('\n'), ...(id === undefined ? {} : { id }) });
    event = '';
    data = [];
    id = undefined;
  }

  function line(text: string): void {
    if (text === '') {
      dispatch();
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
  }

  return function push(chunk: string): void {
    let text = chunk;
    // A CR at the end of the previous chunk already ended its line; skip the LF of its CRLF.
    if (pendingCr && text.startsWith('\n')) text = text.slice(1);
    pendingCr = false;
    buffer += text;
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      line(buffer.slice(start, i));
      if (c === '\r') {
        if (i + 1 === buffer.length) pendingCr = true;
        else if (buffer[i + 1] === '\n') i++;
      }
      start = i + 1;
    }
    buffer = buffer.slice(start);
  };
}
