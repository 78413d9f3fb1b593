// Sample orders for dry runs and macro inputs: realistic orders over the demo catalogue
// (server/demo/catalogue.ts) and network (UK-MAN, DE-BER, US-NJ), each exercising a rule.
import type { DryRunOrder } from '../../api/types.ts';

export interface SampleOrder {
  id: string;
  title: string;
  /** What the demo policy should do with it. */
  expect: string;
  order: DryRunOrder;
}

const placedAt = '2026-11-24T10:00:00Z';

export const SAMPLE_ORDERS: SampleOrder[] = [
  {
    id: 'uk-oil-and-cd',
    title: 'UK web order: olive oil and a CD',
    expect: 'Ships from Manchester; split-liquids packs each 5 L tin on its own.',
    order: {
      channelId: 'webshop',
      externalId: 'WEB-1001',
      placedAt,
      serviceLevel: 'standard',
      shipTo: { name: 'Ada Lovelace', line1: '12 Deansgate', city: 'Manchester', postalCode: 'M3 2BW', country: 'GB' },
      lines: [
        { sku: 'OIL-OLIVE-5L', quantity: 2, unitPrice: 2499 },
        { sku: 'CD-BLUE', quantity: 1, unitPrice: 899 },
      ],
      customer: { email: 'ada@example.co.uk' },
    },
  },
  {
    id: 'eu-low-value-liquids',
    title: 'Paris, low value with liquids',
    expect: 'Stays in the EU: Berlin ships, Manchester and Newark are excluded.',
    order: {
      channelId: 'webshop',
      externalId: 'WEB-1002',
      placedAt,
      serviceLevel: 'standard',
      shipTo: { name: 'Camille Martin', line1: '8 Rue de Rivoli', city: 'Paris', postalCode: '75004', country: 'FR' },
      lines: [
        { sku: 'OIL-RAPESEED-2L', quantity: 1, unitPrice: 899 },
        { sku: 'SAUCE-BBQ-1L', quantity: 2, unitPrice: 549 },
      ],
      customer: { email: 'camille@example.fr' },
    },
  },
  {
    id: 'pallet-and-parcel',
    title: 'Kamado barbecue with charcoal (pallet + parcels)',
    expect: 'Pallet goods ship from a pallet site; pallet-vs-parcel packs the rest.',
    order: {
      channelId: 'webshop',
      externalId: 'WEB-1003',
      placedAt,
      serviceLevel: 'standard',
      shipTo: { name: 'Tom Barker', line1: '4 Mill Lane', city: 'Leeds', postalCode: 'LS1 4AP', country: 'GB' },
      lines: [
        { sku: 'BBQ-KAMADO', quantity: 1, unitPrice: 119900 },
        { sku: 'CHARCOAL-10KG', quantity: 2, unitPrice: 1999 },
        { sku: 'BBQ-COVER', quantity: 1, unitPrice: 3499 },
      ],
      customer: { email: 'tom@example.co.uk' },
    },
  },
  {
    id: 'amazon-express',
    title: 'Amazon: vinyl and a thermometer',
    expect: 'Amazon orders are upgraded to express; keep-last-units scores warehouses.',
    order: {
      channelId: 'amazon',
      externalId: 'AMZ-203-5512',
      placedAt,
      serviceLevel: 'standard',
      shipTo: { name: 'Priya Shah', line1: '221 Baker Street', city: 'London', postalCode: 'NW1 6XE', country: 'GB' },
      lines: [
        { sku: 'LP-DARK-SIDE', quantity: 1, unitPrice: 2799 },
        { sku: 'THERMO-MEAT', quantity: 1, unitPrice: 1499 },
      ],
      customer: { id: 'A1B2C3' },
    },
  },
  {
    id: 'hazmat-germany',
    title: 'eBay: lighter fluid and firelighters to Berlin',
    expect: 'Hazardous goods with no licensed site in Germany: held.',
    order: {
      channelId: 'ebay',
      externalId: 'EBAY-77-1234',
      placedAt,
      serviceLevel: 'standard',
      shipTo: { name: 'Jonas Weber', line1: 'Torstraße 55', city: 'Berlin', postalCode: '10119', country: 'DE' },
      lines: [
        { sku: 'LIGHTER-FLUID-1L', quantity: 1, unitPrice: 699 },
        { sku: 'FIRELIGHTERS', quantity: 2, unitPrice: 349 },
      ],
    },
  },
  {
    id: 'us-new-jersey',
    title: 'US order: tool battery and gloves',
    expect: 'North America prefers Newark.',
    order: {
      channelId: 'webshop',
      externalId: 'WEB-1004',
      placedAt,
      serviceLevel: 'standard',
      shipTo: { name: 'Grace Hopper', line1: '1 Liberty Plaza', city: 'New York', region: 'NY', postalCode: '10006', country: 'US' },
      lines: [
        { sku: 'BATTERY-LI-18V', quantity: 1, unitPrice: 5999 },
        { sku: 'GLOVES-GARDEN', quantity: 2, unitPrice: 799 },
      ],
      customer: { email: 'grace@example.com' },
    },
  },
  {
    id: 'first-order-over-2000',
    title: 'First order over 2,000: teak furniture',
    expect: 'A first order this large is held for fraud review.',
    order: {
      channelId: 'webshop',
      externalId: 'WEB-1005',
      placedAt,
      serviceLevel: 'standard',
      shipTo: { name: 'R. Newcustomer', line1: '3 Station Road', city: 'Bristol', postalCode: 'BS1 6QF', country: 'GB' },
      lines: [
        { sku: 'TABLE-TEAK-6', quantity: 1, unitPrice: 129900 },
        { sku: 'CHAIR-TEAK-2', quantity: 3, unitPrice: 44900 },
      ],
      customer: { email: 'first.time.buyer@example.com' },
    },
  },
  {
    id: 'scottish-islands',
    title: 'Stornoway (Outer Hebrides): seeds and a hose',
    expect: 'Tagged remote-area.',
    order: {
      channelId: 'store',
      externalId: 'STORE-88',
      placedAt,
      serviceLevel: 'economy',
      shipTo: { name: 'Morag MacLeod', line1: '14 Cromwell Street', city: 'Stornoway', postalCode: 'HS1 2DA', country: 'GB' },
      lines: [
        { sku: 'SEED-TOMATO', quantity: 3, unitPrice: 249 },
        { sku: 'HOSE-30M', quantity: 1, unitPrice: 4499 },
      ],
    },
  },
];

/** The sample with this id, or the first. */
export function sampleById(id: string): SampleOrder {
  return SAMPLE_ORDERS.find((s) => s.id === id) ?? (SAMPLE_ORDERS[0] as SampleOrder);
}
