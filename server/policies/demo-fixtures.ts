// A copy of the demo's network and a few of its products (server/demo), for tests, samples and
// the benchmark; copied because this module imports from server/domain only.

import type { OrderInput, Product, Warehouse } from '../domain/types.ts';
import type { FactInput } from './facts.ts';

function warehouse(id: string, country: string, capabilities: Warehouse['capabilities']): Warehouse {
  return { id, name: id, country, lat: 0, lon: 0, capabilities, handlingCost: 100, cutoffHour: 16, rates: [] };
}

/** The demo network: Manchester, Berlin, New Jersey. */
export const DEMO_WAREHOUSES: readonly Warehouse[] = [
  warehouse('UK-MAN', 'GB', ['packet', 'parcel', 'pallet', 'liquids', 'hazmat']),
  warehouse('DE-BER', 'DE', ['packet', 'parcel', 'liquids']),
  warehouse('US-NJ', 'US', ['packet', 'parcel', 'pallet', 'hazmat']),
];

export const DEMO_WAREHOUSE_IDS = DEMO_WAREHOUSES.map((w) => w.id);
export const DEMO_MACROS = ['split-liquids', 'pallet-vs-parcel', 'keep-last-units'];

function product(sku: string, p: Partial<Product> & Pick<Product, 'weightKg' | 'shippingClass'>): Product {
  return { sku, name: sku, volumeLitres: 0, liquid: false, hazardous: false, ...p };
}

export const DEMO_PRODUCTS: ReadonlyMap<string, Product> = new Map(
  [
    product('OIL-OLIVE-5L', { weightKg: 4.8, volumeLitres: 5, shippingClass: 'parcel', liquid: true }),
    product('BBQ-GAS-3B', { weightKg: 42, shippingClass: 'pallet' }),
    product('BBQ-KAMADO', { weightKg: 95, shippingClass: 'pallet' }),
    product('CD-BLUE', { weightKg: 0.1, shippingClass: 'packet' }),
    product('LP-DARK-SIDE', { weightKg: 0.3, shippingClass: 'packet' }),
    product('FIRELIGHTERS', { weightKg: 0.5, shippingClass: 'parcel', hazardous: true }),
    product('LIGHTER-FLUID-1L', { weightKg: 0.85, volumeLitres: 1, shippingClass: 'parcel', liquid: true, hazardous: true }),
  ].map((p) => [p.sku, p]),
);

/** Overrides for demoOrder: any order field, plus the channel, the country and the customer's history. */
export interface DemoOrderOptions extends Partial<OrderInput> {
  channelId?: string;
  country?: string;
  postalCode?: string;
  customerOrderCount?: number;
}

/** A fact input for a plausible order; by default one CD to Leeds from the web shop. */
export function demoOrder(options: DemoOrderOptions = {}): FactInput {
  const { channelId = 'webshop', country = 'GB', postalCode = 'LS1 1AA', customerOrderCount = 3, ...order } = options;
  return {
    order: {
      externalId: 'T-1',
      placedAt: '2026-11-24T10:00:00Z',
      serviceLevel: 'standard',
      shipTo: { name: 'A. Buyer', line1: '1 High St', city: 'Leeds', postalCode, country },
      lines: [{ sku: 'CD-BLUE', quantity: 1, unitPrice: 1500 }],
      ...order,
      channelId,
    },
    products: DEMO_PRODUCTS,
    warehouses: DEMO_WAREHOUSES,
    customerOrderCount,
  };
}
