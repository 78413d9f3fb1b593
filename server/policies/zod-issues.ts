// Turns zod issues into the contract's `{path, message}` details. Condition nodes are a union
// of four shapes; instead of zod's "Invalid input" we report the errors of the shape the node
// was evidently meant to be (the one whose key it has).

import type { z } from 'zod';

/** One problem with a document: a dotted path (`rules.2.conditions.all.0.fact`) and a message. */
export interface ValidationDetail {
  path: string;
  message: string;
}

type Key = string | number;

const UNSUPPORTED_KEYS: Record<string, string> = {
  path: 'path-based facts are not supported; use a fact from the catalogue',
  params: 'fact params are not supported; facts take no parameters',
  priority: 'condition priorities are not supported; every condition is evaluated',
  condition: 'shared condition references are not supported; write the condition out',
};

/** Flattens zod issues for `input` into details, outermost first. */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[], input: unknown, prefix: Key[] = []): ValidationDetail[] {
  return issues.flatMap((issue) => issueToDetails(issue, input, [...prefix, ...(issue.path as Key[])]));
}

function issueToDetails(issue: z.core.$ZodIssue, input: unknown, path: Key[]): ValidationDetail[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: join([...path, key]),
      message: UNSUPPORTED_KEYS[key] ?? `unknown property "${key}"`,
    }));
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const node = valueAt(input, path);
    if (isObject(node) && 'condition' in node && !('fact' in node)) {
      return [{ path: join([...path, 'condition']), message: UNSUPPORTED_KEYS.condition as string }];
    }
    const branch = conditionBranch(node, issue.errors.length);
    const errors = branch === undefined ? undefined : issue.errors[branch];
    if (!errors) return [{ path: join(path), message: conditionShapeMessage(node, issue.errors.length) }];
    return issuesToDetails(errors, input, path);
  }
  return [{ path: join(path), message: issue.message }];
}

// Branch order is fixed in document.ts: all, any, not, then (for nested nodes) a leaf.
function conditionBranch(node: unknown, branches: number): number | undefined {
  if (!isObject(node)) return undefined;
  if ('all' in node) return 0;
  if ('any' in node) return 1;
  if ('not' in node) return 2;
  return branches > 3 ? 3 : undefined;
}

function conditionShapeMessage(node: unknown, branches: number): string {
  const shapes = branches > 3 ? '"all", "any", "not", or "fact", "operator" and "value"' : '"all", "any" or "not"';
  if (!isObject(node)) return `a condition must be an object with ${shapes}`;
  return `a condition needs ${shapes}`;
}

function isObject(node: unknown): node is object {
  return node !== null && typeof node === 'object' && !Array.isArray(node);
}

function valueAt(input: unknown, path: readonly Key[]): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<Key, unknown>)[key];
  }
  return node;
}

/** Dotted path of keys, as the contract's error details use. */
export function join(path: readonly Key[]): string {
  return path.join('.');
}
