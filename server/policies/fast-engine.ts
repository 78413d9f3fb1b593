// The fast evaluator: a policy compiled once into synchronous closures over its condition tree.
// Same answers and traces as the json-rules-engine reference (differential.test.ts checks).

import type { LeafCondition, PolicyCondition, PolicyDocument, PolicyRule } from './document.ts';
import { isAll, isAny, isNot, rulePriority } from './document.ts';
import type { ConditionTrace, FactValues, FiredEvent, PolicyEvaluation, RuleTrace } from './evaluation.ts';
import { evaluationOrder, firedEvent } from './evaluation.ts';
import { operatorSpec } from './operators.ts';

/** A compiled policy. Stateless: safe to share between concurrent orders. */
export interface CompiledPolicy {
  /** Every rule with its full trace, and the fired events, in evaluation order. */
  evaluate(facts: FactValues): PolicyEvaluation;
  /**
   * As `evaluate`, with condition traces for the rules that fire only: all an order keeps (see
   * storedTrace in place-order.ts), without building and then dropping the others' trees.
   */
  evaluateFired(facts: FactValues): PolicyEvaluation;
  /** Only the fired events, short-circuiting conditions; for the order pipeline's hot path. */
  fire(facts: FactValues): FiredEvent[];
  /** Positions (in evaluation order) of the rules whose conditions hold: an evaluation in a few numbers. */
  firedRules(facts: FactValues): number[];
  /** The evaluation `firedRules` stands for, as `evaluate` without condition traces answers it. */
  outcomesOf(fired: readonly number[]): PolicyEvaluation;
}

interface CompiledCondition {
  test(facts: FactValues): boolean;
  trace(facts: FactValues): ConditionTrace;
}

interface CompiledRule {
  rule: PolicyRule;
  priority: number;
  root: CompiledCondition;
}

export interface CompileOptions {
  /**
   * False: `evaluate` traces each rule's outcome without its condition tree (a replay that keeps
   * no traces reads only names and results), testing conditions with early exits.
   */
  conditionTraces?: boolean | undefined;
}

/**
 * Compiles a validated policy. Throws on an operator it does not know (validatePolicy first).
 * Rules are put in evaluation order here, once: priority descending, then document order.
 */
export function compilePolicy(policy: PolicyDocument, options: CompileOptions = {}): CompiledPolicy {
  const rules: CompiledRule[] = evaluationOrder(policy).map((i) => {
    const rule = policy.rules[i] as PolicyRule;
    return { rule, priority: rulePriority(rule), root: compileCondition(rule.conditions) };
  });
  return {
    evaluate: options.conditionTraces === false ? (facts) => ruleResults(rules, facts) : (facts) => evaluateRules(rules, facts, false),
    evaluateFired: options.conditionTraces === false ? (facts) => ruleResults(rules, facts) : (facts) => evaluateRules(rules, facts, true),
    fire: (facts) => rules.filter((r) => r.root.test(facts)).map((r) => firedEvent(r.rule)),
    firedRules: (facts) => firedRules(rules, facts),
    outcomesOf: (fired) => outcomesOf(rules, fired),
  };
}

// Operators are pure, so a test that stops early gives the result the full trace would.
function ruleResults(rules: readonly CompiledRule[], facts: FactValues): PolicyEvaluation {
  return outcomesOf(rules, firedRules(rules, facts));
}

function firedRules(rules: readonly CompiledRule[], facts: FactValues): number[] {
  const fired: number[] = [];
  for (let i = 0; i < rules.length; i++) if ((rules[i] as CompiledRule).root.test(facts)) fired.push(i);
  return fired;
}

function outcomesOf(rules: readonly CompiledRule[], fired: readonly number[]): PolicyEvaluation {
  const events: FiredEvent[] = [];
  const traces: RuleTrace[] = [];
  let next = 0;
  for (let i = 0; i < rules.length; i++) {
    const { rule, priority } = rules[i] as CompiledRule;
    const result = fired[next] === i;
    if (result) next++;
    traces.push({ name: rule.name, priority, result });
    if (result) events.push(firedEvent(rule));
  }
  return { events, rules: traces };
}

/** Every rule's outcome, with its condition trace; `firedOnly`: traced for the rules that fire alone. */
function evaluateRules(rules: readonly CompiledRule[], facts: FactValues, firedOnly: boolean): PolicyEvaluation {
  const events: FiredEvent[] = [];
  const traces: RuleTrace[] = [];
  for (const { rule, priority, root } of rules) {
    // Operators are pure: a test that fails gives the result the full trace would.
    if (firedOnly && !root.test(facts)) {
      traces.push({ name: rule.name, priority, result: false });
      continue;
    }
    const conditions = root.trace(facts);
    traces.push({ name: rule.name, priority, result: conditions.result, conditions });
    if (conditions.result) events.push(firedEvent(rule));
  }
  return { events, rules: traces };
}

function compileCondition(node: PolicyCondition): CompiledCondition {
  if (isAll(node)) return compileAll(node.all.map(compileCondition));
  if (isAny(node)) return compileAny(node.any.map(compileCondition));
  if (isNot(node)) return compileNot(compileCondition(node.not));
  return compileLeaf(node);
}

function compileLeaf({ fact, operator, value }: LeafCondition): CompiledCondition {
  const spec = operatorSpec(operator);
  if (!spec) throw new Error(`compilePolicy: unknown operator "${operator}"`);
  const evaluate = spec.evaluate;
  return {
    test: (facts) => evaluate(facts[fact], value),
    trace: (facts) => {
      const factValue = facts[fact];
      return { fact, operator, value, factValue, result: evaluate(factValue, value) };
    },
  };
}

// Traces evaluate every child, as json-rules-engine does within one condition priority level;
// `test` may stop early because operators are pure.
function compileAll(children: CompiledCondition[]): CompiledCondition {
  return {
    test: (facts) => {
      for (const child of children) if (!child.test(facts)) return false;
      return true;
    },
    trace: (facts) => {
      const all = children.map((c) => c.trace(facts));
      return { all, result: all.every((t) => t.result) };
    },
  };
}

// json-rules-engine answers true for an empty `any`; kept for fidelity (validation rejects it).
function compileAny(children: CompiledCondition[]): CompiledCondition {
  if (children.length === 0) return { test: () => true, trace: () => ({ any: [], result: true }) };
  return {
    test: (facts) => {
      for (const child of children) if (child.test(facts)) return true;
      return false;
    },
    trace: (facts) => {
      const any = children.map((c) => c.trace(facts));
      return { any, result: any.some((t) => t.result) };
    },
  };
}

function compileNot(child: CompiledCondition): CompiledCondition {
  return {
    test: (facts) => !child.test(facts),
    trace: (facts) => {
      const not = child.trace(facts);
      return { not, result: !not.result };
    },
  };
}
