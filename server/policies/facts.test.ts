import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS, DEMO_WAREHOUSES, demoOrder } from './demo-fixtures.ts';
import { computeFacts, FACT_CATALOGUE } from './facts.ts';
import { customsUnionOf, regionOf } from './regions.ts';

describe('computeFacts', () => {
  it('documents every fact it computes, and nothing more', () => {
    const facts = computeFacts(demoOrder());
    expect(Object.keys(facts).sort()).toEqual(FACT_CATALOGUE.map((f) => f.name).sort());
  });

  it('gives every fact the type the catalogue says', () => {
    const facts = computeFacts(demoOrder()) as Record<string, unknown>;
    for (const def of FACT_CATALOGUE) {
      const value = facts[def.name];
      if (def.type === 'string[]') expect(Array.isArray(value), def.name).toBe(true);
      else expect(typeof value, def.name).toBe(def.type);
      expect(def.type === 'string[]' ? Array.isArray(def.example) : typeof def.example === def.type, `${def.name} example`).toBe(true);
    }
  });

  it('sums value, units, weight and volume over the lines', () => {
    const facts = computeFacts(
      demoOrder({
        lines: [
          { sku: 'OIL-OLIVE-5L', quantity: 2, unitPrice: 1299 },
          { sku: 'CD-BLUE', quantity: 3, unitPrice: 500 },
          { sku: 'OIL-OLIVE-5L', quantity: 1, unitPrice: 1299 },
        ],
      }),
    );
    expect(facts).toMatchObject({
      orderValue: 3 * 1299 + 1500,
      lineCount: 3,
      unitCount: 6,
      totalWeightKg: 14.7,
      totalLitres: 15,
      liquidLitres: 15,
      hasLiquids: true,
      hasHazardous: false,
      shippingClasses: ['packet', 'parcel'],
      skus: ['OIL-OLIVE-5L', 'CD-BLUE'],
    });
  });

  it('rounds weights so float sums do not drift', () => {
    const facts = computeFacts(
      demoOrder({
        lines: [
          { sku: 'CD-BLUE', quantity: 3, unitPrice: 1 },
          { sku: 'FIRELIGHTERS', quantity: 1, unitPrice: 1 },
        ],
      }),
    );
    expect(facts.totalWeightKg).toBe(0.8);
    expect(facts.hasHazardous).toBe(true);
  });

  it('lists shipping classes in catalogue order whatever the line order', () => {
    const facts = computeFacts(
      demoOrder({
        lines: [
          { sku: 'BBQ-GAS-3B', quantity: 1, unitPrice: 1 },
          { sku: 'CD-BLUE', quantity: 1, unitPrice: 1 },
        ],
      }),
    );
    expect(facts.shippingClasses).toEqual(['packet', 'pallet']);
  });

  it('counts unknown SKUs towards value and skus but not weight', () => {
    const facts = computeFacts(demoOrder({ lines: [{ sku: 'NOPE', quantity: 2, unitPrice: 100 }] }));
    expect(facts).toMatchObject({ orderValue: 200, unitCount: 2, skus: ['NOPE'], totalWeightKg: 0, shippingClasses: [] });
  });

  it('finds domestic and same-customs-union warehouses for an EU destination', () => {
    const facts = computeFacts(demoOrder({ country: 'fr' }));
    expect(facts).toMatchObject({
      destinationCountry: 'FR',
      destinationRegion: 'EU',
      domesticWarehouses: [],
      sameCustomsUnionWarehouses: ['DE-BER'],
      hasDomesticWarehouse: false,
      hasSameCustomsUnionWarehouse: true,
    });
  });

  it('treats Great Britain as its own customs union', () => {
    const facts = computeFacts(demoOrder({ country: 'GB' }));
    expect(facts.domesticWarehouses).toEqual(['UK-MAN']);
    expect(facts.sameCustomsUnionWarehouses).toEqual(['UK-MAN']);
  });

  it('takes hour and weekday in UTC, Sunday as 0', () => {
    const facts = computeFacts(demoOrder({ placedAt: '2026-11-29T23:30:00+01:00' }));
    expect(facts.placedAtHour).toBe(22);
    expect(facts.placedAtWeekday).toBe(0);
  });

  it('marks a customer with no earlier orders as a first-time buyer', () => {
    expect(computeFacts(demoOrder({ customerOrderCount: 0 })).isFirstOrder).toBe(true);
    expect(computeFacts(demoOrder({ customerOrderCount: 1 })).isFirstOrder).toBe(false);
  });

  it('normalises the postal code and keeps the channel and service level', () => {
    const facts = computeFacts(demoOrder({ postalCode: ' iv2 3ab ', channelId: 'amazon', serviceLevel: 'express' }));
    expect(facts).toMatchObject({ destinationPostalCode: 'IV2 3AB', channel: 'amazon', serviceLevel: 'express' });
  });

  it('rejects an unparseable placedAt', () => {
    expect(() => computeFacts(demoOrder({ placedAt: 'yesterday' }))).toThrow(RangeError);
  });

  it('does not depend on anything but its input', () => {
    const input = demoOrder({ lines: [{ sku: 'OIL-OLIVE-5L', quantity: 1, unitPrice: 1 }] });
    expect(computeFacts(input)).toEqual(computeFacts({ ...input, products: new Map(DEMO_PRODUCTS), warehouses: [...DEMO_WAREHOUSES] }));
  });
});

describe('regions', () => {
  it('maps the regions of the table and everything else to OTHER', () => {
    expect(['DE', 'GB', 'NO', 'US', 'NZ', 'JP'].map(regionOf)).toEqual(['EU', 'UK', 'EFTA', 'NA', 'ANZ', 'OTHER']);
  });

  it('puts the EU 27 in one customs union and Liechtenstein with Switzerland', () => {
    expect(customsUnionOf('IE')).toBe('EU');
    expect(customsUnionOf('LI')).toBe(customsUnionOf('CH'));
    expect(customsUnionOf('GB')).toBe('GB');
    expect(customsUnionOf('NO')).toBe('NO');
  });
});
