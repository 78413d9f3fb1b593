import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRODUCTS } from '../../test/support/network.ts';
import { PACKAGE_WEIGHT_LIMIT_KG, packByClass } from './packing.ts';

describe('packByClass', () => {
  it('puts packet items into a parcel that is going anyway', () => {
    const cd = PRODUCTS.find((p) => p.sku === 'CD')!;
    const tongs = PRODUCTS.find((p) => p.sku === 'TONGS')!;
    const packages = packByClass([
      { sku: 'CD', quantity: 2, product: cd },
      { sku: 'TONGS', quantity: 1, product: tongs },
    ]);
    expect(packages).toHaveLength(1);
    expect(packages[0]?.shippingClass).toBe('parcel');
  });

  it('opens a new parcel when the weight limit is reached', () => {
    const charcoal = PRODUCTS.find((p) => p.sku === 'CHARCOAL')!;
    const packages = packByClass([{ sku: 'CHARCOAL', quantity: 7, product: charcoal }]);
    expect(packages.map((p) => p.weightKg)).toEqual([30, 5]);
  });

  it('packs every unit exactly once and keeps within weight limits (property)', () => {
    const line = fc.record({ product: fc.constantFrom(...PRODUCTS), quantity: fc.integer({ min: 1, max: 12 }) });
    fc.assert(
      fc.property(fc.uniqueArray(line, { selector: (l) => l.product.sku, maxLength: 6 }), (lines) => {
        const packable = lines.map((l) => ({ sku: l.product.sku, quantity: l.quantity, product: l.product }));
        const packages = packByClass(packable);
        for (const l of packable) {
          const packed = packages
            .flatMap((p) => p.lines)
            .filter((x) => x.sku === l.sku)
            .reduce((n, x) => n + x.quantity, 0);
          expect(packed).toBe(l.quantity);
        }
        for (const p of packages) {
          const single = p.lines.length === 1 && p.lines[0]?.quantity === 1;
          if (!single) expect(p.weightKg).toBeLessThanOrEqual(PACKAGE_WEIGHT_LIMIT_KG[p.shippingClass] + 1e-9);
        }
      }),
    );
  });
});
