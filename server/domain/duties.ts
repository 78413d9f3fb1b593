// Import duties and taxes on a shipment that crosses a customs border, quoted delivered-duty-paid
// so the merchant (not the buyer, on the doorstep) pays them. The table is data: pass your own.
import type { DutyDetail, Money, OrderLine } from './types.ts';

/**
 * What a destination charges on an imported consignment. Thresholds are goods values in minor
 * units of the deployment currency (the default table assumes GBP); rates are basis points.
 */
export interface DutyRule {
  /** Goods value at or below which no customs duty is due. */
  dutyDeMinimis: Money;
  dutyRateBp: number;
  /** Duty rate by origin customs territory, where it differs from `dutyRateBp`. */
  dutyRateBpByOrigin?: Readonly<Record<string, number>> | undefined;
  /** Goods value at or below which no import VAT is due; 0 charges it from the first unit. */
  vatDeMinimis: Money;
  vatRateBp: number;
  /** Shown in the trace so the quote explains itself. */
  label: string;
}

export interface DutyTable {
  /** Country -> customs territory for countries in a customs union; any other is its own. */
  unions: Readonly<Record<string, string>>;
  /** Rules by destination country, then by destination territory. */
  rules: Readonly<Record<string, DutyRule>>;
}

/** The EU-27 (ISO 3166-1 alpha-2): one customs union. The one list; policies and the demo use it too. */
export const EU_MEMBERS: readonly string[] = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
];

/** Standard VAT rates of the member states in basis points, as of January 2026. */
const EU_VAT_BP: Readonly<Record<string, number>> = {
  AT: 2000,
  BE: 2100,
  BG: 2000,
  HR: 2500,
  CY: 1900,
  CZ: 2100,
  DK: 2500,
  EE: 2400,
  FI: 2550,
  FR: 2000,
  DE: 1900,
  GR: 2400,
  HU: 2700,
  IE: 2300,
  IT: 2200,
  LV: 2100,
  LT: 2100,
  LU: 1700,
  MT: 1800,
  NL: 2100,
  PL: 2300,
  PT: 2300,
  RO: 2100,
  SK: 2300,
  SI: 2200,
  ES: 2100,
  SE: 2500,
};

// Assumptions (GBP deployment, rates of January 2026; duty rates really depend on the commodity
// code, so one flat rate per destination stands in for them):
// - GB: no customs duty up to £135 a consignment, 4 % above; 20 % VAT from the first penny
//   (collected at sale up to £135, at import above).
// - EU: customs de-minimis €150 (£130.50 at €1 = £0.87), 4 % above; VAT at the member state's
//   rate from the first euro (IOSS). The flat €3 per item duty the EU agreed for low-value
//   parcels from July 2026 is not in the default table.
// - US: the $800 de-minimis has been suspended for every origin since 29 August 2025, so duty is
//   due from the first dollar: 10 % (the UK baseline tariff), 15 % for EU goods. No federal VAT.
// - CH: industrial tariffs abolished in 2024; 8.1 % VAT, not collected up to about CHF 62 (£57).
// - NO: no duty on most consumer goods; 25 % VAT from the first krone (VOEC).
const EU_RULE: DutyRule = {
  dutyDeMinimis: 13_050,
  dutyRateBp: 400,
  vatDeMinimis: 0,
  vatRateBp: 2100,
  label: 'EU: duty 4% above €150, VAT from the first euro',
};

