// The documented fact catalogue: names, types and domains. The validator, the analyser, the
// editor's JSON Schema and the README all read this one list.

import { SERVICE_LEVELS, SHIPPING_CLASSES } from '../domain/types.ts';
import type { OrderFacts } from './facts.ts';
import { REGIONS } from './regions.ts';

export type FactName = keyof OrderFacts;
export type FactType = 'string' | 'number' | 'boolean' | 'string[]';

/** One documented fact. `values`, `min`, `max` and `integer` describe its domain when it has one. */
export interface FactDefinition {
  name: FactName;
  type: FactType;
  description: string;
  example: string | number | boolean | string[];
  /** The only values a string fact (or the elements of a string[] fact) can take. */
  values?: readonly string[];
  min?: number;
  max?: number;
  integer?: boolean;
}

const COUNT = { min: 0, integer: true } as const;

/** Every fact a rule may test, in the order the editor lists them. */
export const FACT_CATALOGUE: readonly FactDefinition[] = [
  { name: 'channel', type: 'string', description: 'Id of the sales channel the order came from.', example: 'webshop' },
  {
    name: 'destinationCountry',
    type: 'string',
    description: 'ISO 3166-1 alpha-2 country of the ship-to address, upper case.',
    example: 'DE',
  },
  {
    name: 'destinationRegion',
    type: 'string',
    values: REGIONS,
    example: 'EU',
    description: 'Trading region of the destination: EU (the 27), UK (GB), EFTA (NO, CH, IS, LI), NA (US, CA, MX), ANZ (AU, NZ) or OTHER.',
  },
  {
    name: 'destinationPostalCode',
    type: 'string',
    description: 'Postal code of the ship-to address, trimmed and upper case (try `startsWith`).',
    example: 'IV2 3AB',
  },
  { name: 'domesticWarehouses', type: 'string[]', description: 'Ids of the warehouses in the destination country.', example: ['DE-BER'] },
  {
    name: 'sameCustomsUnionWarehouses',
    type: 'string[]',
    example: ['DE-BER'],
    description:
      "Ids of the warehouses inside the destination's customs union (the EU is one union; GB and US each stand alone; CH with LI). Includes the domestic ones.",
  },
  { name: 'hasDomesticWarehouse', type: 'boolean', description: 'Whether any warehouse is in the destination country.', example: true },
  {
    name: 'hasSameCustomsUnionWarehouse',
    type: 'boolean',
    description: 'Whether any warehouse can ship without crossing a customs border.',
    example: true,
  },
  {
    name: 'serviceLevel',
    type: 'string',
    values: SERVICE_LEVELS,
    description: 'Service level the channel asked for.',
    example: 'standard',
  },
  {
    name: 'orderValue',
    type: 'number',
    ...COUNT,
    description: 'Sum of quantity x unit price, in minor units (pence, cents).',
    example: 4999,
  },
  { name: 'lineCount', type: 'number', ...COUNT, description: 'Number of order lines.', example: 2 },
  { name: 'unitCount', type: 'number', ...COUNT, description: 'Total units over all lines.', example: 3 },
  { name: 'totalWeightKg', type: 'number', min: 0, description: 'Total weight of all units, kg.', example: 12.5 },
  { name: 'totalLitres', type: 'number', min: 0, description: 'Total volume of all units, litres.', example: 20 },
  { name: 'liquidLitres', type: 'number', min: 0, description: 'Volume of the liquid units only, litres.', example: 10 },
  { name: 'hasLiquids', type: 'boolean', description: 'Whether any line is a liquid product.', example: false },
  { name: 'hasHazardous', type: 'boolean', description: 'Whether any line is a hazardous (dangerous goods) product.', example: false },
  {
    name: 'shippingClasses',
    type: 'string[]',
    values: SHIPPING_CLASSES,
    example: ['parcel', 'pallet'],
    description: 'Distinct shipping classes of the lines, in the order packet, parcel, pallet.',
  },
  { name: 'skus', type: 'string[]', description: 'Distinct SKUs of the lines, in line order.', example: ['OIL-OLIVE-5L', 'BBQ-GAS-3B'] },
  { name: 'customerOrderCount', type: 'number', ...COUNT, description: 'How many orders the customer placed before this one.', example: 0 },
  {
    name: 'isFirstOrder',
    type: 'boolean',
    description: "Whether this is the customer's first order (customerOrderCount is 0).",
    example: true,
  },
  {
    name: 'placedAtHour',
    type: 'number',
    min: 0,
    max: 23,
    integer: true,
    description: 'Hour of day the order was placed, UTC, 0-23.',
    example: 14,
  },
  {
    name: 'placedAtWeekday',
    type: 'number',
    min: 0,
    max: 6,
    integer: true,
    example: 6,
    description: 'Day of week the order was placed, UTC: 0 = Sunday, 1 = Monday ... 6 = Saturday (as Date.getUTCDay).',
  },
];

const BY_NAME: ReadonlyMap<string, FactDefinition> = new Map(FACT_CATALOGUE.map((f) => [f.name, f]));

/** The catalogue entry of a fact name, or undefined for a name not in the catalogue. */
export function factDefinition(name: string): FactDefinition | undefined {
  return BY_NAME.get(name);
}
