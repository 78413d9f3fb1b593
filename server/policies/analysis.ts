// Policy analysis shown on every save: rules that can never fire, rules that never change the
// outcome because an earlier rule already did it, and rules that fight each other.

import type { Directive } from '../domain/types.ts';
import type { Conjunction } from './analysis-logic.ts';
import { both, conjunction, implies, whyNever } from './analysis-logic.ts';
import type { PolicyDocument, PolicyRule } from './document.ts';
import { rulePriority } from './document.ts';
import { evaluationOrder, toDirective } from './evaluation.ts';

export type WarningKind = 'never-fires' | 'shadowed' | 'contradiction';

/** One finding, about the named rule (for pairs: the later one in evaluation order). */
export interface PolicyWarning {
  rule: string;
  kind: WarningKind;
  message: string;
  /** For shadowed and contradiction: the earlier rule it concerns. */
  related?: string;
}

export interface PolicyAnalysis {
  warnings: PolicyWarning[];
}

interface Analysed {
  index: number;
  name: string;
  priority: number;
  directive: Directive;
  conj: Conjunction;
}

/**
 * Analyses a validated policy. Sound where it says "never" (facts as computeFacts gives them);
 * pair findings use "may fire together", i.e. not provably exclusive. Warnings are in document order.
 */
export function analyzePolicy(policy: PolicyDocument): PolicyAnalysis {
  const rules: Analysed[] = evaluationOrder(policy).map((index) => {
    const rule = policy.rules[index] as PolicyRule;
    const directive = toDirective(rule.event);
    return { index, name: rule.name, priority: rulePriority(rule), directive, conj: conjunction(rule.conditions) };
  });
  const found: { index: number; warning: PolicyWarning }[] = [];
  const live: Analysed[] = [];
  for (const r of rules) {
    const why = whyNever(r.conj);
    if (why) found.push({ index: r.index, warning: { rule: r.name, kind: 'never-fires', message: `can never fire: ${why}` } });
    else live.push(r);
  }
  const shadowed = new Set<Analysed>();
  live.forEach((later, j) => {
    // A shadowed rule adds nothing, so it is not compared with the rules after it either.
    const warnings = live
      .slice(0, j)
      .filter((r) => !shadowed.has(r))
      .flatMap((earlier) => pairWarning(earlier, later) ?? []);
    const shadowing = warnings.find((w) => w.kind === 'shadowed');
    if (shadowing) shadowed.add(later);
    for (const warning of shadowing ? [shadowing] : warnings) found.push({ index: later.index, warning });
  });
  return { warnings: found.sort((x, y) => x.index - y.index).map((f) => f.warning) };
}

function pairWarning(a: Analysed, b: Analysed): PolicyWarning | undefined {
  const moot = implies(b.conj, a.conj) ? mootReason(a.directive, b.directive) : undefined;
  if (moot) {
    const message = `never changes the outcome: whenever it fires, "${a.name}" (priority ${a.priority}) fires first and ${moot}`;
    return { rule: b.name, kind: 'shadowed', message, related: a.name };
  }
  const conflict = conflictBetween(a, b);
  if (conflict && whyNever(both(a.conj, b.conj)) === undefined) {
    return { rule: b.name, kind: 'contradiction', message: `may fire together with "${a.name}": ${conflict}`, related: a.name };
  }
  return undefined;
}

/** Why `b` adds nothing once `a` (earlier, implied by b) has fired; undefined if it may. */
function mootReason(a: Directive, b: Directive): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return 'does the same';
  if (a.type === 'set-service-level' && b.type === 'set-service-level') return `its service level ${a.params.serviceLevel} wins`;
  if (a.type === 'restrict-warehouses' && b.type === 'restrict-warehouses' && subset(a.params.warehouses, b.params.warehouses)) {
    return 'already restricts to these warehouses or fewer';
  }
  if (a.type === 'exclude-warehouses' && b.type === 'exclude-warehouses' && subset(b.params.warehouses, a.params.warehouses)) {
    return 'already excludes these warehouses';
  }
  if (a.type === 'prefer-warehouses' && b.type === 'prefer-warehouses' && subset(b.params.warehouses, a.params.warehouses)) {
    return 'already prefers these warehouses, ahead of it';
  }
  if (a.type === 'exclude-warehouses' && b.type === 'prefer-warehouses' && subset(b.params.warehouses, a.params.warehouses)) {
    return 'excludes every warehouse it prefers';
  }
  return undefined;
}

/** What goes wrong when both rules fire, whichever order; undefined if they combine fine. */
function conflictBetween(a: Analysed, b: Analysed): string | undefined {
  const da = a.directive,
    db = b.directive;
  if (da.type === 'set-service-level' && db.type === 'set-service-level' && da.params.serviceLevel !== db.params.serviceLevel) {
    return `they set different service levels; ${da.params.serviceLevel} from "${a.name}" wins, ${db.params.serviceLevel} is ignored`;
  }
  if (da.type === 'restrict-warehouses' && db.type === 'restrict-warehouses' && disjoint(da.params.warehouses, db.params.warehouses)) {
    return `their restrictions [${da.params.warehouses.join(', ')}] and [${db.params.warehouses.join(', ')}] share no warehouse: none could ship`;
  }
  for (const [r, e] of [
    [a, b],
    [b, a],
  ] as const) {
    const dr = r.directive,
      de = e.directive;
    if (dr.type === 'restrict-warehouses' && de.type === 'exclude-warehouses' && subset(dr.params.warehouses, de.params.warehouses)) {
      return `"${r.name}" restricts to [${dr.params.warehouses.join(', ')}] and "${e.name}" excludes them all: none could ship`;
    }
  }
  return undefined;
}

function subset(small: readonly string[], big: readonly string[]): boolean {
  return small.every((w) => big.includes(w));
}

function disjoint(x: readonly string[], y: readonly string[]): boolean {
  return !x.some((w) => y.includes(w));
}
