// One error type for every expected failure; the HTTP edge maps its code to a status in one place.

export const ERROR_CODES = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetail {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Extra top-level fields of the error response, such as a macro's compile diagnostics. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string): DomainError => new DomainError('not_found', `${what} ${id} does not exist`);

export const conflict = (message: string, details?: ErrorDetail[]): DomainError => new DomainError('conflict', message, details);

export const invalid = (message: string, details?: ErrorDetail[]): DomainError => new DomainError('validation_failed', message, details);
