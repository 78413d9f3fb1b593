import { describe, expect, it } from 'vitest';
import { field, type DraftOrder } from './draft-order.ts';
import { mapDraftOrder, type MappingContext } from './map-order.ts';
import { serviceLevelFrom } from './service-level.ts';

const ctx: MappingContext = {
  currency: 'GBP',
  rates: { USD: 0.8 },
  skuMap: new Map([['PLATFORM-1', 'CD-BLUE']]),
  hasProduct: (sku) => ['CD-BLUE', 'SHEARS'].includes(sku),
};

function draft(over: Partial<DraftOrder> = {}): DraftOrder {
  return {
    platform: 'shopify',
    externalId: field('id', 1001),
    placedAt: field('created_at', '2026-01-10T11:00:00-05:00'),
    currency: field('currency', 'USD'),
    shipTo: {
      path: 'shipping_address',
      name: field('shipping_address.name', 'Bob Norman'),
      line1: field('shipping_address.address1', 'Chestnut Street 92'),
      city: field('shipping_address.city', 'Louisville'),
      postalCode: field('shipping_address.zip', '40202'),
      country: field('shipping_address.country_code', 'us'),
      lat: '45.4',
      lon: '-75.6',
    },
    shipToPath: 'shipping_address',
    lines: [
      {
        path: 'line_items.0',
        sku: field('line_items.0.sku', 'PLATFORM-1'),
        quantity: field('line_items.0.quantity', 2),
        price: { ...field('line_items.0.price', '10.00'), per: 'unit' },
        discount: field('line_items.0.discount_allocations', '1.00'),
      },
      {
        path: 'line_items.1',
        sku: field('line_items.1.sku', 'SHEARS'),
        quantity: field('line_items.1.quantity', 1),
        price: { ...field('line_items.1.price', '5.55'), per: 'unit' },
      },
    ],
    linesPath: 'line_items',
    serviceLevel: 'standard',
    customer: { id: '7', email: 'bob@example.com' },
    cancelled: false,
    ...over,
  };
}

describe('mapping a platform draft to an order', () => {
  it('maps SKUs (map first, then identity), converts net prices and normalises time and country', () => {
    const { input, source } = mapDraftOrder(draft(), ctx);
    expect(input).toMatchObject({
      externalId: '1001',
      placedAt: '2026-01-10T16:00:00.000Z',
      shipTo: { country: 'US', postalCode: '40202', lat: 45.4, lon: -75.6 },
      lines: [
        { sku: 'CD-BLUE', quantity: 2, unitPrice: 760 },
        { sku: 'SHEARS', quantity: 1, unitPrice: 444 },
      ],
      customer: { id: '7', email: 'bob@example.com' },
    });
    expect(source).toMatchObject({
      currency: 'USD',
      rate: 0.8,
      lines: [
        { platformSku: 'PLATFORM-1', unitPrice: 950 },
        { platformSku: 'SHEARS', unitPrice: 555 },
      ],
    });
  });

  it('names every unmappable value by its path in the platform payload', () => {
    const bad = draft({ shipTo: undefined, currency: field('currency', 'EUR') });
    bad.lines[1] = { ...bad.lines[1]!, sku: field('line_items.1.sku', 'NOPE') };
    expect(() => mapDraftOrder(bad, ctx)).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        details: [
          { path: 'currency', message: expect.stringContaining('currencyRates.EUR') },
          { path: 'shipping_address', message: 'the order has no shipping address' },
          { path: 'line_items.1.sku', message: expect.stringContaining('NOPE') },
        ],
      }),
    );
    expect(() => mapDraftOrder(draft({ lines: [] }), ctx)).toThrow(
      expect.objectContaining({ details: [{ path: 'line_items', message: 'the order has no lines to ship' }] }),
    );
  });

  it('reads service levels from shipping descriptions', () => {
    expect(serviceLevelFrom(['Generic Shipping'])).toBe('standard');
    expect(serviceLevelFrom(['Std US D2D Dom', 'Standard'])).toBe('standard');
    expect(serviceLevelFrom(['NextDay'])).toBe('next_day');
    expect(serviceLevelFrom(['EXPEDITED'])).toBe('express');
    expect(serviceLevelFrom(['FreeEconomy'])).toBe('economy');
  });
});
