import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../demo/catalogue.ts';
import { generateOrders } from './generator.ts';
import { HistoryOrderSchema } from './history-schema.ts';

const products = new Map(DEMO_PRODUCTS.map((p) => [p.sku, p]));

describe('generateOrders', () => {
  it('yields exactly the count, in placedAt order, the same for the same seed and different for another', () => {
    const a = [...generateOrders({ count: 2000, seed: 9 })];
    expect(a).toHaveLength(2000);
    expect(a.map((o) => o.placedAt)).toEqual(a.map((o) => o.placedAt).sort());
    expect(JSON.stringify([...generateOrders({ count: 2000, seed: 9 })])).toBe(JSON.stringify(a));
    expect(JSON.stringify([...generateOrders({ count: 2000, seed: 10 })])).not.toBe(JSON.stringify(a));
    expect(new Set(a.map((o) => `${o.channelId}/${o.externalId}`)).size).toBe(2000);
  });

  it('yields valid order bodies for the demo catalogue, with every channel, UK, EU and US buyers, liquids and pallet goods', () => {
    const orders = [...generateOrders({ count: 3000, seed: 1 })];
    for (const o of orders.slice(0, 200)) expect(HistoryOrderSchema.safeParse(o).success).toBe(true);
    expect(new Set(orders.map((o) => o.channelId))).toEqual(new Set(['webshop', 'amazon', 'ebay', 'store']));
    const countries = new Set(orders.map((o) => o.shipTo.country));
    for (const c of ['GB', 'DE', 'FR', 'US']) expect(countries).toContain(c);
    const lines = orders.flatMap((o) => o.lines);
    expect(lines.every((l) => products.has(l.sku))).toBe(true);
    expect(lines.some((l) => products.get(l.sku)?.liquid)).toBe(true);
    expect(lines.some((l) => products.get(l.sku)?.shippingClass === 'pallet')).toBe(true);
    expect(orders.filter((o) => o.channelId === 'store').every((o) => o.shipTo.country === 'GB')).toBe(true);
    const sizes = orders.map((o) => o.lines.length);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(4);
    expect(sizes.filter((n) => n === 1).length / sizes.length).toBeGreaterThan(0.4);
  });

  it('follows the seasons: more barbecue in July than in January, the Christmas peak, and evening hours', () => {
    const orders = [...generateOrders({ count: 20_000, seed: 2 })];
    const month = (m: number) => orders.filter((o) => new Date(o.placedAt).getUTCMonth() === m);
    const bbqShare = (os: typeof orders) => os.flatMap((o) => o.lines).filter((l) => l.sku.startsWith('BBQ-')).length / os.length;
    expect(bbqShare(month(6))).toBeGreaterThan(2 * bbqShare(month(0)));
    expect(month(11).length).toBeGreaterThan(1.5 * month(1).length);
    const hour = (h: number) => orders.filter((o) => new Date(o.placedAt).getUTCHours() === h).length;
    expect(hour(20)).toBeGreaterThan(5 * hour(3));
  });
});
