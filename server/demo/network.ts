// The demo's fulfillment network: Manchester, Berlin and New Jersey with rate cards shaped like
// real ones (domestic cheap and fast, cross-border dearer and slower, pallets by freight).
import { EU_MEMBERS } from '../domain/duties.ts';
import type { Rate, Warehouse } from '../domain/types.ts';

const EU = [...EU_MEMBERS];
const EU_NOT_DE = EU.filter((c) => c !== 'DE');

const rate = (
  carrier: string,
  service: Rate['service'],
  shippingClass: Rate['shippingClass'],
  to: string[],
  baseCost: number,
  perKg: number,
  transitDays: number,
): Rate => ({
  carrier,
  service,
  shippingClass,
  to,
  baseCost,
  perKg,
  transitDays,
});

export const DEMO_WAREHOUSES: Warehouse[] = [
  {
    id: 'UK-MAN',
    name: 'Manchester',
    country: 'GB',
    lat: 53.48,
    lon: -2.24,
    capabilities: ['packet', 'parcel', 'pallet', 'liquids', 'hazmat'],
    handlingCost: 120,
    cutoffHour: 16,
    rates: [
      rate('royal-mail', 'standard', 'packet', ['GB'], 155, 30, 2),
      rate('royal-mail', 'express', 'packet', ['GB'], 295, 30, 1),
      rate('dpd', 'standard', 'parcel', ['GB'], 420, 25, 2),
      rate('dpd', 'next_day', 'parcel', ['GB'], 690, 30, 1),
      rate('palletways', 'standard', 'pallet', ['GB'], 4500, 8, 3),
      rate('royal-mail-intl', 'standard', 'packet', [...EU, 'NO', 'CH'], 420, 90, 5),
      rate('dpd-intl', 'standard', 'parcel', [...EU, 'NO', 'CH'], 1150, 95, 4),
      rate('dhl-express', 'express', 'parcel', ['*'], 2600, 240, 2),
      rate('royal-mail-intl', 'economy', 'packet', ['*'], 650, 180, 9),
    ],
  },
  {
    id: 'DE-BER',
    name: 'Berlin',
    country: 'DE',
    lat: 52.52,
    lon: 13.4,
    capabilities: ['packet', 'parcel', 'liquids'],
    handlingCost: 140,
    cutoffHour: 15,
    rates: [
      rate('deutsche-post', 'standard', 'packet', ['DE'], 160, 20, 2),
      rate('dhl', 'standard', 'parcel', ['DE'], 450, 22, 2),
      rate('dhl', 'express', 'parcel', ['DE'], 850, 30, 1),
      rate('dhl-intl', 'standard', 'packet', EU_NOT_DE, 380, 60, 4),
      rate('dhl-intl', 'standard', 'parcel', EU_NOT_DE, 890, 60, 3),
      rate('dhl-express', 'express', 'parcel', EU_NOT_DE, 1700, 120, 2),
      rate('dhl-intl', 'standard', 'parcel', ['GB', 'NO', 'CH'], 1390, 110, 5),
      rate('dhl-express', 'express', 'parcel', ['*'], 2900, 260, 3),
    ],
  },
  {
    id: 'US-NJ',
    name: 'Newark',
    country: 'US',
    lat: 40.73,
    lon: -74.17,
    capabilities: ['packet', 'parcel', 'pallet', 'hazmat'],
    handlingCost: 160,
    cutoffHour: 18,
    rates: [
      rate('usps', 'standard', 'packet', ['US'], 320, 40, 3),
      rate('ups', 'standard', 'parcel', ['US'], 690, 45, 3),
      rate('ups', 'express', 'parcel', ['US'], 1450, 80, 1),
      rate('xpo-freight', 'standard', 'pallet', ['US'], 9500, 10, 4),
      rate('ups', 'standard', 'parcel', ['CA', 'MX'], 1900, 120, 6),
      rate('ups-worldwide', 'express', 'parcel', ['*'], 4200, 350, 4),
      rate('usps-intl', 'economy', 'packet', ['*'], 1100, 250, 12),
    ],
  },
];
