// Parsing requests at the edge: zod failures become validation_failed with field paths.
import type { Context } from 'hono';
import type { z } from 'zod';
import { DomainError, invalid } from '../domain/errors.ts';

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what = 'request body'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.slice(0, 50).map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  throw invalid(`the ${what} is not valid`, details);
}

/** Reads and validates a JSON body; a body that is not JSON is a validation error, not a 500. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw invalid('the request body must be JSON', [{ path: '(root)', message: 'not valid JSON' }]);
  }
  return parseWith(schema, raw);
}