export const DEFAULT_DUTY_TABLE: DutyTable = {
  unions: { ...Object.fromEntries(EU_MEMBERS.map((c) => [c, 'EU'])), LI: 'CH' },
  rules: {
    GB: {
      dutyDeMinimis: 13_500,
      dutyRateBp: 400,
      vatDeMinimis: 0,
      vatRateBp: 2000,
      label: 'UK: duty 4% above £135, VAT 20% from the first penny',
    },
    EU: EU_RULE,
    ...Object.fromEntries(
      EU_MEMBERS.map((c) => [
        c,
        {
          ...EU_RULE,
          vatRateBp: EU_VAT_BP[c] ?? EU_RULE.vatRateBp,
          label: `EU (${c}): duty 4% above €150, VAT ${(EU_VAT_BP[c] ?? 0) / 100}% from the first euro`,
        },
      ]),
    ),
    US: {
      dutyDeMinimis: 0,
      dutyRateBp: 1000,
      dutyRateBpByOrigin: { EU: 1500 },
      vatDeMinimis: 0,
      vatRateBp: 0,
      label: 'US: no de-minimis since August 2025, duty 10% (EU goods 15%) from the first dollar',
    },
    CH: {
      dutyDeMinimis: 0,
      dutyRateBp: 0,
      vatDeMinimis: 5_700,
      vatRateBp: 810,
      label: 'CH: no duty on industrial goods, VAT 8.1% above about CHF 62',
    },
    NO: { dutyDeMinimis: 0, dutyRateBp: 0, vatDeMinimis: 0, vatRateBp: 2500, label: 'NO: no duty, VAT 25% from the first krone' },
  },
};

/** The customs territory of a country: its union's code, or the country itself. */
export function customsTerritoryOf(country: string, table: DutyTable = DEFAULT_DUTY_TABLE): string {
  const code = country.toUpperCase();
  return table.unions[code] ?? code;
}

/** The rule for goods arriving in `country`, or undefined when the table has none. */
export function dutyRuleFor(country: string, table: DutyTable = DEFAULT_DUTY_TABLE): DutyRule | undefined {
  const code = country.toUpperCase();
  return table.rules[code] ?? table.rules[customsTerritoryOf(code, table)];
}

/** Duty rate in basis points for goods from an origin territory under a rule. */
export const dutyRateFrom = (rule: DutyRule, originTerritory: string): number =>
  rule.dutyRateBpByOrigin?.[originTerritory] ?? rule.dutyRateBp;

/**
 * Duties and VAT on one shipment's goods, or undefined when it stays inside a customs territory.
 * Amounts round down to the minor unit; VAT is charged on the goods value plus the duty
 * (transport to the border is left out of the VAT base: a simplification).
 */
export function quoteDuties(opts: { from: string; to: string; goodsValue: Money; table?: DutyTable | undefined }): DutyDetail | undefined {
  const table = opts.table ?? DEFAULT_DUTY_TABLE;
  const from = customsTerritoryOf(opts.from, table);
  const to = customsTerritoryOf(opts.to, table);
  if (from === to) return undefined;
  return dutiesUnder(dutyRuleFor(opts.to, table), from, to, opts.to, opts.goodsValue);
}

/**
 * quoteDuties past its look-ups: goods crossing from territory `from` into `to` (country
 * `toCountry`) under the destination's rule (undefined: the table has none).
 */
export function dutiesUnder(rule: DutyRule | undefined, from: string, to: string, toCountry: string, value: Money): DutyDetail {
  if (!rule) return { incoterm: 'DDP', from, to, goodsValue: value, duty: 0, vat: 0, rule: `no duty rule for ${toCountry}: none quoted` };
  const duty = value > rule.dutyDeMinimis ? Math.floor((value * dutyRateFrom(rule, from)) / 10_000) : 0;
  const vat = value > rule.vatDeMinimis ? Math.floor(((value + duty) * rule.vatRateBp) / 10_000) : 0;
  return { incoterm: 'DDP', from, to, goodsValue: value, duty, vat, rule: rule.label };
}

/** Unit price per SKU for routing's duty quotes: the quantity-weighted mean over the order's lines. */
export function unitPricesOf(lines: Pick<OrderLine, 'sku' | 'quantity' | 'unitPrice'>[]): Record<string, Money> {
  // No prototype: SKUs are plain own keys ("__proto__" included, nothing inherited), and objects keyed
  // by ever-different SKU sets do not each need a hidden class of their own.
  const prices: Record<string, Money> = Object.create(null);
  const totals = new Map<string, { value: number; units: number }>();
  for (const l of lines) {
    const t = totals.get(l.sku);
    if (t) {
      t.value += l.unitPrice * l.quantity;
      t.units += l.quantity;
    } else totals.set(l.sku, { value: l.unitPrice * l.quantity, units: l.quantity });
  }
  for (const [sku, t] of totals) prices[sku] = t.units > 0 ? Math.round(t.value / t.units) : 0;
  return prices;
}
