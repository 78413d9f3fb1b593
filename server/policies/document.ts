// The policy document: a list of json-rules-engine rules whose events are routing actions.
// Structure only (strict zod); fact, operator and value checks live in validate.ts.

import { z } from 'zod';
import type { DirectiveType } from '../domain/types.ts';
import { SERVICE_LEVELS } from '../domain/types.ts';

/** What a condition compares against. Checked per operator by validatePolicy. */
export type ConditionValue = string | number | boolean | Array<string | number>;
export type LeafCondition = { fact: string; operator: string; value: ConditionValue };
export type AllCondition = { all: PolicyCondition[] };
export type AnyCondition = { any: PolicyCondition[] };
export type NotCondition = { not: PolicyCondition };
export type PolicyCondition = AllCondition | AnyCondition | NotCondition | LeafCondition;
/** json-rules-engine requires a boolean operator at the root of a rule's conditions. */
export type RootCondition = AllCondition | AnyCondition | NotCondition;

/** Every action a rule's event can name, with its documentation (exhaustive over Directive). */
export const ACTION_DESCRIPTIONS: Record<DirectiveType, string> = {
  'restrict-warehouses': 'Only these warehouses may ship the order; several restrictions intersect.',
  'exclude-warehouses': 'These warehouses may not ship the order; exclusions win over restrictions and preferences.',
  'prefer-warehouses': 'Try these warehouses first, in this order, when they can ship.',
  'forbid-split': 'Ship the whole order from one warehouse or hold it.',
  'forbid-cross-border': 'Only warehouses in the destination country may ship.',
  hold: 'Put the order on hold with this reason instead of routing it.',
  'set-service-level': "Change the order's service level; the highest-priority rule wins.",
  tag: 'Add a tag to the order.',
  'run-macro': "Run the named macro's hooks for this order.",
};

/** Action types in documentation order. */
export const ACTION_TYPES = Object.keys(ACTION_DESCRIPTIONS) as DirectiveType[];

const warehouseList = z.array(z.string().min(1)).min(1).meta({ description: 'Warehouse ids, at least one.' });
const noParams = z.strictObject({}).optional().meta({ description: 'No parameters.' });

function action<T extends DirectiveType, P extends z.ZodType>(type: T, params: P) {
  return z.strictObject({ type: z.literal(type), params }).meta({ description: ACTION_DESCRIPTIONS[type] });
}

/** A rule's event: one action and its parameters. */
export const eventSchema = z.discriminatedUnion('type', [
  action('restrict-warehouses', z.strictObject({ warehouses: warehouseList })),
  action('exclude-warehouses', z.strictObject({ warehouses: warehouseList })),
  action('prefer-warehouses', z.strictObject({ warehouses: warehouseList })),
  action('forbid-split', noParams),
  action('forbid-cross-border', noParams),
  action(
    'hold',
    z.strictObject({ reason: z.string().min(1).max(200).meta({ description: 'Why the order is held; shown to operators.' }) }),
  ),
  action('set-service-level', z.strictObject({ serviceLevel: z.enum(SERVICE_LEVELS) })),
  action('tag', z.strictObject({ tag: z.string().min(1).max(64) })),
  action('run-macro', z.strictObject({ macro: z.string().min(1).meta({ description: 'Name of a macro saved under /v1/macros.' }) })),
]);
export type PolicyEvent = z.infer<typeof eventSchema>;

/** Distinct schema instances so policyJsonSchema() can swap in the catalogue's documentation. */
export const factNameSchema = z.string().min(1).meta({ description: 'A fact from the catalogue.' });
export const operatorNameSchema = z.string().min(1).meta({ description: 'A comparison operator.' });
export const conditionValueSchema = z.custom<ConditionValue>((v) => v !== undefined, { message: 'value is required' });

export const leafConditionSchema = z
  .strictObject({
    fact: factNameSchema,
    operator: operatorNameSchema,
    value: conditionValueSchema,
  })
  .meta({ id: 'PolicyFactCondition', description: 'Compares one fact with a value.' });

// Getters make the schema recursive; branch order (all, any, not, leaf) is relied on by validate.ts.
const allSchema = z
  .strictObject({
    get all(): z.ZodArray<z.ZodType<PolicyCondition>> {
      return z.array(conditionSchema);
    },
  })
  .meta({ id: 'PolicyAllCondition', description: 'True when every nested condition is true (and when empty).' });
const anySchema = z
  .strictObject({
    get any(): z.ZodArray<z.ZodType<PolicyCondition>> {
      return z.array(conditionSchema).min(1, 'an empty "any" is always true in json-rules-engine; remove it or add a condition');
    },
  })
  .meta({ id: 'PolicyAnyCondition', description: 'True when at least one nested condition is true.' });
const notSchema = z
  .strictObject({
    get not(): z.ZodType<PolicyCondition> {
      return conditionSchema;
    },
  })
  .meta({ id: 'PolicyNotCondition', description: 'True when the nested condition is false.' });

/** Any condition node: a boolean operator over nested conditions, or a fact comparison. */
export const conditionSchema: z.ZodType<PolicyCondition> = z
  .union([allSchema, anySchema, notSchema, leafConditionSchema])
  .meta({ id: 'PolicyCondition' });
/** The root of a rule's conditions. */
export const rootConditionSchema: z.ZodType<RootCondition> = z.union([allSchema, anySchema, notSchema]);

export const ruleSchema = z.strictObject({
  name: z.string().min(1).max(120).meta({ description: 'Unique name of the rule; shown in traces.' }),
  description: z.string().max(2000).optional().meta({ description: 'Why the rule exists (not evaluated).' }),
  priority: z
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .meta({ description: 'Higher runs first and wins conflicts; default 1. Ties run in document order.' }),
  conditions: rootConditionSchema,
  event: eventSchema,
});
export type PolicyRule = z.infer<typeof ruleSchema>;

/** The whole policy document as stored, published and edited. */
export const policyDocumentSchema = z.strictObject({
  rules: z.array(ruleSchema).max(1000).meta({ description: 'The rules, evaluated by priority then document order.' }),
});
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

/** Type guards over condition nodes. */
export const isAll = (c: PolicyCondition): c is AllCondition => 'all' in c;
export const isAny = (c: PolicyCondition): c is AnyCondition => 'any' in c;
export const isNot = (c: PolicyCondition): c is NotCondition => 'not' in c;
export const isLeaf = (c: PolicyCondition): c is LeafCondition => 'fact' in c;

/** The effective priority of a rule (json-rules-engine's default is 1). */
export function rulePriority(rule: Pick<PolicyRule, 'priority'>): number {
  return rule.priority ?? 1;
}
