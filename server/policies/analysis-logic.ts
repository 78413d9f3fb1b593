// Condition trees as "literals that must all hold, plus groups of which one must hold", for
// the analyser: can a rule (or two together) ever fire, and does one rule imply another.

import type { PolicyCondition } from './document.ts';
import { isAll, isAny, isLeaf, isNot } from './document.ts';
import type { Literal } from './analysis-solver.ts';
import { unsatisfiableReason } from './analysis-solver.ts';

interface Alternative {
  node: PolicyCondition;
  negated: boolean;
}

/** Literals that must all hold, and choices of which at least one alternative must hold. */
export interface Conjunction {
  literals: Literal[];
  choices: Alternative[][];
}

// Exact complements for facts that are present and of their catalogue type (computeFacts).
const COMPLEMENT: Record<string, string> = {
  equal: 'notEqual',
  notEqual: 'equal',
  in: 'notIn',
  notIn: 'in',
  contains: 'doesNotContain',
  doesNotContain: 'contains',
  containsAny: 'containsNone',
  containsNone: 'containsAny',
  lessThan: 'greaterThanInclusive',
  greaterThanInclusive: 'lessThan',
  lessThanInclusive: 'greaterThan',
  greaterThan: 'lessThanInclusive',
};

/** Decomposes a condition (negated when `negated`) into a Conjunction, pushing `not` inwards. */
export function conjunction(node: PolicyCondition, negated = false): Conjunction {
  const out: Conjunction = { literals: [], choices: [] };
  collect(node, negated, out);
  return out;
}

function collect(node: PolicyCondition, negated: boolean, out: Conjunction): void {
  if (isLeaf(node)) {
    const complement = COMPLEMENT[node.operator];
    if (!negated) out.literals.push({ ...node, opaque: false });
    else if (complement) out.literals.push({ ...node, operator: complement, opaque: false });
    else out.literals.push({ ...node, opaque: true });
    return;
  }
  if (isNot(node)) return collect(node.not, !negated, out);
  const children = isAll(node) ? node.all : isAny(node) ? node.any : [];
  // An all, or a negated any (De Morgan), needs every child; json-rules-engine calls both empty forms true.
  const needsEvery = isAll(node) !== negated;
  if (children.length === 0) {
    if (negated) out.choices.push([]); // not(true): can never hold
    return;
  }
  if (needsEvery) for (const child of children) collect(child, negated, out);
  else out.choices.push(children.map((child) => ({ node: child, negated })));
}

/** Both conjunctions at once (two rules firing together). */
export function both(a: Conjunction, b: Conjunction): Conjunction {
  return { literals: [...a.literals, ...b.literals], choices: [...a.choices, ...b.choices] };
}

/**
 * Why the conjunction can never hold, or undefined when it might. Choices are checked one at
 * a time against the literals (not jointly), which can only err towards "might".
 */
export function whyNever(c: Conjunction, budget = { steps: 5000 }): string | undefined {
  const reason = unsatisfiableReason(c.literals);
  if (reason) return reason;
  for (const choice of c.choices) {
    if (choice.length === 0) return 'it negates a condition that is always true';
    let first: string | undefined;
    const possible = choice.some((alt) => {
      if (--budget.steps < 0) return true; // out of budget: assume possible
      const sub = conjunction(alt.node, alt.negated);
      const why = whyNever({ literals: [...c.literals, ...sub.literals], choices: sub.choices }, budget);
      first ??= why;
      return why === undefined;
    });
    if (!possible) return `no alternative of a group can hold (${first})`;
  }
  return undefined;
}

/** Whether `b` holding guarantees `a` holds: a's literals and choices all appear in b. */
export function implies(b: Conjunction, a: Conjunction): boolean {
  const literals = new Set(b.literals.map(literalKey));
  const choices = new Set(b.choices.map(choiceKey));
  return a.literals.every((l) => literals.has(literalKey(l))) && a.choices.every((c) => choices.has(choiceKey(c)));
}

function literalKey(l: Literal): string {
  const value = Array.isArray(l.value) && l.operator !== 'between' ? [...l.value].sort() : l.value;
  return JSON.stringify([l.fact, l.operator, value, l.opaque]);
}

function choiceKey(choice: Alternative[]): string {
  return JSON.stringify(choice.map((alt) => JSON.stringify([canonical(alt.node), alt.negated])).sort());
}

// Order inside all/any does not change meaning; sort children so equal trees compare equal.
function canonical(node: PolicyCondition): unknown {
  if (isAll(node)) return { all: node.all.map((c) => JSON.stringify(canonical(c))).sort() };
  if (isAny(node)) return { any: node.any.map((c) => JSON.stringify(canonical(c))).sort() };
  if (isNot(node)) return { not: canonical(node.not) };
  return node;
}
