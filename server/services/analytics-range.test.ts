import { describe, expect, it } from 'vitest';
import { daysOf, parseRange, percentiles, rate } from './analytics-range.ts';

const now = new Date('2026-03-10T15:30:00Z');

describe('parseRange', () => {
  it('defaults to the 30 days ending with today, and includes a date-only `to` day', () => {
    expect(parseRange({}, now)).toEqual({ from: '2026-02-09T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z', days: 30 });
    expect(parseRange({ from: '2026-03-01', to: '2026-03-01' }, now)).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
      days: 1,
    });
  });

  it('takes date-times with offsets as instants, `to` exclusive', () => {
    expect(parseRange({ from: '2026-03-01T02:00:00+02:00', to: '2026-03-01T12:00:00Z' }, now)).toMatchObject({
      from: '2026-03-01T00:00:00.000Z',
      days: 0.5,
    });
  });

  it('refuses empty, reversed and overlong ranges with a validation error', () => {
    expect(() => parseRange({ from: '2026-03-02', to: '2026-03-01' }, now)).toThrow(/empty/);
    expect(() => parseRange({ from: '2000-01-01', to: '2026-03-01' }, now)).toThrow(/too long/);
  });
});

describe('daysOf', () => {
  it('lists every UTC day the range touches', () => {
    expect(daysOf(parseRange({ from: '2026-03-01T12:00:00Z', to: '2026-03-03T01:00:00Z' }, now))).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
    ]);
  });
});

describe('percentiles', () => {
  it('uses the nearest rank, so each figure is an observed value', () => {
    expect(percentiles([24, 6, 6, 6])).toEqual({ count: 4, p50: 6, p90: 24 });
    expect(percentiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ count: 10, p50: 5, p90: 9 });
    expect(percentiles([])).toEqual({ count: 0, p50: null, p90: null });
  });

  it('gives null rates when there is nothing to divide by', () => {
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(0, 0)).toBeNull();
  });
});
