// The Olist importer on the real data set (skipped when ../shared/data/olist is absent): real
// orders become a Conveyor history, and replayed with stock where the sellers held it, the real
// multi-seller orders split in simulation too.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOlist, type OlistImport } from '../../server/simulate/olist/olist-import.ts';
import type { DecisionSummary } from '../../server/simulate/types.ts';
import { replay, simHarness, type SimHarness } from './support.ts';

const DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'olist');

describe.skipIf(!existsSync(DIR))('Olist importer', () => {
  let h: SimHarness;
  let bySeller: OlistImport;
  beforeAll(async () => {
    h = await simHarness();
    bySeller = importOlist(DIR, { groupBy: 'seller' });
  });
  afterAll(() => h.close());

  const splitOrders = async (imp: OlistImport) => {
    const run = await replay(h, {
      baseline: { name: 'baseline', policy: 'published' },
      candidates: [],
      orders: imp.orders,
      stock: imp.stock,
      network: imp.network,
    });
    const split = new Set(run.orders.filter((o) => (o.decisions[0] as DecisionSummary).shipments.length > 1).map((o) => o.externalId));
    return { run, split };
  };

  it('maps orders, items, buyers and timestamps (Brazilian time to UTC, prices in centavos)', () => {
    expect(bySeller.orders.length).toBe(28_580);
    const first = bySeller.orders.find((o) => o.externalId === '2e7a8482f6fb09756ca50c10d7bfc047')!;
    expect(first).toMatchObject({
      channelId: 'olist',
      placedAt: '2016-09-05T00:15:19.000Z',
      serviceLevel: 'standard',
      shipTo: { country: 'BR', region: 'RR', postalCode: '69309' },
    });
    expect(first.lines).toEqual([
      { sku: 'c1488892604e4ba5cff5b4eb4d595400', quantity: 1, unitPrice: 3999 },
      { sku: 'f293394c72c9b5fafd7023301fc21fc2', quantity: 1, unitPrice: 3290 },
    ]);
    expect(first.shipTo.lat).toBeLessThan(5);
    const times = bySeller.orders.map((o) => o.placedAt);
    expect(times).toEqual([...times].sort());
    expect(bySeller.multiSeller.orders).toHaveLength(343);
    expect(bySeller.multiSeller.crossState).toHaveLength(143);
    expect(bySeller.network.products.get('c1488892604e4ba5cff5b4eb4d595400')?.weightKg).toBeGreaterThan(0);
  });

  it('splits the real multi-seller orders in simulation too when stock sits with each seller', { timeout: 30_000 }, async () => {
    const { run, split } = await splitOrders(bySeller);
    const k = run.result.variants[0]!.kpis;
    expect(k.orders).toBe(28_580);
    expect(k.backordered).toBe(0); // every seller holds what it really sold
    const multiSplit = bySeller.multiSeller.orders.filter((id) => split.has(id)).length;
    expect(multiSplit).toBeGreaterThanOrEqual(320);
    const actual = run.result.history.actual!;
    expect(actual.orders).toBeGreaterThan(26_000);
    expect(actual.deliveryDays.mean).toBeGreaterThan(5);
    expect(Math.abs(k.splitRate - actual.splitRate)).toBeLessThan(0.005);
    expect(k.deliveryDays.orders).toBe(28_580);
  });

  it('with sellers grouped by state, the orders whose sellers sat in different states split', { timeout: 30_000 }, async () => {
    const byState = importOlist(DIR, { groupBy: 'state' });
    expect(byState.network.warehouseIds.every((id) => /^BR-[A-Z]{2}$/.test(id))).toBe(true);
    const { split } = await splitOrders(byState);
    expect(byState.multiSeller.crossState.filter((id) => split.has(id)).length).toBeGreaterThanOrEqual(125);
    const sameState = byState.multiSeller.orders.filter((id) => !byState.multiSeller.crossState.includes(id));
    // Stock moves as earlier orders take it, so a rare same-state order may split; almost none do.
    expect(sameState.filter((id) => split.has(id)).length).toBeLessThanOrEqual(3);
  });
});
