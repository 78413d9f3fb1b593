// Condition operators: json-rules-engine's built-ins (re-implemented exactly, for the fast
// engine) and our custom ones (the same functions are registered on the reference engine).

import type { Engine } from 'json-rules-engine';
import type { FactType } from './fact-catalogue.ts';

/**
 * What a condition's `value` must be for an operator: `scalar` the fact's own type, `list` a
 * non-empty array of the fact's type, `element` one string, `elements` a non-empty string array,
 * `range` a `[min, max]` pair of numbers with min <= max.
 */
export type ValueShape = 'scalar' | 'list' | 'element' | 'elements' | 'range';

/** One operator: where it applies, what value it takes, and its exact semantics. */
export interface OperatorSpec {
  name: string;
  /** True for json-rules-engine's own operators, false for ours. */
  builtIn: boolean;
  appliesTo: readonly FactType[];
  value: ValueShape;
  description: string;
  evaluate: (factValue: unknown, value: unknown) => boolean;
}

// json-rules-engine's numberValidator: numeric strings pass, undefined does not. A number passes
// unless it is NaN (its text always parses back to a number), which saves two strings per test.
function isNumeric(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isNaN(v);
  return Number.parseFloat(v as string).toString() !== 'NaN';
}

// Indexing is what json-rules-engine does (`b.indexOf(a)`), so keep it for identical NaN handling.
function has(list: unknown, item: unknown): boolean {
  return (list as unknown[]).indexOf(item) > -1;
}

const SCALARS: readonly FactType[] = ['string', 'number', 'boolean'];
const NUMBER: readonly FactType[] = ['number'];
const ARRAY: readonly FactType[] = ['string[]'];

type Definition = Omit<OperatorSpec, 'builtIn'>;

const BUILT_IN: OperatorSpec[] = (
  [
    { name: 'equal', appliesTo: SCALARS, value: 'scalar', description: 'fact === value', evaluate: (a, b) => a === b },
    {
      name: 'notEqual',
      appliesTo: SCALARS,
      value: 'scalar',
      description: 'fact !== value (true for a missing fact)',
      evaluate: (a, b) => a !== b,
    },
    {
      name: 'in',
      appliesTo: ['string', 'number'],
      value: 'list',
      description: 'fact is one of the listed values',
      evaluate: (a, b) => has(b, a),
    },
    {
      name: 'notIn',
      appliesTo: ['string', 'number'],
      value: 'list',
      description: 'fact is none of the listed values (true for a missing fact)',
      evaluate: (a, b) => !has(b, a),
    },
    {
      name: 'contains',
      appliesTo: ARRAY,
      value: 'element',
      description: 'the list fact contains the value',
      evaluate: (a, b) => Array.isArray(a) && has(a, b),
    },
    {
      name: 'doesNotContain',
      appliesTo: ARRAY,
      value: 'element',
      description: 'the list fact does not contain the value',
      evaluate: (a, b) => Array.isArray(a) && !has(a, b),
    },
    {
      name: 'lessThan',
      appliesTo: NUMBER,
      value: 'scalar',
      description: 'fact < value',
      evaluate: (a, b) => isNumeric(a) && (a as number) < (b as number),
    },
    {
      name: 'lessThanInclusive',
      appliesTo: NUMBER,
      value: 'scalar',
      description: 'fact <= value',
      evaluate: (a, b) => isNumeric(a) && (a as number) <= (b as number),
    },
    {
      name: 'greaterThan',
      appliesTo: NUMBER,
      value: 'scalar',
      description: 'fact > value',
      evaluate: (a, b) => isNumeric(a) && (a as number) > (b as number),
    },
    {
      name: 'greaterThanInclusive',
      appliesTo: NUMBER,
      value: 'scalar',
      description: 'fact >= value',
      evaluate: (a, b) => isNumeric(a) && (a as number) >= (b as number),
    },
  ] satisfies Definition[]
).map((o) => ({ ...o, builtIn: true }));

const CUSTOM: OperatorSpec[] = (
  [
    {
      name: 'containsAny',
      appliesTo: ARRAY,
      value: 'elements',
      description: 'the list fact contains at least one of the values',
      evaluate: (a, b) => Array.isArray(a) && Array.isArray(b) && b.some((x) => has(a, x)),
    },
    {
      name: 'containsAll',
      appliesTo: ARRAY,
      value: 'elements',
      description: 'the list fact contains every one of the values',
      evaluate: (a, b) => Array.isArray(a) && Array.isArray(b) && b.every((x) => has(a, x)),
    },
    {
      name: 'containsNone',
      appliesTo: ARRAY,
      value: 'elements',
      description: 'the list fact contains none of the values',
      evaluate: (a, b) => Array.isArray(a) && Array.isArray(b) && !b.some((x) => has(a, x)),
    },
    {
      name: 'startsWith',
      appliesTo: ['string'],
      value: 'scalar',
      description: 'the string fact starts with the value (case-sensitive)',
      evaluate: (a, b) => typeof a === 'string' && typeof b === 'string' && a.startsWith(b),
    },
    {
      name: 'between',
      appliesTo: NUMBER,
      value: 'range',
      description: 'min <= fact <= max, value [min, max]',
      evaluate: (a, b) => typeof a === 'number' && Array.isArray(b) && a >= (b[0] as number) && a <= (b[1] as number),
    },
  ] satisfies Definition[]
).map((o) => ({ ...o, builtIn: false }));

/** Every operator a policy may use, built-ins first. */
export const OPERATORS: readonly OperatorSpec[] = [...BUILT_IN, ...CUSTOM];

const BY_NAME: ReadonlyMap<string, OperatorSpec> = new Map(OPERATORS.map((o) => [o.name, o]));

/** The operator of that name, or undefined for one we do not support (decorated ones included). */
export function operatorSpec(name: string): OperatorSpec | undefined {
  return BY_NAME.get(name);
}

/** Names of the operators that apply to a fact type, for error messages and the editor. */
export function operatorsFor(type: FactType): string[] {
  return OPERATORS.filter((o) => o.appliesTo.includes(type)).map((o) => o.name);
}

/** Adds our custom operators to a json-rules-engine Engine (the built-ins are already there). */
export function registerOperators(engine: Engine): void {
  for (const op of CUSTOM) engine.addOperator(op.name, op.evaluate);
}
