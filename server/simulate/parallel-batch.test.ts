import { describe, expect, it } from 'vitest';
import { batchResultOf, batchResultText, type BatchResult } from './parallel-batch.ts';

describe('a batch result as text', () => {
  it('carries decisions JSON as lines, newlines inside them escaped as JSON escapes them', () => {
    const decisionsJson = [JSON.stringify([{ notes: ['two\nlines'] }]), '[]', JSON.stringify([{ tags: ['a'] }])];
    const result: BatchResult = { decisionsJson, snapshot: [] };
    const text = batchResultText(result);
    expect(text.split('\n')).toHaveLength(4);
    expect(batchResultOf(text)).toEqual(result);
  });

  it('reads a result without decisions JSON as plain JSON', () => {
    const result: BatchResult = { decisions: [[]], traces: [] };
    expect(batchResultOf(batchResultText(result))).toEqual(result);
    expect(batchResultOf(batchResultText({ decisionsJson: [] }))).toEqual({ decisionsJson: [] });
  });
});
