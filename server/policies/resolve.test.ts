import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Directive } from '../domain/types.ts';
import { resolveDirectives } from './resolve.ts';

const restrict = (...warehouses: string[]): Directive => ({ type: 'restrict-warehouses', params: { warehouses } });
const exclude = (...warehouses: string[]): Directive => ({ type: 'exclude-warehouses', params: { warehouses } });
const prefer = (...warehouses: string[]): Directive => ({ type: 'prefer-warehouses', params: { warehouses } });
const level = (serviceLevel: 'economy' | 'express'): Directive => ({ type: 'set-service-level', params: { serviceLevel } });

describe('resolveDirectives', () => {
  it('leaves every warehouse allowed when nothing restricts', () => {
    expect(resolveDirectives([])).toEqual({
      constraints: {
        allowedWarehouses: null,
        excludedWarehouses: [],
        preferredWarehouses: [],
        forbidSplit: false,
        forbidCrossBorder: false,
        scoreAdjustments: {},
      },
      holds: [],
      tags: [],
      macros: [],
      notes: [],
    });
  });

  it("intersects restrictions, keeping the first one's order", () => {
    expect(resolveDirectives([restrict('C', 'A', 'B'), restrict('B', 'C')]).constraints.allowedWarehouses).toEqual(['C', 'B']);
  });

  it('notes when restrictions leave no warehouse', () => {
    const { constraints, notes } = resolveDirectives([restrict('A'), restrict('B')]);
    expect(constraints.allowedWarehouses).toEqual([]);
    expect(notes).toEqual(['restrictions to [A] and [B] have no warehouse in common: none may ship']);
  });

  it('lets exclusions win over restrictions and preferences', () => {
    const { constraints, notes } = resolveDirectives([prefer('A', 'B'), restrict('A', 'B'), exclude('A')]);
    expect(constraints).toMatchObject({ allowedWarehouses: ['B'], excludedWarehouses: ['A'], preferredWarehouses: ['B'] });
    expect(notes).toEqual(['excluded A removed from the allowed warehouses', 'preference for A dropped: excluded or not allowed']);
  });

  it('orders preferences by first appearance and drops ones outside the restriction', () => {
    const { constraints } = resolveDirectives([prefer('B', 'A'), prefer('C', 'A', 'D'), restrict('A', 'B', 'C')]);
    expect(constraints.preferredWarehouses).toEqual(['B', 'A', 'C']);
  });

  it('ORs the forbid flags', () => {
    const { constraints } = resolveDirectives([{ type: 'forbid-split' }, { type: 'forbid-cross-border' }, { type: 'forbid-split' }]);
    expect(constraints).toMatchObject({ forbidSplit: true, forbidCrossBorder: true });
  });

  it('keeps the highest-priority service level and notes the others', () => {
    const result = resolveDirectives([level('express'), level('economy'), level('express')]);
    expect(result.serviceLevel).toBe('express');
    expect(result.notes).toEqual(['service level economy ignored: a higher-priority rule set express']);
  });

  it('accumulates holds once per reason, and tags and macros once each, in order', () => {
    const result = resolveDirectives([
      { type: 'hold', params: { reason: 'fraud' } },
      { type: 'tag', params: { tag: 'b' } },
      { type: 'run-macro', params: { macro: 'split-liquids' } },
      { type: 'hold', params: { reason: 'hazmat' } },
      { type: 'hold', params: { reason: 'fraud' } },
      { type: 'tag', params: { tag: 'a' } },
      { type: 'tag', params: { tag: 'b' } },
      { type: 'run-macro', params: { macro: 'split-liquids' } },
    ]);
    expect(result).toMatchObject({ holds: [{ reason: 'fraud' }, { reason: 'hazmat' }], tags: ['b', 'a'], macros: ['split-liquids'] });
    expect(result.serviceLevel).toBeUndefined();
  });

  it('never allows, or prefers, an excluded warehouse (any directives)', () => {
    const ids = fc.uniqueArray(fc.constantFrom('A', 'B', 'C', 'D'), { minLength: 1 });
    const directive = fc.oneof(
      ids.map((w) => restrict(...w)),
      ids.map((w) => exclude(...w)),
      ids.map((w) => prefer(...w)),
      fc.constant<Directive>({ type: 'forbid-split' }),
    );
    fc.assert(
      fc.property(fc.array(directive, { maxLength: 8 }), (directives) => {
        const { constraints: c } = resolveDirectives(directives);
        for (const w of c.excludedWarehouses) {
          expect(c.allowedWarehouses ?? []).not.toContain(w);
          expect(c.preferredWarehouses).not.toContain(w);
        }
        if (c.allowedWarehouses) for (const w of c.preferredWarehouses) expect(c.allowedWarehouses).toContain(w);
        expect(resolveDirectives(directives)).toEqual(resolveDirectives(structuredClone(directives)));
      }),
    );
  });
});
