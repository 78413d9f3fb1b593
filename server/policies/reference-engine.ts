// The reference semantics: policies run on json-rules-engine itself, and its results turned
// into our PolicyEvaluation. This file is the json-rules-engine adapter (the only `any`s).

import { Engine } from 'json-rules-engine';
import type { PolicyDocument, PolicyRule } from './document.ts';
import { rulePriority } from './document.ts';
import type { ConditionTrace, FactValues, FiredEvent, PolicyEvaluation, RuleTrace } from './evaluation.ts';
import { evaluationOrder, firedEvent } from './evaluation.ts';
import { registerOperators } from './operators.ts';

/** A policy loaded into one json-rules-engine Engine. */
export interface ReferenceEngine {
  evaluate(facts: FactValues): Promise<PolicyEvaluation>;
}

/**
 * Loads a validated policy into json-rules-engine once. Runs are queued one at a time: the
 * Engine keeps a RUNNING/FINISHED status across runs, so two overlapping runs would let the
 * first to finish stop the other's remaining priority levels.
 */
export function createReferenceEngine(policy: PolicyDocument): ReferenceEngine {
  const engine = buildEngine(policy);
  const order = evaluationOrder(policy);
  let queue: Promise<unknown> = Promise.resolve();
  return {
    evaluate(facts) {
      const run = queue.then(() => runOnce(engine, policy, order, facts));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

/** Evaluates a validated policy against fact values with json-rules-engine (a fresh Engine). */
export async function evaluateReference(policy: PolicyDocument, facts: FactValues): Promise<PolicyEvaluation> {
  return createReferenceEngine(policy).evaluate(facts);
}

function buildEngine(policy: PolicyDocument): Engine {
  // A missing fact is undefined and each operator decides (see operators.ts), instead of a throw.
  const engine = new Engine([], { allowUndefinedFacts: true });
  registerOperators(engine);
  policy.rules.forEach((rule, index) => {
    // The engine's rule name is the document index, so results map back even to unnamed twins.
    engine.addRule({ name: String(index), priority: rulePriority(rule), conditions: rule.conditions as any, event: rule.event });
  });
  return engine;
}

async function runOnce(engine: Engine, policy: PolicyDocument, order: number[], facts: FactValues): Promise<PolicyEvaluation> {
  const runtimeFacts: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(facts)) if (value !== undefined) runtimeFacts[name] = value;
  const { results, failureResults } = await engine.run(runtimeFacts);
  // Within a priority level json-rules-engine records results in promise-settling order,
  // which depends on condition depth; re-order them by the document instead.
  const byIndex = new Map<number, any>();
  for (const result of [...results, ...failureResults]) byIndex.set(Number(result.name), result);
  const events: FiredEvent[] = [];
  const rules: RuleTrace[] = [];
  for (const index of order) {
    const rule = policy.rules[index] as PolicyRule;
    const result = byIndex.get(index);
    const passed = result?.result === true;
    rules.push({ name: rule.name, priority: rulePriority(rule), result: passed, conditions: toTrace(result.conditions, passed) });
    if (passed) events.push(firedEvent(rule));
  }
  return { events, rules };
}

// json-rules-engine writes `result` (and `factResult` on leaves) onto its evaluated copy of the
// conditions; the root node's result is the rule's.
function toTrace(node: any, rootResult?: boolean): ConditionTrace {
  const result = (rootResult ?? node.result) as boolean;
  if (Array.isArray(node.all)) return { all: node.all.map((c: any) => toTrace(c)), result };
  if (Array.isArray(node.any)) return { any: node.any.map((c: any) => toTrace(c)), result };
  if (node.not !== undefined) return { not: toTrace(node.not), result };
  return { fact: node.fact, operator: node.operator, value: node.value, factValue: node.factResult, result };
}
