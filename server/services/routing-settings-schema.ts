// The routing settings a business may change at run time, as zod schemas: the full settings, and
// the change a PUT sends (any subset; maps merge by key, null removes a duty union or rule).
import { z } from 'zod';
import { DEFAULT_ROUTING_OPTIONS } from '../domain/routing-options.ts';

const Money = z.number().int('must be whole minor units').min(0, 'must not be negative').max(100_000_000);
const BasisPoints = z.number().int().min(0, 'must not be negative').max(10_000, 'must be at most 10000 (100 %)');
const Days = z.number().int().min(0).max(365);
const Country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals, such as GB');
const Territory = z.string().regex(/^[A-Z]{2,8}$/, 'must be a country or customs territory code in capitals, such as DE or EU');
const MAX_ENTRIES = 500;
const COUNTRY_KEY = 'keys must be ISO 3166-1 alpha-2 codes in capitals, such as GB';
const TERRITORY_KEY = 'keys must be country or customs territory codes in capitals, such as DE or EU';

/** A map with checked keys (a bad key is named in the error) and at most MAX_ENTRIES entries. */
const mapOf = <V extends z.ZodType>(key: z.ZodString, keyMessage: string, value: V) =>
  z
    .record(key, value, { error: (issue) => (issue.code === 'invalid_key' ? keyMessage : undefined) })
    .refine((r) => Object.keys(r).length <= MAX_ENTRIES, `at most ${MAX_ENTRIES} entries`);

const byLevel = <T extends z.ZodType>(value: T) => z.object({ economy: value, standard: value, express: value, next_day: value }).strict();

export const DutyRuleSchema = z
  .object({
    dutyDeMinimis: Money.describe('Goods value (minor units) at or below which no customs duty is due'),
    dutyRateBp: BasisPoints.describe('Customs duty in basis points (400 = 4 %)'),
    dutyRateBpByOrigin: mapOf(Territory, TERRITORY_KEY, BasisPoints)
      .optional()
      .describe('Duty rate by origin customs territory, where it differs'),
    vatDeMinimis: Money.describe('Goods value at or below which no import VAT is due; 0 charges it from the first unit'),
    vatRateBp: BasisPoints.describe('Import VAT in basis points (2000 = 20 %)'),
    label: z.string().min(1).max(200).describe('Shown in the routing trace'),
  })
  .strict();

const Lookahead = z
  .object({
    enabled: z.boolean().describe('Live look-ahead: intake, dry-runs and backorder brokering route with recent demand rates (default off)'),
    windowDays: z
      .number()
      .int('must be whole days')
      .min(1)
      .max(90)
      .describe('Days of past allocations the live demand rates average over (units per day per warehouse and SKU)'),
    horizonDays: z.number().min(0).max(90).describe('Days of local demand a warehouse keeps back'),
    costPerUnitShort: Money.describe('Cost of each unit an order takes out of that reserve'),
  })
  .strict();

export const RoutingSettingsSchema = z
  .object({
    splitPenalty: Money.describe('Cost of each shipment beyond the first (customer experience), minor units'),
    promisedDays: byLevel(Days).describe('Calendar days from the order date each service level promises'),
    costPerDayLate: byLevel(Money).describe('Cost of each day a shipment arrives past the promise, per service level'),
    duties: z
      .object({
        unions: mapOf(Country, COUNTRY_KEY, Territory).describe('Country -> customs territory, for countries in a customs union'),
        rules: mapOf(Territory, TERRITORY_KEY, DutyRuleSchema).describe('Duty rule by destination country, then territory'),
      })
      .strict(),
    lookahead: Lookahead.describe(
      'Stock look-ahead: a warehouse keeps the units its recent demand says it needs; live when `enabled`, in simulations with lookaheadDays',
    ),
  })
  .strict();
export type RoutingSettings = z.infer<typeof RoutingSettingsSchema>;

export const RoutingSettingsChange = z
  .object({
    splitPenalty: RoutingSettingsSchema.shape.splitPenalty.optional(),
    promisedDays: byLevel(Days).partial().optional(),
    costPerDayLate: byLevel(Money).partial().optional(),
    duties: z
      .object({
        unions: mapOf(Country, COUNTRY_KEY, Territory.nullable()).optional(),
        rules: mapOf(Territory, TERRITORY_KEY, DutyRuleSchema.nullable()).optional(),
      })
      .strict()
      .optional(),
    lookahead: Lookahead.partial().optional(),
  })
  .strict()
  .describe(
    'Any subset of the settings. Fields left out keep their values; per-service-level maps, `lookahead` and the duty table merge by key (a rule is replaced whole); `null` removes a union membership or a duty rule.',
  );
export type RoutingSettingsChange = z.infer<typeof RoutingSettingsChange>;

/** The built-in settings (routing's defaults). */
export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = {
  splitPenalty: DEFAULT_ROUTING_OPTIONS.splitPenalty,
  promisedDays: { ...DEFAULT_ROUTING_OPTIONS.promisedDays },
  costPerDayLate: { ...DEFAULT_ROUTING_OPTIONS.costPerDayLate },
  duties: {
    unions: { ...DEFAULT_ROUTING_OPTIONS.duties.unions },
    rules: { ...DEFAULT_ROUTING_OPTIONS.duties.rules } as RoutingSettings['duties']['rules'],
  },
  lookahead: { enabled: false, windowDays: 7, ...DEFAULT_ROUTING_OPTIONS.lookahead },
};

/** Two changes as one: the later wins field by field and key by key; nulls are kept (they remove defaults). */
export function mergeChanges(a: RoutingSettingsChange, b: RoutingSettingsChange): RoutingSettingsChange {
  const out: RoutingSettingsChange = { ...a, ...b };
  if (a.promisedDays || b.promisedDays) out.promisedDays = { ...a.promisedDays, ...b.promisedDays };
  if (a.costPerDayLate || b.costPerDayLate) out.costPerDayLate = { ...a.costPerDayLate, ...b.costPerDayLate };
  if (a.lookahead || b.lookahead) out.lookahead = { ...a.lookahead, ...b.lookahead };
  if (a.duties || b.duties) {
    const unions = { ...a.duties?.unions, ...b.duties?.unions };
    const rules = { ...a.duties?.rules, ...b.duties?.rules };
    out.duties = { ...(Object.keys(unions).length > 0 ? { unions } : {}), ...(Object.keys(rules).length > 0 ? { rules } : {}) };
  }
  return out;
}

/** The settings with overrides applied over a base (the defaults). */
export function applyChanges(base: RoutingSettings, o: RoutingSettingsChange): RoutingSettings {
  return {
    splitPenalty: o.splitPenalty ?? base.splitPenalty,
    promisedDays: { ...base.promisedDays, ...defined(o.promisedDays) },
    costPerDayLate: { ...base.costPerDayLate, ...defined(o.costPerDayLate) },
    duties: {
      unions: defined({ ...base.duties.unions, ...o.duties?.unions }),
      rules: defined({ ...base.duties.rules, ...o.duties?.rules }),
    },
    lookahead: { ...base.lookahead, ...defined(o.lookahead) },
  };
}

/** A map without its null and undefined values. */
function defined<V>(map: Readonly<Record<string, V | null | undefined>> | undefined): Record<string, V> {
  return Object.fromEntries(Object.entries(map ?? {}).filter((e): e is [string, V] => e[1] !== null && e[1] !== undefined));
}
