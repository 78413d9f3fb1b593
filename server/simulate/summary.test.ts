import { describe, expect, it } from 'vitest';
import { DaysHistogram } from './histogram.ts';
import { StockState } from './stock-state.ts';
import { compareDecisions, daysBetween } from './summary.ts';
import type { DecisionSummary } from './types.ts';

const decision = (over: Partial<DecisionSummary> = {}): DecisionSummary => ({
  status: 'routed',
  serviceLevel: 'standard',
  policyVersion: 1,
  holds: [],
  tags: [],
  rules: [],
  macros: {},
  notes: [],
  cost: 600,
  deliveryDays: 2,
  items: [],
  shipments: [
    {
      warehouseId: 'UK-MAN',
      lines: [{ sku: 'A', quantity: 1 }],
      packages: 1,
      carrier: 'dpd',
      service: 'standard',
      crossBorder: false,
      cost: { shipping: 500, handling: 100, duties: 0, total: 600 },
      eta: '2026-01-04',
    },
  ],
  ...over,
});

describe('compareDecisions', () => {
  it('finds nothing between equal decisions, whatever the order of lines and shipments', () => {
    expect(compareDecisions(decision(), structuredClone(decision()))).toEqual([]);
  });

  it('names each kind of change', () => {
    const moved = decision({ shipments: [{ ...decision().shipments[0]!, warehouseId: 'DE-BER', crossBorder: true }] });
    expect(compareDecisions(decision(), moved)).toEqual(['warehouses']);
    const held = decision({ status: 'on_hold', shipments: [], holds: [{ reason: 'fraud-review' }], cost: 0, deliveryDays: null });
    expect(compareDecisions(decision(), held)).toEqual(['status', 'warehouses', 'packages', 'holds', 'cost', 'service', 'delivery']);
    const express = decision({
      cost: 900,
      shipments: [{ ...decision().shipments[0]!, service: 'express', cost: { shipping: 800, handling: 100, duties: 0, total: 900 } }],
    });
    expect(compareDecisions(decision(), express)).toEqual(['cost', 'service']);
  });
});

describe('days, histograms and stock', () => {
  it('counts whole calendar days from the order date', () => {
    expect(daysBetween('2026-01-01T23:59:00Z', '2026-01-02')).toBe(1);
    expect(daysBetween('2026-01-01T00:00:00+02:00', '2026-01-01')).toBe(1);
  });

  it('takes the nearest-rank p95', () => {
    const h = new DaysHistogram();
    for (let d = 1; d <= 20; d++) h.add(d);
    expect(h.percentile(0.95)).toBe(19);
    expect(h.summary()).toMatchObject({ orders: 20, mean: 10.5, p95: 19 });
    expect(new DaysHistogram().summary()).toEqual({ orders: 0, mean: 0, p95: 0, histogram: {} });
  });

  it('scales opening stock and replenishments per warehouse, rounding down, and reports what ran out', () => {
    const s = new StockState(
      [
        { sku: 'A', warehouseId: 'W1', onHand: 7 },
        { sku: 'A', warehouseId: 'W2', onHand: 7 },
      ],
      { W1: 0.5 },
    );
    expect([s.available('W1', 'A'), s.available('W2', 'A')]).toEqual([3, 7]);
    expect(s.reserve('W1', [{ sku: 'A', quantity: 3 }])).toEqual(['A']);
    expect(s.hasAny(['A'])).toBe(true);
    s.replenish({ at: '2026-01-01T00:00:00Z', sku: 'A', warehouseId: 'W1', delta: 5 });
    s.replenish({ at: '2026-01-01T00:00:00Z', sku: 'A', warehouseId: 'W2', delta: -10 });
    expect([s.available('W1', 'A'), s.available('W2', 'A')]).toEqual([2, 0]);
  });
});
