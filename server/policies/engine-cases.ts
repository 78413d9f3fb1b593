// Hand-written policies and facts both engine test files run, so each engine is held to the same
// expectations (the differential property test covers the rest).

import type { PolicyDocument } from './document.ts';

export const ORDERING_POLICY: PolicyDocument = {
  rules: [
    { name: 'tag-low', conditions: { all: [] }, event: { type: 'tag', params: { tag: 'low' } } },
    // Deeply nested, so json-rules-engine settles it after its same-priority neighbour.
    {
      name: 'deep-first',
      priority: 5,
      conditions: { all: [{ all: [{ all: [{ fact: 'orderValue', operator: 'greaterThan', value: 0 }] }] }] },
      event: { type: 'tag', params: { tag: 'deep' } },
    },
    { name: 'shallow-second', priority: 5, conditions: { all: [] }, event: { type: 'forbid-split' } },
    {
      name: 'top',
      priority: 10,
      conditions: { not: { fact: 'hasLiquids', operator: 'equal', value: true } },
      event: { type: 'hold', params: { reason: 'r' } },
    },
  ],
};

export const TRACE_POLICY: PolicyDocument = {
  rules: [
    {
      name: 'mixed',
      conditions: {
        any: [
          {
            all: [
              { fact: 'orderValue', operator: 'lessThan', value: 100 },
              { fact: 'skus', operator: 'containsAny', value: ['A'] },
            ],
          },
          { not: { fact: 'channel', operator: 'equal', value: 'amazon' } },
        ],
      },
      event: { type: 'prefer-warehouses', params: { warehouses: ['UK-MAN'] } },
    },
  ],
};

export const TRACE_FACTS = { orderValue: 50, skus: ['B'], channel: 'amazon' };

/** The trace both engines must give for TRACE_POLICY on TRACE_FACTS: every leaf evaluated. */
export const TRACE_EXPECTED = {
  name: 'mixed',
  priority: 1,
  result: false,
  conditions: {
    any: [
      {
        all: [
          { fact: 'orderValue', operator: 'lessThan', value: 100, factValue: 50, result: true },
          { fact: 'skus', operator: 'containsAny', value: ['A'], factValue: ['B'], result: false },
        ],
        result: false,
      },
      { not: { fact: 'channel', operator: 'equal', value: 'amazon', factValue: 'amazon', result: true }, result: false },
    ],
    result: false,
  },
};

export const MISSING_FACT_POLICY: PolicyDocument = {
  rules: [
    {
      name: 'not-equal',
      conditions: { all: [{ fact: 'channel', operator: 'notEqual', value: 'x' }] },
      event: { type: 'tag', params: { tag: 'a' } },
    },
    {
      name: 'not-in',
      conditions: { all: [{ fact: 'channel', operator: 'notIn', value: ['x'] }] },
      event: { type: 'tag', params: { tag: 'b' } },
    },
    {
      name: 'less',
      conditions: { all: [{ fact: 'orderValue', operator: 'lessThan', value: 10 }] },
      event: { type: 'tag', params: { tag: 'c' } },
    },
    {
      name: 'none',
      conditions: { all: [{ fact: 'skus', operator: 'containsNone', value: ['x'] }] },
      event: { type: 'tag', params: { tag: 'd' } },
    },
    {
      name: 'not-contains',
      conditions: { all: [{ fact: 'skus', operator: 'doesNotContain', value: 'x' }] },
      event: { type: 'tag', params: { tag: 'e' } },
    },
  ],
};
