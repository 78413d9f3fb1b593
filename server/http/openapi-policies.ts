// OpenAPI descriptions of the policy and macro routes. Their request schemas are private to
// policies.routes.ts and macros.routes.ts, so the shapes are restated here (keep them in step).
import { z } from 'zod';
import { MACRO_HOOKS } from '../../sandbox/compile.ts';
import { anyObject } from './openapi-models.ts';
import { named, type RouteDoc } from './openapi-types.ts';
import { OrderRequest } from './schemas.ts';

const READ = ['admin', 'analyst'] as const;
const EDIT = ['admin', 'analyst'] as const;
const int = z.number().int();

const Draft = named(
  'PolicyDraft',
  z.looseObject({
    document: z.looseObject({ rules: z.array(anyObject('A json-rules-engine rule whose event is a routing action')) }),
    updatedAt: z.string(),
    updatedBy: z.string(),
    warnings: z.array(anyObject('Rules that can never fire, shadowed rules, contradicting actions')),
  }),
);
const Diagnostic = z.object({ line: int, column: int, message: z.string() });
const MacroVersion = named(
  'MacroVersion',
  z.looseObject({
    name: z.string(),
    version: int,
    source: z.string(),
    hooks: z.array(z.enum(MACRO_HOOKS)),
    createdAt: z.string(),
    createdBy: z.string(),
  }),
);
const macroName = { name: 'Macro name (lower-case letters, digits, dashes)' };

