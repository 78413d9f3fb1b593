import { describe, expect, it } from 'vitest';
import { PRODUCT_MAP, WAREHOUSES } from '../../test/support/network.ts';
import { DEFAULT_DUTY_TABLE, type DutyTable } from './duties.ts';
import { NO_CONSTRAINTS, routeOrder } from './routing.ts';

// Lanes are remembered per warehouse object: the same warehouses routed under another duty table,
// or to another destination, must still be priced under that table and destination.
const route = (country: string, duties: DutyTable) =>
  routeOrder({
    lines: [{ sku: 'TONGS', quantity: 2 }],
    country,
    serviceLevel: 'standard',
    placedAt: '2026-11-24T10:00:00Z',
    products: PRODUCT_MAP,
    warehouses: WAREHOUSES,
    stock: new Map([['BER', new Map([['TONGS', 5]])]]),
    constraints: NO_CONSTRAINTS,
    unitPrices: { TONGS: 20_000 },
    options: { duties },
  });

describe('routing lanes', () => {
  it('prices the same warehouses under each duty table and destination it is given', () => {
    const gb = DEFAULT_DUTY_TABLE.rules.GB;
    if (!gb) throw new Error('the default table has a GB rule');
    const halfVat: DutyTable = { ...DEFAULT_DUTY_TABLE, rules: { ...DEFAULT_DUTY_TABLE.rules, GB: { ...gb, vatRateBp: 1000 } } };
    const vat = (table: DutyTable, country = 'GB') => route(country, table).shipments[0]?.duties?.vat;
    const full = vat(DEFAULT_DUTY_TABLE);
    expect(full).toBeGreaterThan(0);
    expect(vat(halfVat)).toBeLessThan(full ?? 0);
    expect(vat(DEFAULT_DUTY_TABLE)).toBe(full);
    expect(vat(DEFAULT_DUTY_TABLE, 'DE')).toBeUndefined();
    expect(vat(halfVat)).toBe(vat({ ...halfVat }));
  });
});
