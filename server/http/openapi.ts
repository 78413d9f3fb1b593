// The OpenAPI 3.1 document, generated from the route registry below: each route module describes its
// routes as RouteDoc data (zod schemas for bodies, queries and responses). test/openapi checks the
// registry against the routes Hono has mounted, so a route added without a description fails there.
import { z } from 'zod';
import { analyticsRouteDocs } from './analytics.routes.ts';
import { coreRouteDocs } from './openapi-core.ts';
import { integrationRouteDocs } from './openapi-integrations.ts';
import { policyRouteDocs } from './openapi-policies.ts';
import { ErrorBody, type NamedSchema, type RouteDoc, type SchemaDoc } from './openapi-types.ts';
import { returnRouteDocs } from './returns.routes.ts';
import { shadowRouteDocs } from './openapi-shadows.ts';
import { settingsRouteDocs } from './settings.routes.ts';
import { simulationRouteDocs } from './simulations.routes.ts';

/** The reference itself: the document and the page rendered from it (no auth). */
const openapiRouteDocs: RouteDoc[] = [
  {
    method: 'GET',
    path: '/openapi.json',
    tag: 'System',
    roles: 'public',
    summary: 'This API as an OpenAPI 3.1 document',
    response: { description: 'The OpenAPI document', schema: z.looseObject({ openapi: z.literal('3.1.0') }) },
  },
  {
    method: 'GET',
    path: '/docs',
    tag: 'System',
    roles: 'public',
    summary: 'The API reference as a web page',
    response: { description: 'HTML', contentType: 'text/html' },
  },
  {
    method: 'GET',
    path: '/metrics',
    tag: 'System',
    roles: ['admin', 'analyst'],
    summary: 'Prometheus metrics: orders, request latencies, macro calls and failures, webhook backlog',
    response: { description: 'Prometheus text exposition format', contentType: 'text/plain' },
  },
  ...(['/editor', '/editor/', '/editor/*'] as const).map(
    (path): RouteDoc => ({
      method: 'GET',
      path,
      tag: 'System',
      roles: 'public',
      summary:
        path === '/editor/*' ? "The editor's assets and client-side routes" : 'The browser editor (sign in with an analyst or admin token)',
      response: { description: 'HTML, scripts and styles of the editor app', contentType: 'text/html' },
    }),
  ),
];

/** Every documented route. A new route module adds its list here (one line). */
export function routeDocs(): RouteDoc[] {
  return [
    ...coreRouteDocs,
    ...policyRouteDocs,
    ...returnRouteDocs,
    ...analyticsRouteDocs,
    ...integrationRouteDocs,
    ...simulationRouteDocs,
    ...shadowRouteDocs,
    ...settingsRouteDocs,
    ...openapiRouteDocs,
  ];
}

export type JsonSchema = Record<string, unknown>;
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}
export interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  'x-roles': string[];
  security: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required: true; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
}
export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

const ERROR_RESPONSES: Record<number, [name: string, description: string]> = {
  400: ['ValidationFailed', '`validation_failed`: the body or query is not valid; `details` name each field'],
  401: ['Unauthorized', '`unauthorized`: no token, or not a valid one'],
  403: ['Forbidden', "`forbidden`: the token's role may not do this"],
  404: ['NotFound', '`not_found`: no such resource (or not visible to this channel)'],
  409: ['Conflict', '`conflict`: the request clashes with the current state'],
  413: ['PayloadTooLarge', '`payload_too_large`: bodies are limited to 1 MiB'],
};

const DESCRIPTION = [
  'Distributed order management: intake, real-time inventory, routing under policies and sandboxed macros, returns and analytics.',
  'Authenticate with `Authorization: Bearer <token>` (admin and analyst tokens, channel API keys). JSON in and out; money in integer minor',
  'units of the deployment currency; times ISO 8601 UTC. Every error is `{"error":{"code","message","details"?}}`.',
].join(' ');

