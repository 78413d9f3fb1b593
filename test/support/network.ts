// A small, hand-checkable network for routing tests: Manchester (GB), Berlin (DE), Newark (US).
import type { Product, Rate, Warehouse } from '../../server/domain/types.ts';

const rate = (
  shippingClass: Rate['shippingClass'],
  to: string[],
  baseCost: number,
  perKg: number,
  transitDays: number,
  service: Rate['service'] = 'standard',
): Rate => ({
  carrier: `${shippingClass}-co`,
  service,
  shippingClass,
  to,
  baseCost,
  perKg,
  transitDays,
});

export const MAN: Warehouse = {
  id: 'MAN',
  name: 'Manchester',
  country: 'GB',
  lat: 53.48,
  lon: -2.24,
  capabilities: ['packet', 'parcel', 'pallet', 'liquids'],
  handlingCost: 100,
  cutoffHour: 16,
  rates: [
    rate('packet', ['GB'], 150, 0, 2),
    rate('parcel', ['GB'], 400, 20, 2),
    rate('pallet', ['GB'], 4000, 0, 3),
    rate('parcel', ['DE', 'FR'], 1200, 80, 4),
    rate('parcel', ['GB'], 900, 30, 1, 'express'),
  ],
};
export const BER: Warehouse = {
  id: 'BER',
  name: 'Berlin',
  country: 'DE',
  lat: 52.52,
  lon: 13.4,
  capabilities: ['packet', 'parcel', 'liquids'],
  handlingCost: 100,
  cutoffHour: 15,
  rates: [rate('packet', ['DE'], 160, 0, 2), rate('parcel', ['DE', 'FR'], 450, 20, 2), rate('parcel', ['GB'], 1300, 90, 5)],
};
export const NJ: Warehouse = {
  id: 'NJ',
  name: 'Newark',
  country: 'US',
  lat: 40.73,
  lon: -74.17,
  capabilities: ['packet', 'parcel', 'pallet', 'hazmat'],
  handlingCost: 150,
  cutoffHour: 18,
  rates: [rate('parcel', ['US'], 700, 40, 3), rate('parcel', ['*'], 4000, 300, 6)],
};
export const WAREHOUSES = [MAN, BER, NJ];

const product = (sku: string, weightKg: number, shippingClass: Product['shippingClass'], extra: Partial<Product> = {}): Product => ({
  sku,
  name: sku,
  weightKg,
  volumeLitres: 0,
  shippingClass,
  liquid: false,
  hazardous: false,
  ...extra,
});

export const PRODUCTS: Product[] = [
  product('CD', 0.1, 'packet'),
  product('TONGS', 0.4, 'parcel'),
  product('CHARCOAL', 5, 'parcel'),
  product('BBQ', 40, 'pallet'),
  product('OIL-5L', 4.8, 'parcel', { liquid: true, volumeLitres: 5 }),
  product('OIL-2L', 1.9, 'parcel', { liquid: true, volumeLitres: 2 }),
  product('OIL-4L', 3.7, 'parcel', { liquid: true, volumeLitres: 4 }),
  product('BATTERY', 0.7, 'parcel', { hazardous: true }),
];
export const PRODUCT_MAP: ReadonlyMap<string, Product> = new Map(PRODUCTS.map((p) => [p.sku, p]));

export const shipTo = (country: string) => ({ name: 'A. Buyer', line1: '1 High St', city: 'Town', postalCode: 'X1 1XX', country });
