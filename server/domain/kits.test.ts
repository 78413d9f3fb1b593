import { describe, expect, it } from 'vitest';
import { expandKits, kitAvailability, reservationsFor, stockSkusFor } from './kits.ts';
import type { Product } from './types.ts';

const product = (sku: string, extra: Partial<Product> = {}): Product => ({
  sku,
  name: sku,
  weightKg: 1,
  volumeLitres: 0,
  shippingClass: 'parcel',
  liquid: false,
  hazardous: false,
  ...extra,
});
const BIKE = product('BIKE', {
  weightKg: 15,
  kit: {
    components: [
      { sku: 'FRAME', quantity: 1 },
      { sku: 'WHEEL', quantity: 2 },
    ],
  },
});
const PRODUCTS = new Map([BIKE, product('FRAME'), product('WHEEL'), product('BELL')].map((p) => [p.sku, p]));

describe('expandKits', () => {
  it('keeps a kit as one item that consumes its components', () => {
    const items = expandKits(
      [
        { sku: 'BIKE', quantity: 2 },
        { sku: 'BELL', quantity: 1 },
      ],
      PRODUCTS,
      { unitPrices: { BIKE: 50_000 } },
    );
    expect(items.map((i) => [i.sku, i.quantity, i.uses, i.unitValue])).toEqual([
      [
        'BIKE',
        2,
        [
          { sku: 'FRAME', quantity: 1 },
          { sku: 'WHEEL', quantity: 2 },
        ],
        50_000,
      ],
      ['BELL', 1, [{ sku: 'BELL', quantity: 1 }], 0],
    ]);
  });

  it('turns a kit into its components when it may ship unbuilt, sharing its price', () => {
    const items = expandKits([{ sku: 'BIKE', quantity: 2 }], PRODUCTS, { allowKitSplit: true, unitPrices: { BIKE: 30_000 } });
    expect(items.map((i) => [i.sku, i.quantity, i.unitValue, i.kitSku])).toEqual([
      ['FRAME', 2, 10_000, 'BIKE'],
      ['WHEEL', 4, 10_000, 'BIKE'],
    ]);
  });

  it('merges a component with the same SKU ordered on its own line when their values agree', () => {
    const items = expandKits(
      [
        { sku: 'WHEEL', quantity: 1 },
        { sku: 'BIKE', quantity: 1 },
      ],
      PRODUCTS,
      { allowKitSplit: true, unitPrices: { WHEEL: 3_000, BIKE: 9_000 } },
    );
    expect(items.map((i) => [i.sku, i.quantity])).toEqual([
      ['WHEEL', 3],
      ['FRAME', 1],
    ]);
  });
});

describe('kit stock', () => {
  it('can build as many kits as the scarcest component allows', () => {
    expect(
      kitAvailability(
        BIKE,
        new Map([
          ['FRAME', 5],
          ['WHEEL', 7],
        ]),
      ),
    ).toBe(3);
    expect(kitAvailability(BIKE, new Map([['FRAME', 5]]))).toBe(0);
    expect(kitAvailability(product('BELL'), new Map([['BELL', 4]]))).toBe(4);
  });

  it('reserves the components of built kits and other SKUs as they are', () => {
    expect(
      reservationsFor(
        [
          { sku: 'BIKE', quantity: 2 },
          { sku: 'WHEEL', quantity: 1 },
        ],
        PRODUCTS,
      ),
    ).toEqual([
      { sku: 'FRAME', quantity: 2 },
      { sku: 'WHEEL', quantity: 5 },
    ]);
  });

  it('names every SKU whose stock routing needs', () => {
    expect(stockSkusFor(['BIKE', 'BELL'], PRODUCTS)).toEqual(['BIKE', 'FRAME', 'WHEEL', 'BELL']);
  });
});
