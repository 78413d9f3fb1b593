import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAN, PRODUCTS, shipTo } from '../../test/support/network.ts';
import type { Clock } from '../domain/ports.ts';
import { openDatabase, type Db } from '../store/client.ts';
import { createServices, type Services } from './container.ts';
import { DemandRatesCache, readDemandRates, type LiveLookahead } from './demand-rates.ts';

const NOW = new Date('2026-11-24T12:00:00Z');
const clock: Clock = { now: () => NOW };
let db: Db;
let s: Services;
let seq = 0;

const place = async (placedAt: string, lines: { sku: string; quantity: number }[]) => {
  const input = { externalId: `D-${++seq}`, placedAt, serviceLevel: 'standard' as const, shipTo: shipTo('GB') };
  return (await s.intake.place('web', { ...input, lines: lines.map((l) => ({ ...l, unitPrice: 1000 })) })).order;
};

beforeEach(async () => {
  db = await openDatabase({ url: ':memory:' });
  s = await createServices({ db, log: pino({ level: 'silent' }), clock });
  await s.catalogue.putWarehouse(MAN);
  for (const p of PRODUCTS) await s.catalogue.putProduct(p);
  await s.catalogue.putProduct({
    ...(PRODUCTS[1] as (typeof PRODUCTS)[number]),
    sku: 'BBQ-SET',
    kit: {
      components: [
        { sku: 'TONGS', quantity: 2 },
        { sku: 'CHARCOAL', quantity: 1 },
      ],
    },
  });
  await s.access.createChannel({ id: 'web', name: 'web', kind: 'webshop' }, 'key-web');
  await s.inventory.adjust(
    'stock',
    ['CD', 'TONGS', 'CHARCOAL'].map((sku) => ({ sku, warehouseId: 'MAN', onHand: 100 })),
  );
});
afterEach(async () => {
  await s.dispose();
  await db.close();
});

/** The db, counting its reads. */
const counted = (inner: Db) => {
  const c = { reads: 0, db: inner };
  c.db = {
    ...inner,
    read: (fn) => {
      c.reads++;
      return inner.read(fn);
    },
  };
  return c;
};

describe('readDemandRates', () => {
  it('averages the units allocated per warehouse and SKU over the window: kits as their components, no cancelled or older orders', async () => {
    await place('2026-11-20T09:00:00Z', [{ sku: 'CD', quantity: 3 }]);
    await place('2026-11-23T09:00:00Z', [
      { sku: 'CD', quantity: 4 },
      { sku: 'BBQ-SET', quantity: 1 },
    ]);
    const cancelled = await place('2026-11-23T10:00:00Z', [{ sku: 'CD', quantity: 50 }]);
    await s.lifecycle.cancel(cancelled.id, 'test');
    await place('2026-11-10T09:00:00Z', [{ sku: 'TONGS', quantity: 9 }]); // before the window
    const rates = await db.read((sql) => readDemandRates(sql, NOW, 7));
    expect(rates).toEqual({ MAN: { CD: 1, TONGS: 2 / 7, CHARCOAL: 1 / 7 } });
    expect(await db.read((sql) => readDemandRates(sql, NOW, 2))).toEqual({ MAN: { CD: 2, TONGS: 1, CHARCOAL: 0.5 } });
  });
});

describe('DemandRatesCache', () => {
  it('answers nothing and reads nothing while look-ahead is off', async () => {
    const c = counted(db);
    const cache = new DemandRatesCache(c.db, clock, async () => ({ enabled: false, windowDays: 7 }));
    expect(await cache.current()).toBeUndefined();
    expect(c.reads).toBe(0);
  });

  it('reads once for many orders, serves the old copy while it refreshes in the background, and reads again for another window', async () => {
    await place('2026-11-23T09:00:00Z', [{ sku: 'CD', quantity: 7 }]);
    const c = counted(db);
    let setting: LiveLookahead = { enabled: true, windowDays: 7 };
    const cache = new DemandRatesCache(c.db, clock, async () => setting, { refreshMs: 200 });
    const first = await Promise.all([cache.current(), cache.current(), cache.current()]);
    expect(first).toEqual([{ MAN: { CD: 1 } }, { MAN: { CD: 1 } }, { MAN: { CD: 1 } }]);
    expect(c.reads).toBe(1);
    await place('2026-11-23T10:00:00Z', [{ sku: 'CD', quantity: 7 }]);
    expect(await cache.current()).toEqual({ MAN: { CD: 1 } });
    expect(c.reads).toBe(1);
    await new Promise((r) => setTimeout(r, 250));
    expect(await cache.current()).toEqual({ MAN: { CD: 1 } }); // old, and a refresh starts behind it
    expect(c.reads).toBe(2);
    await vi.waitFor(async () => expect(await cache.current()).toEqual({ MAN: { CD: 2 } }));
    const reads = c.reads;
    setting = { enabled: true, windowDays: 14 };
    expect(await cache.current()).toEqual({ MAN: { CD: 1 } });
    expect(c.reads).toBe(reads + 1);
  });
});
