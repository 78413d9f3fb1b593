// The API reference page, rendered on the server as plain HTML from the OpenAPI document: a
// sidebar of routes by tag, one section per operation, and the schemas. No script, no CDN.
import type { JsonSchema, OpenApiDocument, Operation, Parameter } from './openapi.ts';
import { DOCS_STYLE } from './docs-style.ts';

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Entry {
  method: string;
  path: string;
  op: Operation;
}

/** Renders the whole reference page. */
export function renderReference(doc: OpenApiDocument): string {
  const entries = Object.entries(doc.paths).flatMap(([path, ops]) =>
    METHODS.flatMap((method) => (ops[method] ? [{ method, path, op: ops[method] }] : [])),
  );
  const byTag = doc.tags.map((t) => ({ tag: t.name, entries: entries.filter((e) => e.op.tags[0] === t.name) }));
  const nav = byTag
    .map(({ tag, entries: es }) => `<h2><a href="#tag-${esc(tag)}">${esc(tag)}</a></h2><ul>${es.map(navItem).join('')}</ul>`)
    .join('');
  const components = doc.components.schemas;
  const sections = byTag
    .map(
      ({ tag, entries: es }) =>
        `<section id="tag-${esc(tag)}"><h2>${esc(tag)}</h2>${es.map((e) => renderOperation(e, components)).join('')}</section>`,
    )
    .join('');
  const schemas = Object.entries(components)
    .map(([name, s]) => `<article class="schema" id="schema-${esc(name)}"><h3>${esc(name)}</h3>${renderSchema(s, 0)}</article>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} reference</title><style>${DOCS_STYLE}</style></head>
<body><nav><p class="title">${esc(doc.info.title)} <span>${esc(doc.info.version)}</span></p>
<p><a href="/openapi.json">openapi.json</a> · <a href="#schemas">Schemas</a></p>${nav}</nav>
<main><h1>${esc(doc.info.title)}</h1><p>${inline(doc.info.description)}</p>${sections}
<section id="schemas"><h2>Schemas</h2>${schemas}</section></main></body></html>`;
}

const navItem = (e: Entry) =>
  `<li><a href="#${esc(e.op.operationId)}"><span class="m ${e.method}">${e.method.toUpperCase()}</span> ${esc(e.path)}</a></li>`;

/** Backticks become code; everything else is escaped. */
const inline = (text: string): string => esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');

type Components = Record<string, JsonSchema>;

function renderOperation({ method, path, op }: Entry, components: Components): string {
  const roles = op['x-roles'].length > 0 ? `Roles: ${op['x-roles'].map((r) => `<code>${esc(r)}</code>`).join(', ')}` : 'No authentication';
  const body = op.requestBody?.content['application/json']?.schema;
  return `<article class="op" id="${esc(op.operationId)}">
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
<p class="summary">${inline(op.summary)}</p>${op.description ? `<p>${inline(op.description)}</p>` : ''}<p class="roles">${roles}</p>
${op.parameters ? renderParameters(op.parameters) : ''}${body ? `<h4>Request body</h4>${renderSchema(body, 0, components)}` : ''}
<h4>Responses</h4>${renderResponses(op.responses, components)}</article>`;
}

function renderParameters(params: Parameter[]): string {
  const rows = params
    .map(
      (p) =>
        `<tr><td><code>${esc(p.name)}</code></td><td>${p.in}</td><td>${typeOf(p.schema)}</td><td>${p.required ? 'yes' : ''}</td><td>${inline(p.description ?? '')}${constraints(p.schema)}</td></tr>`,
    )
    .join('');
  return `<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th>type</th><th>required</th><th>description</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function renderResponses(responses: Record<string, unknown>, components: Components): string {
  const items = Object.entries(responses).map(([status, r]) => {
    const res = r as { $ref?: string; description?: string; content?: Record<string, { schema?: JsonSchema }> };
    if (res.$ref) {
      const name = res.$ref.split('/').pop() ?? '';
      return `<li><span class="status s${status[0]}">${esc(status)}</span> ${esc(name)}: <a href="#schema-Error">Error</a></li>`;
    }
    const [type, media] = Object.entries(res.content ?? {})[0] ?? [];
    const schema = media?.schema ? renderSchema(media.schema, 0, components) : '';
    return `<li><span class="status s${status[0]}">${esc(status)}</span> ${inline(res.description ?? '')}${type ? ` <small>${esc(type)}</small>` : ''}${schema}</li>`;
  });
  return `<ul class="responses">${items.join('')}</ul>`;
}

/** A one-line type: a link for references, `a | b` for unions, `array of …`. */
function typeOf(s: JsonSchema): string {
  if (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop() ?? '';
    return `<a href="#schema-${esc(name)}">${esc(name)}</a>`;
  }
  if (s.const !== undefined) return `<code>${esc(JSON.stringify(s.const))}</code>`;
  if (Array.isArray(s.enum)) return s.enum.map((v) => `<code>${esc(JSON.stringify(v))}</code>`).join(' | ');
  const union = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (union) return union.map(typeOf).join(' | ');
  if (s.type === 'array') return `array of ${s.items ? typeOf(s.items as JsonSchema) : 'any'}`;
  if (Array.isArray(s.type)) return s.type.map(esc).join(' | ');
  if (typeof s.format === 'string') return `${esc(s.type ?? 'string')} (${esc(s.format)})`;
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object' && !s.properties) {
    const values = s.additionalProperties as JsonSchema;
    return Object.keys(values).length > 0 ? `map of ${typeOf(values)}` : 'object';
  }
  return esc(s.type ?? 'any');
}

const LIMITS: [key: string, label: string][] = [
  ['minLength', 'min length'],
  ['maxLength', 'max length'],
  ['minimum', 'min'],
  ['maximum', 'max'],
  ['minItems', 'min items'],
  ['maxItems', 'max items'],
  ['default', 'default'],
];

function constraints(s: JsonSchema): string {
  const parts = LIMITS.flatMap(([key, label]) => {
    const v = s[key];
    // Zod writes the safe-integer bounds on every int: noise, not a constraint.
    if (v === undefined || (typeof v === 'number' && Math.abs(v) >= Number.MAX_SAFE_INTEGER)) return [];
    return [`${label} ${esc(typeof v === 'string' ? v : JSON.stringify(v))}`];
  });
  if (typeof s.pattern === 'string' && s.pattern.length <= 80) parts.push(`pattern <code>${esc(s.pattern)}</code>`);
  return parts.length > 0 ? ` <span class="limits">${parts.join(', ')}</span>` : '';
}

/**
 * A schema as nested field lists, down to a fixed depth; only the top level gets a type line.
 * With `components`, a top-level reference is opened in place so an operation reads on its own.
 */
function renderSchema(s: JsonSchema, depth: number, components?: Components): string {
  const target = components && typeof s.$ref === 'string' ? components[s.$ref.split('/').pop() ?? ''] : undefined;
  const inner = depth < 6 ? fieldsOf(target ?? s) : undefined;
  const fields = inner ? renderFields(inner, depth) : '';
  if (depth > 0) return fields;
  const note = s.description ? ` · ${inline(String(s.description))}` : '';
  return `<p class="type">${typeOf(s)}${note}${constraints(s)}</p>${fields}`;
}

function fieldsOf(s: JsonSchema): JsonSchema | undefined {
  if (s.type === 'object' && s.properties) return s;
  if (s.type === 'array' && s.items) return fieldsOf(s.items as JsonSchema);
  const union = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  return union?.find((u) => u.type === 'object' && u.properties);
}

function renderFields(s: JsonSchema, depth: number): string {
  const required = new Set((s.required as string[] | undefined) ?? []);
  const props = Object.entries(s.properties as Record<string, JsonSchema>).map(([name, p]) => {
    const flag = required.has(name) ? '<span class="req">required</span>' : '';
    const note = p.description ? ` ${inline(String(p.description))}` : '';
    return `<li><code>${esc(name)}</code> <span class="type">${typeOf(p)}</span> ${flag}${note}${constraints(p)}${renderSchema(p, depth + 1)}</li>`;
  });
  return `<ul class="fields">${props.join('')}</ul>`;
}
