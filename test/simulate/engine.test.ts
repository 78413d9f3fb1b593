// The replay engine over the real decision path (policies, macros, routing) with real databases:
// determinism, stock running out and coming back, and which orders a policy change touches.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../server/demo/catalogue.ts';
import { generateOrders } from '../../server/simulate/generator.ts';
import { liveStock } from '../../server/simulate/inputs.ts';
import type { DecisionSummary, Replenishment } from '../../server/simulate/types.ts';
import { replay, simHarness, type SimHarness } from './support.ts';

let h: SimHarness;
let emptyVersion: number;
const sample = (file: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../rules-samples/policies', file), 'utf8'));

beforeAll(async () => {
  h = await simHarness({ demo: true });
  await h.s.policies.saveDraft({ rules: [] }, 'test');
  emptyVersion = (await h.s.policies.publish('test')).version;
  await h.s.policies.rollback(1, 'test'); // the demo policy is live again; the empty one stays a version
});
afterAll(() => h.close());

describe('replay engine', () => {
  it('gives byte-identical results and pages for the same inputs and versions', async () => {
    const run = () =>
      replay(h, {
        baseline: { name: 'baseline', policy: 'published' },
        candidates: [{ name: 'thin-stock', policy: 'published', stockMultiplier: { 'UK-MAN': 0.3 } }],
        orders: generateOrders({ count: 600, seed: 42 }),
      });
    const a = await run();
    const b = await run();
    expect(JSON.stringify(a.result)).toBe(JSON.stringify(b.result));
    expect(JSON.stringify(a.sink.pages)).toBe(JSON.stringify(b.sink.pages));
    expect(a.result.variants[0]?.kpis.orders).toBe(600);
    expect(Object.keys(a.result.variants[0]?.kpis.macroFailures.byMacro ?? {})).toEqual([]);
    expect(a.result.diff[0]?.changed).toBeGreaterThan(0);
  });

  it('backorders later in the replay once stock runs out, and a replenishment fills them', async () => {
    const stock = (await liveStock(h.s.db)).map((l) => ({ ...l, onHand: Math.floor(l.onHand / 8) }));
    const orders = () => generateOrders({ count: 1500, seed: 3, days: 60 });
    const dry = await replay(h, { baseline: { name: 'baseline', policy: emptyVersion }, candidates: [], orders: orders(), stock });
    const timeline = dry.result.variants[0]!.timeline;
    const half = Math.floor(timeline.days.length / 2);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const early = sum(timeline.backorderedUnits.slice(0, 10));
    const late = sum(timeline.backorderedUnits.slice(-10));
    expect(late).toBeGreaterThan(5 * Math.max(early, 1));
    expect(sum(timeline.backorderedUnits.slice(half))).toBeGreaterThan(sum(timeline.backorderedUnits.slice(0, half)));
    const k = dry.result.variants[0]!.kpis;
    expect(k.backordered).toBeGreaterThan(50);
    expect(k.backorderFills.orders).toBe(0);
    expect(Object.values(k.warehouses).some((w) => w.stockOuts > 0)).toBe(true);

    const restock: Replenishment[] = DEMO_PRODUCTS.map((p) => ({
      at: '2026-02-15T06:00:00Z',
      sku: p.sku,
      warehouseId: 'UK-MAN',
      delta: 500,
    }));
    const wet = await replay(h, {
      baseline: { name: 'baseline', policy: emptyVersion },
      candidates: [],
      orders: orders(),
      stock,
      replenishments: restock,
    });
    const fills = wet.result.variants[0]!.kpis.backorderFills;
    expect(fills.orders).toBeGreaterThan(0);
    expect(fills.openOrders).toBeLessThan(k.backorderFills.openOrders);
    expect(fills.waitDays.mean).toBeGreaterThan(0);
    expect(wet.result.variants[0]!.kpis.backordered).toBeLessThan(k.backordered);
  });

  it('finds exactly the orders a policy change affects: Amazon orders under the marketplace SLA', async () => {
    await h.s.policies.saveDraft(sample('06-marketplace-sla.json'), 'test');
    const { result, orders, diffs } = await replay(h, {
      baseline: { name: 'baseline', policy: emptyVersion },
      candidates: [{ name: 'amazon-express', policy: 'draft' }],
      orders: generateOrders({ count: 400, seed: 11 }),
    });
    const bySeq = new Map(orders.map((o) => [o.seq, o]));
    const changed = diffs.map((d) => bySeq.get(d.seq)!);
    expect(changed.length).toBeGreaterThan(20);
    expect(new Set(changed.map((o) => o.channelId))).toEqual(new Set(['amazon']));
    const slowAmazon = orders.filter(
      (o) => o.channelId === 'amazon' && (o.decisions[0] as DecisionSummary).shipments.some((s) => s.service === 'standard'),
    );
    expect(changed.map((o) => o.seq)).toEqual(expect.arrayContaining(slowAmazon.map((o) => o.seq)));
    expect(result.diff[0]).toMatchObject({ candidate: 'amazon-express', changed: diffs.length });
    const rule = result.variants[1]!.rules.find((r) => r.rule === 'amazon-ships-express')!;
    expect(rule.matched).toBe(orders.filter((o) => o.channelId === 'amazon').length);
    expect(rule.action).toBe('set-service-level');
    expect(result.variants[0]!.policy).toMatchObject({ selector: emptyVersion, version: emptyVersion, rules: 0 });
  });
});
