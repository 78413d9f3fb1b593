// The policy document as a JSON Schema for the editor's Monaco JSON language service: the
// zod schema's structure, with the fact catalogue and the operators spelled out so that
// completion and hover show their documentation.

import { z } from 'zod';
import { conditionValueSchema, factNameSchema, operatorNameSchema, policyDocumentSchema } from './document.ts';
import { FACT_CATALOGUE, type FactDefinition } from './fact-catalogue.ts';
import { OPERATORS, operatorsFor } from './operators.ts';

type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema (draft-07, which Monaco's JSON service handles best) of a policy document.
 * Facts and operators are `anyOf` consts, each with `description` and `markdownDescription`.
 */
export function policyJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(policyDocumentSchema, {
    target: 'draft-7',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const replacement = replacementFor(zodSchema);
      if (!replacement) return;
      for (const key of Object.keys(jsonSchema)) delete (jsonSchema as JsonSchema)[key];
      Object.assign(jsonSchema, replacement);
    },
  }) as JsonSchema;
  return { ...schema, title: 'Conveyor policy', description: 'Routing rules in json-rules-engine syntax over the order facts.' };
}

function replacementFor(zodSchema: unknown): JsonSchema | undefined {
  if (zodSchema === factNameSchema) return { description: 'A fact from the catalogue.', anyOf: FACT_CATALOGUE.map(factConst) };
  if (zodSchema === operatorNameSchema) {
    return {
      description: 'A comparison operator.',
      anyOf: OPERATORS.map((o) => ({
        const: o.name,
        description: `${o.description} (${o.appliesTo.join(', ')} facts)`,
        markdownDescription: `\`${o.name}\`: ${o.description}.\n\nApplies to ${o.appliesTo.join(', ')} facts.${o.builtIn ? '' : ' Conveyor operator.'}`,
      })),
    };
  }
  if (zodSchema === conditionValueSchema) {
    return {
      description: 'What the fact is compared with; its type depends on the fact and operator.',
      anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: ['string', 'number'] } }],
    };
  }
  return undefined;
}

function factConst(fact: FactDefinition): JsonSchema {
  const domain = fact.values ? `\n\nValues: ${fact.values.map((v) => `\`${v}\``).join(', ')}.` : '';
  const range = fact.min !== undefined || fact.max !== undefined ? `\n\nRange: ${fact.min ?? '-inf'} to ${fact.max ?? 'inf'}.` : '';
  return {
    const: fact.name,
    description: `${fact.name} (${fact.type}): ${fact.description}`,
    markdownDescription:
      `**${fact.name}** \`${fact.type}\`\n\n${fact.description}${domain}${range}` +
      `\n\nExample: \`${JSON.stringify(fact.example)}\`\n\nOperators: ${operatorsFor(fact.type).join(', ')}`,
  };
}
