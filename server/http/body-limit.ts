// The request body size limit. Hono's bodyLimit reads `c.req.raw.body`, which makes the Node adapter
// build a web Request and a stream for every request; a declared Content-Length is checked from the
// header instead, so the adapter can then read the body straight from the socket.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../domain/errors.ts';

export function limitBody({ maxBytes }: { maxBytes: number }): MiddlewareHandler {
  const tooLarge = (): never => {
    throw new DomainError('payload_too_large', `request bodies are limited to ${maxBytes} bytes`);
  };
  // A chunked body declares no length: it is counted as it streams in.
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async function limitRequestBody(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(length, 10) > maxBytes ? tooLarge() : next();
    }
    return streamed(c, next);
  };
}