export const policyRouteDocs: RouteDoc[] = [
  {
    method: 'GET',
    path: '/v1/policies/draft',
    tag: 'Policies',
    roles: [...READ],
    summary: 'Read the draft policy with its analysis warnings',
    response: { description: 'The draft', schema: Draft },
  },
  {
    method: 'PUT',
    path: '/v1/policies/draft',
    tag: 'Policies',
    roles: [...EDIT],
    summary: 'Save the draft policy',
    description: 'A policy document `{"rules":[…]}`; 400 names each bad path. See `GET /v1/policies/schema`.',
    body: named('PolicyDocument', anyObject('{"rules":[<json-rules-engine rule>, …]}: the JSON Schema is served at /v1/policies/schema')),
    response: { description: 'The saved draft with its warnings', schema: Draft },
  },
  {
    method: 'POST',
    path: '/v1/policies/publish',
    tag: 'Policies',
    roles: ['admin'],
    summary: 'Publish the draft with the macros it runs, atomically',
    errors: [409],
    response: { description: 'The new version', schema: z.object({ version: int, macros: z.record(z.string(), int) }) },
  },
  {
    method: 'POST',
    path: '/v1/policies/rollback',
    tag: 'Policies',
    roles: ['admin'],
    summary: 'Make an earlier version live again as a new version',
    body: named('RollbackRequest', z.object({ version: int.positive() }).strict()),
    errors: [404],
    response: { description: 'The new version', schema: z.object({ version: int, rolledBackTo: int }) },
  },
  {
    method: 'GET',
    path: '/v1/policies/versions',
    tag: 'Policies',
    roles: [...READ],
    summary: 'Published versions with who and when',
    response: {
      description: 'The live version and every version',
      schema: z.looseObject({ live: int.nullable(), versions: z.array(anyObject('A published version')) }),
    },
  },
  {
    method: 'GET',
    path: '/v1/policies/versions/:version',
    tag: 'Policies',
    roles: [...READ],
    summary: 'Read one published version',
    params: { version: 'Version number' },
    response: {
      description: 'The version',
      schema: z.looseObject({
        version: int,
        document: anyObject('The policy'),
        macros: z.record(z.string(), int),
        publishedAt: z.string(),
        publishedBy: z.string(),
      }),
    },
  },
  {
    method: 'GET',
    path: '/v1/policies/schema',
    tag: 'Policies',
    roles: [...READ],
    summary: 'JSON Schema of a policy document (for the editor)',
    response: { description: 'A JSON Schema', schema: anyObject('JSON Schema') },
  },
  {
    method: 'GET',
    path: '/v1/policies/facts',
    tag: 'Policies',
    roles: [...READ],
    summary: 'The fact catalogue, operators and actions',
    response: {
      description: 'What rules can use',
      schema: z.looseObject({ facts: z.array(z.unknown()), operators: z.array(z.unknown()), actions: z.unknown() }),
    },
  },
  {
    method: 'POST',
    path: '/v1/dry-run',
    tag: 'Policies',
    roles: [...EDIT],
    summary: 'Decide an order without storing or reserving anything',
    body: named(
      'DryRunRequest',
      z
        .object({
          order: OrderRequest.extend({ channelId: z.string().min(1).max(64) }).strict(),
          policy: z.union([z.enum(['draft', 'published']), int.positive()]).default('published'),
        })
        .strict(),
    ),
    response: {
      description: 'The decision with its full trace',
      schema: anyObject('Decision, plan and the full trace: rules, directives, macros, candidates, packages'),
    },
  },
  {
    method: 'GET',
    path: '/v1/macro-api.d.ts',
    tag: 'Macros',
    roles: [...READ],
    summary: 'The macro API types, for the editor',
    response: { description: 'TypeScript declarations', contentType: 'text/plain' },
  },
  {
    method: 'GET',
    path: '/v1/macros',
    tag: 'Macros',
    roles: [...READ],
    summary: 'List macros (without sources)',
    response: { description: 'Macros', schema: z.object({ macros: z.array(anyObject("A macro's draft version")) }) },
  },
  {
    method: 'GET',
    path: '/v1/macros/:name',
    tag: 'Macros',
    roles: [...READ],
    summary: "Read a macro's draft version with its source",
    params: macroName,
    response: { description: 'The macro', schema: MacroVersion },
  },
  {
    method: 'PUT',
    path: '/v1/macros/:name',
    tag: 'Macros',
    roles: [...EDIT],
    summary: 'Save a macro (compiled at once) as a new draft version',
    description: '400 with `diagnostics` `[{line, column, message}]` when it does not compile.',
    params: macroName,
    body: named('MacroSaveRequest', z.object({ source: z.string().max(200_000) }).strict()),
    response: {
      description: 'The saved version',
      schema: z.object({ name: z.string(), version: int, hooks: z.array(z.enum(MACRO_HOOKS)), diagnostics: z.array(Diagnostic) }),
    },
  },
  {
    method: 'DELETE',
    path: '/v1/macros/:name',
    tag: 'Macros',
    roles: [...EDIT],
    summary: 'Delete a macro the draft policy does not run',
    params: macroName,
    errors: [409],
    response: { status: 204, description: 'Deleted' },
  },
  {
    method: 'GET',
    path: '/v1/macros/:name/versions',
    tag: 'Macros',
    roles: [...READ],
    summary: "A macro's versions",
    params: macroName,
    response: { description: 'Versions', schema: z.object({ versions: z.array(anyObject('A version without its source')) }) },
  },
  {
    method: 'GET',
    path: '/v1/macros/:name/versions/:version',
    tag: 'Macros',
    roles: [...READ],
    summary: 'Read one version of a macro',
    params: { ...macroName, version: 'Version number' },
    response: { description: 'The version', schema: MacroVersion },
  },
  {
    method: 'POST',
    path: '/v1/macros/:name/run',
    tag: 'Macros',
    roles: [...EDIT],
    summary: 'Run one hook of a macro on a sample input',
    params: macroName,
    body: named(
      'MacroRunRequest',
      z
        .object({
          hook: z.enum(MACRO_HOOKS),
          input: z.unknown(),
          version: int.positive().optional(),
          seed: z.string().max(200).optional(),
        })
        .strict(),
    ),
    response: { description: 'The result or the failure, with logs and timing', schema: anyObject('{ok, result | error, logs, ms}') },
  },
];
