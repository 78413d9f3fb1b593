import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertMinorUnits, currencyDigits, toMinorUnits } from './money.ts';

describe('platform money', () => {
  it('reads decimal strings into minor units without float error', () => {
    expect(toMinorUnits('199.00', 'USD')).toEqual({ ok: true, minor: 19900 });
    expect(toMinorUnits('0.29', 'GBP')).toEqual({ ok: true, minor: 29 });
    expect(toMinorUnits('1.1', 'EUR')).toEqual({ ok: true, minor: 110 });
    expect(toMinorUnits('5980', 'JPY')).toEqual({ ok: true, minor: 5980 });
    expect(toMinorUnits('1.234', 'KWD')).toEqual({ ok: true, minor: 1234 });
    expect(toMinorUnits('0.0100', 'USD')).toEqual({ ok: true, minor: 1 });
    expect(toMinorUnits(12, 'USD')).toEqual({ ok: true, minor: 1200 });
  });

  it('refuses decimals the currency does not have, and text that is not an amount', () => {
    expect(toMinorUnits('25.99', 'JPY')).toMatchObject({ ok: false, message: expect.stringContaining('JPY') });
    expect(toMinorUnits('example string', 'USD')).toMatchObject({ ok: false });
    expect(toMinorUnits('1e3', 'USD')).toMatchObject({ ok: false });
    expect(toMinorUnits(null, 'USD')).toMatchObject({ ok: false, message: 'an amount is required' });
  });

  it('knows each currency’s minor unit', () => {
    expect([currencyDigits('GBP'), currencyDigits('JPY'), currencyDigits('BHD')]).toEqual([2, 0, 3]);
    expect(() => currencyDigits('XYZ')).toThrow(/unknown currency/);
  });

  it('converts between currencies with different minor units, rounding to the nearest unit', () => {
    expect(convertMinorUnits(19900, 'USD', 'GBP', 0.79)).toBe(15721);
    expect(convertMinorUnits(5980, 'JPY', 'GBP', 0.0052)).toBe(3110);
    expect(convertMinorUnits(1234, 'GBP', 'GBP', 2)).toBe(1234);
  });

  it('reads every two-decimal amount exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), (cents) => {
        const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        expect(toMinorUnits(text, 'USD')).toEqual({ ok: true, minor: cents });
      }),
    );
  });
});
