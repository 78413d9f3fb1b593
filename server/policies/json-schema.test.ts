import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FACT_CATALOGUE } from './facts.ts';
import { policyJsonSchema } from './json-schema.ts';
import { OPERATORS } from './operators.ts';

type Json = { [key: string]: unknown };

// Walks the generated schema by keys; the schema is plain JSON.
function at(value: unknown, ...keys: (string | number)[]): unknown {
  return keys.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], value);
}

const list = (value: unknown) => value as Json[];

describe('policyJsonSchema', () => {
  const schema = policyJsonSchema();
  const leaf = at(schema, 'definitions', 'PolicyFactCondition');

  it('is a draft-07 schema of the document', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(['rules']);
    expect(at(schema, 'properties', 'rules', 'items', 'required')).toEqual(['name', 'conditions', 'event']);
  });

  it('lists every fact with hover documentation', () => {
    const facts = list(at(leaf, 'properties', 'fact', 'anyOf'));
    expect(facts.map((f) => f.const)).toEqual(FACT_CATALOGUE.map((f) => f.name));
    expect(facts.every((f) => typeof f.markdownDescription === 'string' && String(f.description).length > 10)).toBe(true);
  });

  it('lists every operator with its description', () => {
    expect(list(at(leaf, 'properties', 'operator', 'anyOf')).map((o) => o.const)).toEqual(OPERATORS.map((o) => o.name));
  });

  it('documents each action and its parameters', () => {
    const actions = list(at(schema, 'properties', 'rules', 'items', 'properties', 'event', 'oneOf'));
    expect(actions.map((a) => at(a, 'properties', 'type', 'const'))).toContain('run-macro');
    expect(actions.every((a) => typeof a.description === 'string')).toBe(true);
  });

  it('survives a JSON round trip, as the editor receives it', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});

describe('README', () => {
  it('documents every fact and operator', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    for (const name of [...FACT_CATALOGUE.map((f) => f.name), ...OPERATORS.map((o) => o.name)]) expect(readme, name).toContain(`${name}`);
  });
});
