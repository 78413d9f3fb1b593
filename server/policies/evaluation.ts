// What evaluating a policy returns, shared by the reference and the fast engine so that
// their outputs can be compared with a plain deep equality.

import type { Directive } from '../domain/types.ts';
import type { ConditionValue, PolicyDocument, PolicyEvent, PolicyRule } from './document.ts';
import { rulePriority } from './document.ts';

/** Fact values by name. A missing name is an undefined fact. */
export type FactValues = Readonly<Record<string, unknown>>;

/** One compared fact: what was compared and how it came out. */
export type LeafTrace = {
  fact: string;
  operator: string;
  value: ConditionValue;
  factValue: unknown;
  result: boolean;
};
export type ConditionTrace =
  | LeafTrace
  | { all: ConditionTrace[]; result: boolean }
  | { any: ConditionTrace[]; result: boolean }
  | { not: ConditionTrace; result: boolean };

/** A rule's outcome with its condition tree; every leaf is evaluated (see README). */
export interface RuleTrace {
  name: string;
  priority: number;
  result: boolean;
  /** Absent when the policy was compiled without condition traces (see CompileOptions). */
  conditions?: ConditionTrace | undefined;
}

/** A rule that fired and the directive its event stands for. */
export interface FiredEvent {
  rule: string;
  priority: number;
  directive: Directive;
}

/** Fired events and rule traces, both in evaluation order. */
export interface PolicyEvaluation {
  events: FiredEvent[];
  rules: RuleTrace[];
}

/**
 * Indexes of the rules in evaluation order: priority descending, then document order.
 * json-rules-engine runs one priority level concurrently; we fix the order within a level.
 */
export function evaluationOrder(policy: PolicyDocument): number[] {
  const indexes = policy.rules.map((_, i) => i);
  const priorities = policy.rules.map(rulePriority);
  return indexes.sort((a, b) => (priorities[b] ?? 1) - (priorities[a] ?? 1) || a - b);
}

/** The directive a rule's event stands for; a fresh copy, so callers may keep or change it. */
export function toDirective(event: PolicyEvent): Directive {
  switch (event.type) {
    case 'restrict-warehouses':
    case 'exclude-warehouses':
    case 'prefer-warehouses':
      return { type: event.type, params: { warehouses: [...event.params.warehouses] } };
    case 'forbid-split':
    case 'forbid-cross-border':
      return { type: event.type };
    case 'hold':
      return { type: 'hold', params: { reason: event.params.reason } };
    case 'set-service-level':
      return { type: 'set-service-level', params: { serviceLevel: event.params.serviceLevel } };
    case 'tag':
      return { type: 'tag', params: { tag: event.params.tag } };
    case 'run-macro':
      return { type: 'run-macro', params: { macro: event.params.macro } };
  }
}

/** The fired-event record of a rule. */
export function firedEvent(rule: PolicyRule): FiredEvent {
  return { rule: rule.name, priority: rulePriority(rule), directive: toDirective(rule.event) };
}
