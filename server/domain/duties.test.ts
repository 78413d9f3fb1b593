import { describe, expect, it } from 'vitest';
import { customsTerritoryOf, DEFAULT_DUTY_TABLE, dutyRuleFor, quoteDuties, unitPricesOf, type DutyTable } from './duties.ts';

describe('customs territories', () => {
  it('puts the 27 EU members in one union and Liechtenstein with Switzerland', () => {
    expect(customsTerritoryOf('DE')).toBe('EU');
    expect(customsTerritoryOf('fr')).toBe('EU');
    expect(customsTerritoryOf('LI')).toBe('CH');
    expect(customsTerritoryOf('GB')).toBe('GB');
    expect(customsTerritoryOf('NO')).toBe('NO');
  });

  it('finds a rule by country first, then by territory', () => {
    expect(dutyRuleFor('DE')?.vatRateBp).toBe(1900);
    expect(dutyRuleFor('HU')?.vatRateBp).toBe(2700);
    expect(dutyRuleFor('BR')).toBeUndefined();
  });
});

describe('quoteDuties', () => {
  it('charges nothing inside a customs union', () => {
    expect(quoteDuties({ from: 'DE', to: 'FR', goodsValue: 50_000 })).toBeUndefined();
    expect(quoteDuties({ from: 'GB', to: 'GB', goodsValue: 50_000 })).toBeUndefined();
  });

  it('charges UK VAT from the first penny and customs duty only above £135', () => {
    expect(quoteDuties({ from: 'DE', to: 'GB', goodsValue: 13_500 })).toMatchObject({
      incoterm: 'DDP',
      from: 'EU',
      to: 'GB',
      duty: 0,
      vat: 2_700,
    });
    // £135.01: 4 % duty (540), then 20 % VAT on goods plus duty.
    expect(quoteDuties({ from: 'DE', to: 'GB', goodsValue: 13_501 })).toMatchObject({ duty: 540, vat: Math.floor((13_501 + 540) * 0.2) });
  });

  it('charges EU VAT at the member state rate from the first euro, duty above €150', () => {
    expect(quoteDuties({ from: 'GB', to: 'NL', goodsValue: 1_000 })).toMatchObject({ from: 'GB', to: 'EU', duty: 0, vat: 210 });
    expect(quoteDuties({ from: 'US', to: 'DE', goodsValue: 20_000 })).toMatchObject({ duty: 800, vat: Math.floor(20_800 * 0.19) });
  });

  it('charges US duty from the first dollar, at the EU rate for EU goods, with no VAT', () => {
    expect(quoteDuties({ from: 'GB', to: 'US', goodsValue: 1_000 })).toMatchObject({ duty: 100, vat: 0 });
    expect(quoteDuties({ from: 'DE', to: 'US', goodsValue: 1_000 })).toMatchObject({ duty: 150, vat: 0 });
  });

  it('leaves Swiss VAT out below its threshold and rounds amounts down', () => {
    expect(quoteDuties({ from: 'DE', to: 'CH', goodsValue: 5_700 })).toMatchObject({ duty: 0, vat: 0 });
    expect(quoteDuties({ from: 'DE', to: 'CH', goodsValue: 5_701 })).toMatchObject({ duty: 0, vat: 461 });
  });

  it('quotes nothing, and says so, for a destination without a rule', () => {
    const q = quoteDuties({ from: 'GB', to: 'BR', goodsValue: 10_000 });
    expect(q).toMatchObject({ duty: 0, vat: 0 });
    expect(q?.rule).toContain('no duty rule for BR');
  });

  it('takes its table as data', () => {
    const table: DutyTable = {
      unions: {},
      rules: { GB: { dutyDeMinimis: 0, dutyRateBp: 1000, vatDeMinimis: 100_000, vatRateBp: 2000, label: 'test' } },
    };
    expect(quoteDuties({ from: 'US', to: 'GB', goodsValue: 1_000, table })).toMatchObject({ duty: 100, vat: 0 });
    expect(DEFAULT_DUTY_TABLE.rules.US?.dutyDeMinimis).toBe(0);
  });
});

describe('unitPricesOf', () => {
  it('averages a SKU over its lines by quantity', () => {
    expect(
      unitPricesOf([
        { sku: 'A', quantity: 1, unitPrice: 1000 },
        { sku: 'A', quantity: 3, unitPrice: 2000 },
        { sku: 'B', quantity: 2, unitPrice: 50 },
      ]),
    ).toEqual({ A: 1750, B: 50 });
  });
});
