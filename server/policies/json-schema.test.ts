import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FACT_CATALOGUE } from './facts.ts';
import { policyJsonSchema } from './json-schema.ts';
import { OPERATORS } from './operators.ts';

type Json = Record<string, any>;

describe('policyJsonSchema', () => {
  const schema = policyJsonSchema() as Json;
  const leaf = schema.definitions.PolicyFactCondition as Json;

  it('is a draft-07 schema of the document', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(['rules']);
    expect(schema.properties.rules.items.required).toEqual(['name', 'conditions', 'event']);
  });

  it('lists every fact with hover documentation', () => {
    const facts = leaf.properties.fact.anyOf as Json[];
    expect(facts.map((f) => f.const)).toEqual(FACT_CATALOGUE.map((f) => f.name));
    expect(facts.every((f) => typeof f.markdownDescription === 'string' && f.description.length > 10)).toBe(true);
  });

  it('lists every operator with its description', () => {
    expect((leaf.properties.operator.anyOf as Json[]).map((o) => o.const)).toEqual(OPERATORS.map((o) => o.name));
  });

  it('documents each action and its parameters', () => {
    const actions = schema.properties.rules.items.properties.event.oneOf as Json[];
    expect(actions.map((a) => a.properties.type.const)).toContain('run-macro');
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
