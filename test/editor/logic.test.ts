// The editor's pure parts: SSE parsing, JSON path location, rules in words, line diffs and
// decision comparison.
import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from '../../editor/src/api/sse.ts';
import type { DryRunResult } from '../../editor/src/api/types.ts';
import { compareDecisions } from '../../editor/src/features/test-bench/compare.ts';
import { diffLines, foldUnchanged } from '../../editor/src/features/versions/line-diff.ts';
import { locateJsonPath } from '../../editor/src/monaco/json-locate.ts';
import { actionWords, conditionWords, ruleWords } from '../../editor/src/rules/describe.ts';

describe('createSseParser', () => {
  const parse = (chunks: string[]) => {
    const out: SseMessage[] = [];
    const push = createSseParser((m) => out.push(m));
    for (const c of chunks) push(c);
    return out;
  };

  it('reads events with ids, names and multi-line data, and skips comments', () => {
    expect(parse([': hello\nid: 7\nevent: order.routed\ndata: {"a":1}\n\ndata: x\ndata: y\n\n'])).toEqual([
      { id: '7', event: 'order.routed', data: '{"a":1}' },
      { event: 'message', data: 'x\ny' },
    ]);
  });

  it('joins events split anywhere across chunks, including inside a CRLF', () => {
    const text = 'id: 1\r\nevent: ready\r\ndata: {}\r\n\r\nid: 2\r\nevent: inventory.adjusted\r\ndata: {"sku":"CD"}\r\n\r\n';
    const whole = parse([text]);
    for (let cut = 1; cut < text.length; cut++) expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    expect(whole.map((m) => m.event)).toEqual(['ready', 'inventory.adjusted']);
  });

  it('drops an event without data and keeps an unfinished one until it ends', () => {
    expect(parse(['event: ping\n\n', 'data: half'])).toEqual([]);
  });
});

describe('locateJsonPath', () => {
  const text = JSON.stringify(
    { rules: [{ name: 'a', conditions: { all: [{ fact: 'hasLiquid', operator: 'equal', value: true }] } }] },
    null,
    2,
  );
  const at = (path: string) => {
    const span = locateJsonPath(text, path);
    return span ? { text: text.slice(span.start, span.end), exact: span.exact } : null;
  };

  it('points at a scalar value', () => {
    expect(at('rules.0.conditions.all.0.fact')).toEqual({ text: '"hasLiquid"', exact: true });
    expect(at('rules.0.conditions.all.0.value')).toEqual({ text: 'true', exact: true });
  });

  it('points at the key of an object or array member rather than the whole block', () => {
    expect(at('rules.0.conditions')).toEqual({ text: '"conditions"', exact: true });
  });

  it('stops at the deepest node that exists for a missing member', () => {
    expect(at('rules.0.event.params')).toEqual({ text: '{', exact: false });
    expect(at('rules.3')).toEqual({ text: '"rules"', exact: false });
  });

  it('handles escapes in strings and answers null for text that is not JSON', () => {
    expect(locateJsonPath('{"a\\"b": {"c": "x\\"y"}}', ['a"b', 'c'])).toEqual({ start: 15, end: 21, exact: true });
    expect(locateJsonPath('{"a": ', 'a')).toBeNull();
  });
});

describe('rules in words', () => {
  it('reads a rule as one sentence', () => {
    const rule = {
      name: 'eu-liquids',
      conditions: {
        all: [
          { fact: 'destinationRegion', operator: 'equal', value: 'EU' },
          { fact: 'hasLiquids', operator: 'equal', value: true },
        ],
      },
      event: { type: 'run-macro', params: { macro: 'split-liquids' } },
    };
    expect(ruleWords(rule)).toBe('if destinationRegion is EU and hasLiquids is true then run split-liquids');
  });

  it('brackets nested groups and words every operator and action', () => {
    const cond = {
      any: [
        { fact: 'orderValue', operator: 'between', value: [100, 500] },
        {
          all: [
            { fact: 'skus', operator: 'containsAny', value: ['CD-BLUE', 'LP-DARK-SIDE'] },
            { not: { fact: 'channel', operator: 'in', value: ['amazon'] } },
          ],
        },
      ],
    };
    expect(conditionWords(cond)).toBe(
      'orderValue is between 100 and 500 or (skus contains any of CD-BLUE, LP-DARK-SIDE and not (channel is one of amazon))',
    );
    expect(actionWords('exclude-warehouses', { warehouses: ['UK-MAN', 'US-NJ'] })).toBe('never ship from UK-MAN, US-NJ');
    expect(actionWords('forbid-cross-border', undefined)).toBe('do not ship across a border');
    expect(ruleWords({ conditions: { all: [] }, event: { type: 'hold', params: { reason: 'review' } } })).toBe(
      'always hold the order (review)',
    );
  });
});

describe('line diff', () => {
  it('keeps, removes and adds lines in order', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc\nd')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'del', text: 'b' },
      { kind: 'add', text: 'x' },
      { kind: 'same', text: 'c' },
      { kind: 'add', text: 'd' },
    ]);
  });

  it('folds long unchanged runs to a few lines of context', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace('line 10', 'line ten');
    const folded = foldUnchanged(diffLines(before, after), 2);
    expect(folded[0]).toEqual({ kind: 'gap', count: 8 });
    expect(folded.filter((l) => l.kind === 'gap')).toEqual([
      { kind: 'gap', count: 8 },
      { kind: 'gap', count: 7 },
    ]);
    expect(folded.filter((l) => l.kind === 'add' || l.kind === 'del')).toHaveLength(2);
  });
});

describe('compareDecisions', () => {
  const decision = (warehouseId: string, tags: string[]): DryRunResult => ({
    status: 'routed',
    holds: [],
    tags,
    decision: { policyVersion: null, macros: {}, trace: {} },
    fulfillments: [
      {
        id: 'ful_preview',
        warehouseId,
        status: 'allocated',
        lines: [{ sku: 'CD-BLUE', quantity: 1 }],
        packages: [{ lines: [{ sku: 'CD-BLUE', quantity: 1 }], weightKg: 0.1, volumeLitres: 0, shippingClass: 'packet' }],
        carrier: 'royal-mail',
        service: 'standard',
        crossBorder: false,
        cost: { shipping: 350, handling: 120, duties: 0, total: 470 },
        eta: '2026-11-26',
      },
    ],
  });

  it('lists only what differs', () => {
    expect(compareDecisions(decision('UK-MAN', []), decision('UK-MAN', []))).toEqual([]);
    expect(compareDecisions(decision('UK-MAN', ['eu-check']), decision('DE-BER', []))).toEqual([
      { aspect: 'Ships from', left: 'UK-MAN', right: 'DE-BER' },
      { aspect: 'Tags', left: 'eu-check', right: 'none' },
    ]);
  });
});
