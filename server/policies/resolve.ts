// Combines the directives of the fired rules (and later of decide macros) into one set of
// routing constraints. Deterministic: the same directives in the same order, the same answer.

import type { Directive, RoutingConstraints, ServiceLevel } from '../domain/types.ts';

/** The combined effect of a list of directives. */
export interface ResolvedDirectives {
  constraints: RoutingConstraints;
  holds: { reason: string }[];
  /** Set when some directive changed the service level. */
  serviceLevel?: ServiceLevel;
  tags: string[];
  macros: string[];
  /** Human-readable explanations of what was dropped or overridden, for the trace. */
  notes: string[];
}

interface Acc {
  allowed: string[] | null;
  excluded: string[];
  preferred: string[];
  forbidSplit: boolean;
  forbidCrossBorder: boolean;
  serviceLevel: ServiceLevel | undefined;
  holds: { reason: string }[];
  tags: string[];
  macros: string[];
  notes: string[];
}

/**
 * Resolves directives given in priority order (highest first, as the engines fire them).
 * Rules: restrictions intersect; exclusions win over restrictions and preferences; preferences
 * keep the order of first appearance; forbid flags OR; the first set-service-level wins; holds
 * accumulate (one per reason); tags and macros are kept once each, in order.
 */
export function resolveDirectives(directives: readonly Directive[]): ResolvedDirectives {
  const acc: Acc = {
    allowed: null,
    excluded: [],
    preferred: [],
    forbidSplit: false,
    forbidCrossBorder: false,
    serviceLevel: undefined,
    holds: [],
    tags: [],
    macros: [],
    notes: [],
  };
  for (const directive of directives) apply(acc, directive);
  const allowed = applyExclusions(acc);
  const preferred = filterPreferences(acc, allowed);
  const resolved: ResolvedDirectives = {
    constraints: {
      allowedWarehouses: allowed,
      excludedWarehouses: acc.excluded,
      preferredWarehouses: preferred,
      forbidSplit: acc.forbidSplit,
      forbidCrossBorder: acc.forbidCrossBorder,
      scoreAdjustments: {},
    },
    holds: acc.holds,
    tags: acc.tags,
    macros: acc.macros,
    notes: acc.notes,
  };
  if (acc.serviceLevel) resolved.serviceLevel = acc.serviceLevel;
  return resolved;
}

function apply(acc: Acc, d: Directive): void {
  switch (d.type) {
    case 'restrict-warehouses':
      return restrict(acc, unique(d.params.warehouses));
    case 'exclude-warehouses':
      return addAll(acc.excluded, d.params.warehouses);
    case 'prefer-warehouses':
      return addAll(acc.preferred, d.params.warehouses);
    case 'forbid-split':
      acc.forbidSplit = true;
      return;
    case 'forbid-cross-border':
      acc.forbidCrossBorder = true;
      return;
    case 'hold':
      if (!acc.holds.some((h) => h.reason === d.params.reason)) acc.holds.push({ reason: d.params.reason });
      return;
    case 'set-service-level':
      return setServiceLevel(acc, d.params.serviceLevel);
    case 'tag':
      return addAll(acc.tags, [d.params.tag]);
    case 'run-macro':
      return addAll(acc.macros, [d.params.macro]);
  }
}

function restrict(acc: Acc, warehouses: string[]): void {
  if (acc.allowed === null) {
    acc.allowed = warehouses;
    return;
  }
  const common = acc.allowed.filter((w) => warehouses.includes(w));
  if (common.length === 0 && acc.allowed.length > 0) {
    acc.notes.push(`restrictions to [${acc.allowed.join(', ')}] and [${warehouses.join(', ')}] have no warehouse in common: none may ship`);
  }
  acc.allowed = common;
}

function setServiceLevel(acc: Acc, level: ServiceLevel): void {
  if (acc.serviceLevel === undefined) acc.serviceLevel = level;
  else if (acc.serviceLevel !== level) {
    acc.notes.push(`service level ${level} ignored: a higher-priority rule set ${acc.serviceLevel}`);
  }
}

function applyExclusions(acc: Acc): string[] | null {
  if (acc.allowed === null) return null;
  const removed = acc.allowed.filter((w) => acc.excluded.includes(w));
  if (removed.length === 0) return acc.allowed;
  const kept = acc.allowed.filter((w) => !acc.excluded.includes(w));
  acc.notes.push(
    kept.length === 0
      ? `every allowed warehouse is excluded ([${removed.join(', ')}]): none may ship`
      : `excluded ${removed.join(', ')} removed from the allowed warehouses`,
  );
  return kept;
}

function filterPreferences(acc: Acc, allowed: string[] | null): string[] {
  const dropped: string[] = [];
  const kept = acc.preferred.filter((w) => {
    const ok = !acc.excluded.includes(w) && (allowed === null || allowed.includes(w));
    if (!ok) dropped.push(w);
    return ok;
  });
  if (dropped.length > 0) acc.notes.push(`preference for ${dropped.join(', ')} dropped: excluded or not allowed`);
  return kept;
}

function addAll(target: string[], items: readonly string[]): void {
  for (const item of items) if (!target.includes(item)) target.push(item);
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
