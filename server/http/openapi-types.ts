// How a route describes itself for the OpenAPI document: plain data beside the routes (method,
// path, roles and zod schemas), collected in openapi.ts and checked against the mounted routes.
import { z } from 'zod';
import type { Role } from '../store/access-repo.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A zod schema published under its name in `components.schemas` and referenced from operations. */
export interface NamedSchema<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
}

export type SchemaDoc = NamedSchema | z.ZodType;

/** Names a schema so the document references it instead of repeating it. */
export const named = <S extends z.ZodType>(name: string, schema: S): NamedSchema<S> => ({ name, schema });

export interface ResponseDoc {
  /** Success status; 200 unless given. */
  status?: number;
  description: string;
  schema?: SchemaDoc;
  /** `application/json` unless given (e.g. `text/event-stream`, `text/html`). */
  contentType?: string;
}

export interface RouteDoc {
  method: HttpMethod;
  /** The path as Hono mounts it, with `:param` segments: `/v1/orders/:id`. */
  path: string;
  /** The group the reference lists it under. */
  tag: string;
  summary: string;
  description?: string;
  /** Roles allowed through `allow(...)`; `public` needs no token. */
  roles: Role[] | 'public';
  /** What each `:param` is. */
  params?: Record<string, string>;
  query?: z.ZodObject;
  body?: SchemaDoc;
  response: ResponseDoc;
  /** Error statuses beyond those implied (401/403 with roles, 400 with a body or query, 404 with params). */
  errors?: number[];
}

/** The contract's error body, for every 4xx and 5xx. */
export const ErrorBody = named(
  'Error',
  z
    .object({
      error: z.object({
        code: z.enum(['validation_failed', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'payload_too_large', 'internal']),
        message: z.string(),
        details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      }),
    })
    .describe('Every error: a stable code, a message, and for validation the failing field paths.'),
);
