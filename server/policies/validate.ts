// Checks a policy document on save: its shape (zod), then what zod cannot know: facts,
// operators and values against the catalogue, warehouses and macros against the network.

import type { FactDefinition } from './fact-catalogue.ts';
import { FACT_CATALOGUE, factDefinition } from './fact-catalogue.ts';
import type { LeafCondition, PolicyCondition, PolicyDocument, PolicyRule } from './document.ts';
import { isAll, isAny, isNot, policyDocumentSchema } from './document.ts';
import type { ValueShape } from './operators.ts';
import { OPERATORS, operatorSpec, operatorsFor } from './operators.ts';
import type { ValidationDetail } from './zod-issues.ts';
import { issuesToDetails } from './zod-issues.ts';

export type { ValidationDetail } from './zod-issues.ts';

/** What a policy may refer to: the network's warehouses and the saved macros. */
export interface PolicyContext {
  warehouseIds: readonly string[];
  macroNames: readonly string[];
}

export type PolicyValidation = { ok: true; policy: PolicyDocument } | { ok: false; details: ValidationDetail[] };

/**
 * Validates a policy document. On success `policy` is the parsed document (unknown keys are
 * errors, not dropped); on failure every problem found, each with a dotted path.
 */
export function validatePolicy(doc: unknown, ctx: PolicyContext): PolicyValidation {
  const parsed = policyDocumentSchema.safeParse(doc);
  if (!parsed.success) return { ok: false, details: issuesToDetails(parsed.error.issues, doc) };
  const details = parsed.data.rules.flatMap((rule, i) => checkRule(rule, `rules.${i}`, ctx));
  details.push(...checkDuplicateNames(parsed.data));
  return details.length > 0 ? { ok: false, details } : { ok: true, policy: parsed.data };
}

function checkRule(rule: PolicyRule, path: string, ctx: PolicyContext): ValidationDetail[] {
  const details = checkCondition(rule.conditions, `${path}.conditions`);
  const { event } = rule;
  if (event.type === 'restrict-warehouses' || event.type === 'exclude-warehouses' || event.type === 'prefer-warehouses') {
    event.params.warehouses.forEach((id, i) => {
      if (!ctx.warehouseIds.includes(id)) {
        details.push({
          path: `${path}.event.params.warehouses.${i}`,
          message: `unknown warehouse "${id}"; known: ${list(ctx.warehouseIds)}`,
        });
      }
    });
  }
  if (event.type === 'run-macro' && !ctx.macroNames.includes(event.params.macro)) {
    details.push({ path: `${path}.event.params.macro`, message: `unknown macro "${event.params.macro}"; known: ${list(ctx.macroNames)}` });
  }
  return details;
}

function checkCondition(node: PolicyCondition, path: string): ValidationDetail[] {
  if (isAll(node)) return node.all.flatMap((c, i) => checkCondition(c, `${path}.all.${i}`));
  if (isAny(node)) return node.any.flatMap((c, i) => checkCondition(c, `${path}.any.${i}`));
  if (isNot(node)) return checkCondition(node.not, `${path}.not`);
  return checkLeaf(node, path);
}

function checkLeaf(leaf: LeafCondition, path: string): ValidationDetail[] {
  const fact = factDefinition(leaf.fact);
  const op = operatorSpec(leaf.operator);
  const details: ValidationDetail[] = [];
  if (!fact)
    details.push({ path: `${path}.fact`, message: `unknown fact "${leaf.fact}"; known: ${list(FACT_CATALOGUE.map((f) => f.name))}` });
  if (!op)
    details.push({
      path: `${path}.operator`,
      message: `unknown operator "${leaf.operator}"; known: ${list(OPERATORS.map((o) => o.name))}`,
    });
  if (!fact || !op) return details;
  if (!op.appliesTo.includes(fact.type)) {
    const message = `operator "${op.name}" does not apply to ${fact.name} (${fact.type}); use one of ${list(operatorsFor(fact.type))}`;
    return [{ path: `${path}.operator`, message }];
  }
  const problem = valueProblem(op.value, fact, leaf.value);
  return problem ? [{ path: `${path}.value`, message: `"${op.name}" on ${fact.name} needs ${problem}` }] : [];
}

/** What is wrong with a condition value for this operator shape and fact, or undefined. */
function valueProblem(shape: ValueShape, fact: FactDefinition, value: unknown): string | undefined {
  const scalar = fact.type === 'string[]' ? 'string' : fact.type;
  switch (shape) {
    case 'scalar':
      return isScalar(value, scalar) ? undefined : `a ${scalar}`;
    case 'list':
      return nonEmptyArrayOf(value, scalar) ? undefined : `a non-empty array of ${scalar}s`;
    case 'element':
      return typeof value === 'string' ? undefined : 'a string';
    case 'elements':
      return nonEmptyArrayOf(value, 'string') ? undefined : 'a non-empty array of strings';
    case 'range':
      return isRange(value) ? undefined : '[min, max], two numbers with min <= max';
  }
}

function isScalar(value: unknown, type: 'string' | 'number' | 'boolean'): boolean {
  return type === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === type;
}

function nonEmptyArrayOf(value: unknown, type: 'string' | 'number' | 'boolean'): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((v) => isScalar(v, type));
}

function isRange(value: unknown): boolean {
  return nonEmptyArrayOf(value, 'number') && (value as number[]).length === 2 && (value as number[])[0]! <= (value as number[])[1]!;
}

function checkDuplicateNames(policy: PolicyDocument): ValidationDetail[] {
  const first = new Map<string, number>();
  const details: ValidationDetail[] = [];
  policy.rules.forEach((rule, i) => {
    const earlier = first.get(rule.name);
    if (earlier === undefined) first.set(rule.name, i);
    else details.push({ path: `rules.${i}.name`, message: `duplicate rule name "${rule.name}" (also rules.${earlier}.name)` });
  });
  return details;
}

function list(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : names.join(', ');
}
