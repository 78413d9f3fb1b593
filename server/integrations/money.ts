// Platform money arrives as decimal strings ("199.00") in the platform's currency; Conveyor keeps
// integer minor units of the deployment currency. Parsing is textual so no float ever rounds a price.

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export type MoneyResult = { ok: true; minor: number } | { ok: false; message: string };

/** Whether this is an ISO 4217 code the runtime knows (and so knows its minor unit). */
export const isCurrency = (code: string): boolean => CURRENCIES.has(code);

/** Digits after the decimal point in this currency: 2 for GBP, 0 for JPY, 3 for KWD. */
export function currencyDigits(code: string): number {
  if (!isCurrency(code)) throw new RangeError(`unknown currency ${code}`);
  return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Parses a platform amount ("199.00", "5980", 12) into minor units of `currency`. Extra decimals
 * must be zeros ("0.0100" is 1 cent): a JPY amount of "25.99" is an error, not 26 yen.
 */
export function toMinorUnits(amount: unknown, currency: string): MoneyResult {
  const text = typeof amount === 'number' && Number.isFinite(amount) ? String(amount) : amount;
  if (typeof text !== 'string') return { ok: false, message: 'an amount is required' };
  const match = /^\s*(-)?(\d{1,15})(?:\.(\d+))?\s*$/.exec(text);
  if (!match) return { ok: false, message: `"${text.slice(0, 40)}" is not a decimal amount` };
  const [, sign, whole = '0', fraction = ''] = match;
  const digits = currencyDigits(currency);
  if (/[^0]/.test(fraction.slice(digits))) {
    return { ok: false, message: `${text} has more decimals than ${currency} has (${digits})` };
  }
  const minor = Number(whole + fraction.slice(0, digits).padEnd(digits, '0'));
  return { ok: true, minor: sign && minor !== 0 ? -minor : minor };
}

/**
 * Converts minor units of one currency to another at `rate` (units of `to` per unit of `from`),
 * rounding half away from zero to the nearest minor unit.
 */
export function convertMinorUnits(minor: number, from: string, to: string, rate: number): number {
  if (from === to) return minor;
  const scaled = minor * rate * 10 ** (currencyDigits(to) - currencyDigits(from));
  return Math.sign(scaled) * Math.round(Math.abs(scaled));
}