/** Converts a zod schema to JSON Schema 2020-12 (the dialect of OpenAPI 3.1). */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** Builds the document; throws when two different schemas claim one component name. */
export function buildOpenApi(docs: RouteDoc[], version = '1.0.0'): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = { [ErrorBody.name]: jsonSchemaOf(ErrorBody.schema, 'output') };
  const owners = new Map<string, z.ZodType>([[ErrorBody.name, ErrorBody.schema]]);
  const ref = (doc: SchemaDoc, io: 'input' | 'output'): JsonSchema => {
    if (!isNamed(doc)) return jsonSchemaOf(doc, io);
    const owner = owners.get(doc.name);
    if (owner && owner !== doc.schema) throw new Error(`two schemas are named ${doc.name}`);
    if (!owner) {
      owners.set(doc.name, doc.schema);
      schemas[doc.name] = jsonSchemaOf(doc.schema, io);
    }
    return { $ref: `#/components/schemas/${doc.name}` };
  };
  const paths: OpenApiDocument['paths'] = {};
  for (const d of docs) {
    const path = openApiPath(d.path);
    paths[path] = { ...paths[path], [d.method.toLowerCase()]: operation(d, ref) };
  }
  const responses = Object.fromEntries(
    Object.values(ERROR_RESPONSES).map(([name, description]) => [
      name,
      { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: { title: 'Conveyor API', version, description: DESCRIPTION },
    tags: [...new Set(docs.map((d) => d.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      responses,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'Admin or analyst token, or a channel API key' } },
    },
  };
}

function operation(d: RouteDoc, ref: (doc: SchemaDoc, io: 'input' | 'output') => JsonSchema): Operation {
  const isPublic = d.roles === 'public';
  const parameters = [...pathParams(d), ...queryParams(d)];
  const success = d.response.schema
    ? {
        description: d.response.description,
        content: { [d.response.contentType ?? 'application/json']: { schema: ref(d.response.schema, 'output') } },
      }
    : { description: d.response.description, ...(d.response.contentType ? { content: { [d.response.contentType]: {} } } : {}) };
  const errors = new Set([
    ...(isPublic ? [] : [401, 403]),
    ...(d.body || d.query ? [400] : []),
    ...(d.body ? [413] : []),
    ...(parameters.some((p) => p.in === 'path') ? [404] : []),
    ...(d.errors ?? []),
  ]);
  const responses: Record<string, unknown> = { [String(d.response.status ?? 200)]: success };
  for (const status of [...errors].sort()) {
    const known = ERROR_RESPONSES[status];
    responses[String(status)] = known ? { $ref: `#/components/responses/${known[0]}` } : { description: `HTTP ${status}` };
  }
  return {
    operationId: operationId(d),
    tags: [d.tag],
    summary: d.summary,
    ...(d.description ? { description: d.description } : {}),
    'x-roles': isPublic ? [] : [...d.roles],
    security: isPublic ? [] : [{ bearerAuth: [] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(d.body ? { requestBody: { required: true as const, content: { 'application/json': { schema: ref(d.body, 'input') } } } } : {}),
    responses,
  };
}

/** `/v1/orders/:id` becomes `/v1/orders/{id}` (a Hono `:id{regex}` loses its regex). */
export const openApiPath = (path: string): string => path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');

/** `GET /v1/orders/:id/returns` becomes `getV1OrdersIdReturns`: unique per method and path. */
export function operationId(d: Pick<RouteDoc, 'method' | 'path'>): string {
  // A trailing slash and a wildcard are parts of the path too (`/editor`, `/editor/`, `/editor/*`).
  const words = d.path
    .replace(/\/$/, '/Index')
    .replace(/\*/g, 'Any')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return d.method.toLowerCase() + words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join('');
}

function pathParams(d: RouteDoc): Parameter[] {
  return [...d.path.matchAll(/:(\w+)/g)].map(([, name = '']) => ({
    name,
    in: 'path',
    required: true,
    ...(d.params?.[name] ? { description: d.params[name] } : {}),
    schema: { type: 'string' },
  }));
}

function queryParams(d: RouteDoc): Parameter[] {
  return Object.entries(d.query?.shape ?? {}).map(([name, field]) => {
    const schema = jsonSchemaOf(field as z.ZodType, 'input');
    const { description, ...rest } = schema;
    const required = !(field as z.ZodType).safeParse(undefined).success;
    return { name, in: 'query', required, ...(typeof description === 'string' ? { description } : {}), schema: rest };
  });
}

const isNamed = (doc: SchemaDoc): doc is NamedSchema => 'name' in doc && 'schema' in doc && typeof doc.name === 'string';
