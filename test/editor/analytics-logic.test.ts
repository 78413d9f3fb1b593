// The analytics page's pure parts: date ranges and presets, report shapes for the charts, heat
// strength and hours in words.
import { describe, expect, it } from 'vitest';
import type { FulfillmentReport, LandedCostReport, OrdersReport } from '../../editor/src/api/types.ts';
import { costPerOrder, heat, hours, leadTimes, ordersByChannel } from '../../editor/src/features/analytics/report-data.ts';
import { lastDays, presetOf, rangeProblem } from '../../editor/src/features/analytics/range.ts';

const range = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z', days: 2 };

describe('date ranges', () => {
  it('counts the last N days up to and including today, across a month end', () => {
    expect(lastDays(7, '2026-12-03')).toEqual({ from: '2026-11-27', to: '2026-12-03' });
    expect(lastDays(1, '2026-12-03')).toEqual({ from: '2026-12-03', to: '2026-12-03' });
  });

  it('recognises a preset only when it ends today', () => {
    expect(presetOf(lastDays(30, '2026-11-29'), '2026-11-29')).toBe(30);
    expect(presetOf(lastDays(30, '2026-11-28'), '2026-11-29')).toBeNull();
    expect(presetOf({ from: '2026-11-20', to: '2026-11-29' }, '2026-11-29')).toBeNull();
  });

  it('names what the server would refuse', () => {
    expect(rangeProblem({ from: '2026-11-01', to: '2026-11-01' })).toBeNull();
    expect(rangeProblem({ from: '', to: '2026-11-01' })).toBe('enter both dates');
    expect(rangeProblem({ from: '2026-11-02', to: '2026-11-01' })).toContain('must not be after');
    expect(rangeProblem({ from: '2010-01-01', to: '2026-11-01' })).toBe('at most 3,660 days');
  });
});

describe('report shapes', () => {
  it('gives one series per channel over every day, busiest channel first', () => {
    const r: OrdersReport = {
      range,
      total: 3,
      byChannel: [
        { channelId: 'webshop', orders: 2 },
        { channelId: 'amazon', orders: 1 },
      ],
      byStatus: [],
      byDay: [
        { day: '2026-11-01', orders: 2, byChannel: { webshop: 1, amazon: 1 } },
        { day: '2026-11-02', orders: 1, byChannel: { webshop: 1 } },
      ],
    };
    expect(ordersByChannel(r)).toEqual({
      categories: ['2026-11-01', '2026-11-02'],
      series: [
        { label: 'webshop', values: [1, 1] },
        { label: 'amazon', values: [1, 0] },
      ],
    });
  });

  it('leaves days without orders out of cost per order instead of drawing them as free', () => {
    const zero = { shipping: 0, handling: 0, duties: 0, total: 0 };
    const r: LandedCostReport = {
      range,
      orders: 1,
      total: zero,
      perOrder: zero,
      byDay: [
        { day: '2026-11-01', orders: 0, total: zero, perOrder: zero },
        { day: '2026-11-02', orders: 1, total: zero, perOrder: { shipping: 300, handling: 100, duties: 50, total: 450 } },
      ],
    };
    expect(costPerOrder(r).series).toEqual([
      { label: 'Shipping', values: [null, 300] },
      { label: 'Handling', values: [null, 100] },
      { label: 'Duties', values: [null, 50] },
    ]);
  });

  it('puts p50 and p90 of each lead-time leg side by side', () => {
    const pct = (p50: number | null, p90: number | null) => ({ count: 1, p50, p90 });
    const r: FulfillmentReport = {
      range,
      orders: 1,
      splitOrders: 0,
      splitRate: 0,
      leadTimeHours: { orderToShip: pct(6, 24), shipToDeliver: pct(null, null), orderToDeliver: pct(48, 96) },
      onTime: { delivered: 1, onTime: 1, rate: 1 },
    };
    expect(leadTimes(r).series).toEqual([
      { label: 'p50', values: [6, null, 48] },
      { label: 'p90', values: [24, null, 96] },
    ]);
  });

  it('colours a heat-map cell by its share of the largest, keeping slow movers visible', () => {
    expect([heat(0, 10), heat(10, 10), heat(1, 100), heat(5, 10)]).toEqual([0, 1, 0.13, 0.56]);
    expect(heat(3, 0)).toBe(0);
  });

  it('says hours up to two days and days after', () => {
    expect([hours(null), hours(6), hours(2.5), hours(47), hours(72)]).toEqual(['–', '6 h', '2.5 h', '47 h', '3.0 d']);
  });
});
