// Policy rules in plain words: "if destinationRegion is EU and hasLiquids is true then run
// split-liquids". Pure, so the policies page, the trace views and the tests share it.

/** A condition node as written in a policy (loosely typed: drafts may be half written). */
export type ConditionLike =
  | { all: ConditionLike[] }
  | { any: ConditionLike[] }
  | { not: ConditionLike }
  | { fact: string; operator: string; value?: unknown };

const OPERATOR_WORDS: Record<string, string> = {
  equal: 'is',
  notEqual: 'is not',
  in: 'is one of',
  notIn: 'is not one of',
  contains: 'contains',
  doesNotContain: 'does not contain',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  containsAny: 'contains any of',
  containsAll: 'contains all of',
  containsNone: 'contains none of',
  startsWith: 'starts with',
  between: 'is between',
};

/** A value as a reader would write it: lists comma-separated, strings bare. */
export function valueWords(value: unknown): string {
  if (Array.isArray(value)) return value.map(valueWords).join(', ');
  if (typeof value === 'string') return value;
  if (value === undefined) return '?';
  return JSON.stringify(value);
}

/** `orderValue < 15000`, `destinationRegion is EU`, `orderValue is between 100 and 500`. */
export function leafWords(fact: string, operator: string, value: unknown): string {
  if (operator === 'between' && Array.isArray(value) && value.length === 2)
    return `${fact} is between ${valueWords(value[0])} and ${valueWords(value[1])}`;
  return `${fact} ${OPERATOR_WORDS[operator] ?? operator} ${valueWords(value)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A condition tree in words; nested groups get parentheses. */
export function conditionWords(node: unknown, nested = false): string {
  if (!isObject(node)) return '?';
  if (Array.isArray(node.all)) return group(node.all, 'and', nested, 'always');
  if (Array.isArray(node.any)) return group(node.any, 'or', nested, 'never');
  if ('not' in node) return `not (${conditionWords(node.not)})`;
  if (typeof node.fact === 'string') return leafWords(node.fact, String(node.operator ?? '?'), node.value);
  return '?';
}

function group(items: unknown[], joiner: string, nested: boolean, empty: string): string {
  if (items.length === 0) return empty;
  if (items.length === 1) return conditionWords(items[0], nested);
  const text = items.map((c) => conditionWords(c, true)).join(` ${joiner} `);
  return nested ? `(${text})` : text;
}

const list = (v: unknown): string => (Array.isArray(v) ? v.map(String).join(', ') : '?');

/** What an action does, in words: `ship only from UK-MAN`, `hold (fraud check)`. */
export function actionWords(type: unknown, params: unknown): string {
  const p = isObject(params) ? params : {};
  switch (type) {
    case 'restrict-warehouses':
      return `ship only from ${list(p.warehouses)}`;
    case 'exclude-warehouses':
      return `never ship from ${list(p.warehouses)}`;
    case 'prefer-warehouses':
      return `prefer ${list(p.warehouses)}`;
    case 'forbid-split':
      return 'do not split the order';
    case 'forbid-cross-border':
      return 'do not ship across a border';
    case 'hold':
      return `hold the order (${valueWords(p.reason)})`;
    case 'set-service-level':
      return `set the service level to ${valueWords(p.serviceLevel)}`;
    case 'tag':
      return `tag it "${valueWords(p.tag)}"`;
    case 'run-macro':
      return `run ${valueWords(p.macro)}`;
    default:
      return `${String(type ?? '?')} ${Object.keys(p).length > 0 ? JSON.stringify(p) : ''}`.trim();
  }
}

/** A whole rule in one sentence: `if <conditions> then <action>`. */
export function ruleWords(rule: unknown): string {
  if (!isObject(rule)) return '?';
  const event = isObject(rule.event) ? rule.event : {};
  const when = conditionWords(rule.conditions);
  const then = actionWords(event.type, event.params);
  return when === 'always' ? `always ${then}` : `if ${when} then ${then}`;
}
