// The OpenAPI document at /openapi.json is structurally valid 3.1 (paths, operations, parameters,
// references, components), and /docs renders every route from it as a self-contained page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenApiDocument, type Operation, routeDocs } from '../../server/http/openapi.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
let doc: OpenApiDocument;
let page: string;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

beforeAll(async () => {
  t = await startTestServer();
  const res = await t.call('GET', '/openapi.json', { token: null });
  expect(res.status).toBe(200);
  doc = res.body;
  const html = await t.call('GET', '/docs', { token: null });
  expect(html.status).toBe(200);
  expect(html.headers.get('content-type')).toContain('text/html');
  expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
  page = html.body;
});
afterAll(() => t.close());

const operations = (): [string, string, Operation][] =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([m, op]): [string, string, Operation] => [path, m, op]));

/** Every `$ref` anywhere in the document, with where it was found. */
function refs(node: unknown, at = '#'): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((v, i) => refs(v, `${at}/${i}`));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === '$ref' && typeof v === 'string' ? [[at, v] as [string, string]] : refs(v, `${at}/${k}`),
  );
}

function resolve(ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((n, key) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[key] : undefined), doc);
}

describe('/openapi.json', () => {
  it('is an OpenAPI 3.1 document with info, tags, paths and components', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Conveyor API', version: expect.any(String) });
    expect(Object.keys(doc.paths).length).toBeGreaterThan(30);
    expect(doc.components.securitySchemes.bearerAuth).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    for (const name of Object.keys(doc.components.schemas)) expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('has well-formed paths and operations with unique ids, declared tags and responses', () => {
    const ids = new Set<string>();
    const tags = new Set(doc.tags.map((x) => x.name));
    for (const [path, method, op] of operations()) {
      expect(path).toMatch(/^\/[^:]*$/);
      expect(METHODS).toContain(method);
      expect(ids.has(op.operationId), op.operationId).toBe(false);
      ids.add(op.operationId);
      expect(op.tags.every((x) => tags.has(x))).toBe(true);
      expect(Object.keys(op.responses).length).toBeGreaterThan(0);
      for (const status of Object.keys(op.responses)) expect(status).toMatch(/^[1-5]\d\d$/);
      for (const s of op.security) for (const scheme of Object.keys(s)) expect(doc.components.securitySchemes).toHaveProperty(scheme);
    }
  });

  it('declares each path template parameter exactly once, as required', () => {
    for (const [path, , op] of operations()) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort(), path).toEqual([...names].sort());
      expect(declared.every((p) => p.required)).toBe(true);
    }
  });

  it('resolves every $ref inside the document and embeds no JSON Schema dialect markers', () => {
    for (const [at, ref] of refs(doc)) {
      expect(ref.startsWith('#/components/'), at).toBe(true);
      expect(resolve(ref), `${at} -> ${ref}`).toBeDefined();
    }
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
  });

  it('describes bodies, queries and roles from the route schemas', () => {
    const place = doc.paths['/v1/orders']?.post;
    expect(place?.requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/OrderRequest' });
    expect(doc.components.schemas.OrderRequest).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['externalId', 'lines']),
    });
    expect(place?.['x-roles']).toEqual(['channel']);
    const returns = doc.paths['/v1/orders/{id}/returns']?.post;
    expect(Object.keys(returns?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409']));
    const velocity = doc.paths['/v1/analytics/velocity']?.get;
    expect(velocity?.parameters?.map((p) => [p.name, p.in, p.required])).toEqual([
      ['from', 'query', false],
      ['to', 'query', false],
      ['limit', 'query', false],
    ]);
    expect(doc.paths['/health']?.get?.security).toEqual([]);
  });
});

describe('/docs', () => {
  it('lists every route in the navigation and gives each its own section', () => {
    for (const [path, method, op] of operations()) {
      expect(page, `${method} ${path}`).toContain(`href="#${op.operationId}"`);
      expect(page).toContain(`id="${op.operationId}"`);
    }
    for (const d of routeDocs()) expect(page).toContain(d.path.replace(/:(\w+)/g, '{$1}'));
  });

  it('renders request fields and schemas, and loads nothing from anywhere', () => {
    expect(page).toContain('id="schema-OrderRequest"');
    expect(page).toContain('<code>externalId</code>');
    expect(page).not.toMatch(/<script|<link|src=|https?:\/\//i);
  });
});
