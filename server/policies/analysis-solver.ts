// Decides whether a conjunction of fact comparisons can hold, one fact at a time, over the
// catalogue's domains. Sound for "never": it answers unsatisfiable only when no fact values
// of the catalogue's types could satisfy it; anything it does not understand counts as possible.

import type { FactDefinition } from './fact-catalogue.ts';
import { factDefinition } from './fact-catalogue.ts';

/** A comparison that must hold. `opaque` ones (negations with no exact complement) are ignored. */
export interface Literal {
  fact: string;
  operator: string;
  value: unknown;
  opaque: boolean;
}

/** Why the literals can never all hold, or undefined when they might. */
export function unsatisfiableReason(literals: readonly Literal[]): string | undefined {
  const byFact = new Map<string, Literal[]>();
  for (const lit of literals) {
    if (lit.opaque) continue;
    byFact.set(lit.fact, [...(byFact.get(lit.fact) ?? []), lit]);
  }
  for (const [name, lits] of byFact) {
    const def = factDefinition(name);
    if (!def) continue;
    for (const lit of lits) {
      if (!possible(def, [lit])) return `${describe(lit)} can never hold: ${name} is ${domainText(def)}`;
    }
    if (!possible(def, lits)) return `${lits.map(describe).join(' and ')} cannot all hold`;
  }
  return undefined;
}

/** A literal as the editor shows it: `orderValue greaterThan 100`. */
export function describe(lit: Literal): string {
  return `${lit.fact} ${lit.operator} ${JSON.stringify(lit.value)}`;
}

function possible(def: FactDefinition, lits: readonly Literal[]): boolean {
  switch (def.type) {
    case 'number':
      return possibleNumber(def, lits);
    case 'string':
      return possibleScalar(def.values ?? null, lits);
    case 'boolean':
      return possibleScalar([true, false], lits);
    case 'string[]':
      return possibleList(def, lits);
  }
}

interface Bounds {
  lo: number;
  loStrict: boolean;
  hi: number;
  hiStrict: boolean;
}

function possibleNumber(def: FactDefinition, lits: readonly Literal[]): boolean {
  const b: Bounds = { lo: def.min ?? -Infinity, loStrict: false, hi: def.max ?? Infinity, hiStrict: false };
  let only: unknown[] | null = null;
  const excluded: unknown[] = [];
  for (const { operator, value } of lits) {
    const v = value as number;
    if (operator === 'equal') only = intersect(only, [value]);
    else if (operator === 'in') only = intersect(only, value as unknown[]);
    else if (operator === 'notEqual') excluded.push(value);
    else if (operator === 'notIn') excluded.push(...(value as unknown[]));
    else if (operator === 'lessThan') tightenHi(b, v, true);
    else if (operator === 'lessThanInclusive') tightenHi(b, v, false);
    else if (operator === 'greaterThan') tightenLo(b, v, true);
    else if (operator === 'greaterThanInclusive') tightenLo(b, v, false);
    else if (operator === 'between') {
      tightenLo(b, (value as number[])[0] as number, false);
      tightenHi(b, (value as number[])[1] as number, false);
    }
  }
  const fits = (x: unknown) => typeof x === 'number' && inBounds(b, x) && (!def.integer || Number.isInteger(x)) && !excluded.includes(x);
  if (only !== null) return only.some(fits);
  if (def.integer) return someInteger(b, fits, excluded.length + 1);
  if (b.lo < b.hi) return true; // infinitely many reals, finitely many excluded
  return b.lo === b.hi && fits(b.lo);
}

function tightenHi(b: Bounds, v: number, strict: boolean): void {
  if (v < b.hi || (v === b.hi && strict)) Object.assign(b, { hi: v, hiStrict: strict });
}

function tightenLo(b: Bounds, v: number, strict: boolean): void {
  if (v > b.lo || (v === b.lo && strict)) Object.assign(b, { lo: v, loStrict: strict });
}

function inBounds(b: Bounds, x: number): boolean {
  return (b.loStrict ? x > b.lo : x >= b.lo) && (b.hiStrict ? x < b.hi : x <= b.hi);
}

// With n exclusions, n + 1 consecutive integers from one end of the range settle it.
function someInteger(b: Bounds, fits: (x: number) => boolean, tries: number): boolean {
  if (b.lo === -Infinity && b.hi === Infinity) return true;
  const start = b.lo !== -Infinity ? Math.floor(b.lo) : Math.ceil(b.hi);
  const step = b.lo !== -Infinity ? 1 : -1;
  for (let i = 0; i <= tries + 1; i++) if (fits(start + i * step)) return true;
  return false;
}

function possibleScalar(domain: readonly unknown[] | null, lits: readonly Literal[]): boolean {
  let only: unknown[] | null = domain ? [...domain] : null;
  const excluded: unknown[] = [];
  const prefixes: string[] = [];
  for (const { operator, value } of lits) {
    if (operator === 'equal') only = intersect(only, [value]);
    else if (operator === 'in') only = intersect(only, value as unknown[]);
    else if (operator === 'notEqual') excluded.push(value);
    else if (operator === 'notIn') excluded.push(...(value as unknown[]));
    else if (operator === 'startsWith') prefixes.push(value as string);
  }
  const fits = (x: unknown) => !excluded.includes(x) && prefixes.every((p) => typeof x === 'string' && x.startsWith(p));
  if (only !== null) return only.some(fits);
  // Any string will do, so only the prefixes must agree: each a prefix of the longest.
  const longest = prefixes.reduce((a, p) => (p.length > a.length ? p : a), '');
  return prefixes.every((p) => longest.startsWith(p));
}

function possibleList(def: FactDefinition, lits: readonly Literal[]): boolean {
  const must: unknown[] = [];
  const mustNot: unknown[] = [];
  const someOf: unknown[][] = [];
  for (const { operator, value } of lits) {
    if (operator === 'contains') must.push(value);
    else if (operator === 'containsAll') must.push(...(value as unknown[]));
    else if (operator === 'doesNotContain') mustNot.push(value);
    else if (operator === 'containsNone') mustNot.push(...(value as unknown[]));
    else if (operator === 'containsAny') someOf.push(value as unknown[]);
  }
  const allowed = (x: unknown) => !mustNot.includes(x) && (!def.values || def.values.includes(x as string));
  return must.every(allowed) && someOf.every((group) => group.some(allowed));
}

function intersect(current: unknown[] | null, next: readonly unknown[]): unknown[] {
  return current === null ? [...next] : current.filter((x) => next.includes(x));
}

function domainText(def: FactDefinition): string {
  if (def.values) return `${def.type === 'string[]' ? 'a list drawn from' : 'one of'} ${def.values.join(', ')}`;
  if (def.min !== undefined || def.max !== undefined) {
    return `${def.integer ? 'an integer' : 'a number'} from ${def.min ?? '-infinity'} to ${def.max ?? 'infinity'}`;
  }
  return `a ${def.type}`;
}
