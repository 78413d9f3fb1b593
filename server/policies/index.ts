// The policies module's public surface: facts, the policy document, both engines, conflict
// resolution and analysis. Pure: no I/O; callers load the data and store the results.

export { computeFacts, FACT_CATALOGUE } from './facts.ts';
export type { FactDefinition, FactInput, FactName, FactType, OrderFacts } from './facts.ts';
export { REGIONS, customsUnionOf, regionOf } from './regions.ts';
export type { Region } from './regions.ts';
export { OPERATORS, operatorSpec, operatorsFor, registerOperators } from './operators.ts';
export type { OperatorSpec, ValueShape } from './operators.ts';
export { ACTION_DESCRIPTIONS, ACTION_TYPES, eventSchema, policyDocumentSchema, ruleSchema } from './document.ts';
export type { ConditionValue, LeafCondition, PolicyCondition, PolicyDocument, PolicyEvent, PolicyRule, RootCondition } from './document.ts';
export { validatePolicy } from './validate.ts';
export type { PolicyContext, PolicyValidation, ValidationDetail } from './validate.ts';
export { policyJsonSchema } from './json-schema.ts';
export { evaluationOrder, toDirective } from './evaluation.ts';
export type { ConditionTrace, FactValues, FiredEvent, LeafTrace, PolicyEvaluation, RuleTrace } from './evaluation.ts';
export { createReferenceEngine, evaluateReference } from './reference-engine.ts';
export type { ReferenceEngine } from './reference-engine.ts';
export { compilePolicy } from './fast-engine.ts';
export type { CompiledPolicy } from './fast-engine.ts';
export { resolveDirectives } from './resolve.ts';
export type { ResolvedDirectives } from './resolve.ts';
export { analyzePolicy } from './analysis.ts';
export type { PolicyAnalysis, PolicyWarning, WarningKind } from './analysis.ts';
