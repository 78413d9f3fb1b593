// Every error leaves as the contract's body; unknown errors are logged and answered without detail.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { DomainError, type ErrorCode } from '../domain/errors.ts';

/** Exhaustive: a new error code without a status does not compile. */
export const STATUS_OF: Record<ErrorCode, ContentfulStatusCode> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  internal: 500,
};

const CODE_OF_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
};

export function errorBody(code: ErrorCode, message: string, details?: DomainError['details']) {
  return { error: { code, message, ...(details && details.length > 0 ? { details } : {}) } };
}

export function createErrorHandler(log: Logger) {
  return function errorHandler(err: Error, c: Context) {
    if (err instanceof DomainError) return c.json({ ...err.extra, ...errorBody(err.code, err.message, err.details) }, STATUS_OF[err.code]);
    if (err instanceof HTTPException) {
      const code = CODE_OF_STATUS[err.status] ?? 'validation_failed';
      return c.json(errorBody(code, err.message || code.replace('_', ' ')), STATUS_OF[code]);
    }
    log.error({ err, requestId: c.get('requestId') }, 'unhandled error');
    return c.json(errorBody('internal', 'something went wrong; the request id is in the logs'), 500);
  };
}
