// What the synthetic history looks like: channel mix, destinations in the UK, the EU and the US,
// service levels, basket sizes, seasonality, and shelf prices for the demo catalogue.
import type { Address, ServiceLevel } from '../domain/types.ts';

type Weighted<T> = readonly (readonly [T, number])[];

/** Relative order volume by month (Jan..Dec): garden season and the Christmas peak. */
export const MONTH_WEIGHTS = [0.8, 0.75, 0.9, 1.0, 1.15, 1.2, 1.15, 1.05, 0.9, 0.95, 1.4, 1.5] as const;
/** By weekday (Sun..Sat): Monday catches up on the weekend. */
export const WEEKDAY_WEIGHTS = [0.85, 1.15, 1.05, 1.0, 1.0, 0.95, 0.85] as const;
/** By hour of day (UTC): lunch and the evening peak. */
export const HOUR_WEIGHTS = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.6, 0.7, 0.8, 1, 1, 1.1, 1, 0.9, 0.9, 0.9, 1, 1.2, 1.3, 1.4, 1.3, 1, 0.5,
] as const;

export const CHANNELS: Weighted<{ id: string; prefix: string }> = [
  [{ id: 'webshop', prefix: 'WEB' }, 0.5],
  [{ id: 'amazon', prefix: 'AMZ' }, 0.25],
  [{ id: 'ebay', prefix: 'EBY' }, 0.15],
  [{ id: 'store', prefix: 'STO' }, 0.1],
];

export const SERVICE_LEVELS: Weighted<ServiceLevel> = [
  ['standard', 0.8],
  ['express', 0.1],
  ['economy', 0.06],
  ['next_day', 0.04],
];
export const LINES_PER_ORDER: Weighted<number> = [
  [1, 0.55],
  [2, 0.25],
  [3, 0.12],
  [4, 0.05],
  [5, 0.03],
];
export const UNITS_PER_LINE: Weighted<number> = [
  [1, 0.8],
  [2, 0.15],
  [3, 0.05],
];

type Place = Omit<Address, 'name' | 'line1'>;
const place = (city: string, postalCode: string, country: string, lat: number, lon: number): Place => ({
  city,
  postalCode,
  country,
  lat,
  lon,
});

export const REGIONS: Weighted<Weighted<Place>> = [
  [
    [
      [place('Leeds', 'LS1 1AA', 'GB', 53.8, -1.55), 1],
      [place('London', 'EC1A 1BB', 'GB', 51.52, -0.1), 3],
      [place('Manchester', 'M1 1AE', 'GB', 53.48, -2.24), 1],
      [place('Glasgow', 'G1 1XQ', 'GB', 55.86, -4.25), 1],
      [place('Birmingham', 'B1 1AA', 'GB', 52.48, -1.9), 1],
      [place('Bristol', 'BS1 4DJ', 'GB', 51.45, -2.59), 1],
      [place('Inverness', 'IV2 3AB', 'GB', 57.48, -4.22), 0.3],
      [place('Cardiff', 'CF10 1EP', 'GB', 51.48, -3.18), 0.7],
      [place('Edinburgh', 'EH1 1YZ', 'GB', 55.95, -3.19), 0.8],
      [place('Kirkwall', 'KW15 1DH', 'GB', 58.98, -2.96), 0.1],
    ],
    0.55,
  ],
  [
    [
      [place('Berlin', '10115', 'DE', 52.53, 13.38), 1.5],
      [place('Munich', '80331', 'DE', 48.14, 11.58), 1],
      [place('Paris', '75001', 'FR', 48.86, 2.34), 1.5],
      [place('Lyon', '69001', 'FR', 45.77, 4.83), 0.6],
      [place('Amsterdam', '1012 JS', 'NL', 52.37, 4.89), 1],
      [place('Dublin', 'D02 X285', 'IE', 53.34, -6.26), 0.8],
      [place('Madrid', '28013', 'ES', 40.42, -3.7), 0.8],
      [place('Milan', '20121', 'IT', 45.47, 9.19), 0.8],
      [place('Warsaw', '00-001', 'PL', 52.23, 21.01), 0.5],
      [place('Stockholm', '111 20', 'SE', 59.33, 18.06), 0.5],
      [place('Vienna', '1010', 'AT', 48.21, 16.37), 0.5],
      [place('Brussels', '1000', 'BE', 50.85, 4.35), 0.5],
    ],
    0.3,
  ],
  [
    [
      [place('New York', '10001', 'US', 40.75, -73.99), 2],
      [place('Chicago', '60601', 'US', 41.89, -87.62), 1],
      [place('Los Angeles', '90012', 'US', 34.06, -118.24), 1],
      [place('Austin', '78701', 'US', 30.27, -97.74), 0.6],
      [place('Boston', '02108', 'US', 42.36, -71.06), 0.6],
      [place('Seattle', '98101', 'US', 47.61, -122.33), 0.6],
    ],
    0.15,
  ],
];

/** Seasonal demand multiplier by SKU family and month (1..12). */
export function seasonOf(sku: string, month: number): number {
  const summer = month >= 5 && month <= 8;
  const spring = month >= 3 && month <= 8;
  if (/^(CD|LP|DVD|BOOK)-/.test(sku)) return month >= 11 ? 2.5 : 1;
  if (/^(BBQ|CHARCOAL|THERMO|FIREPIT|LIGHTER|FIRELIGHTERS|GAS|SAUCE)-?/.test(sku)) return summer ? 3.5 : 0.4;
  if (
    /^(SEED|GLOVES|PLANTER|HOSE|SPRINKLER|SHEARS|LOPPERS|FEED|RAISED|SHED|WEEDKILLER|LANTERN|CUSHION|PARASOL|TABLE|CHAIR|WASH)-?/.test(sku)
  )
    return spring ? 2 : 0.7;
  return 1;
}

/** Shelf prices in pence; pallet goods are dear and rarely bought. */
export const PRICES: Record<string, number> = {
  'CD-ABBEY-ROAD': 999,
  'CD-RUMOURS': 899,
  'CD-OK-COMPUTER': 899,
  'CD-BLUE': 799,
  'LP-KIND-OF-BLUE': 2299,
  'LP-DARK-SIDE': 2599,
  'DVD-PLANET-EARTH': 1999,
  'BOOK-GARDEN': 3500,
  'BOOK-BBQ': 1899,
  'SEED-TOMATO': 249,
  'SEED-BASIL': 229,
  'GLOVES-GARDEN': 899,
  'THERMO-MEAT': 1999,
  'BBQ-TONGS': 1299,
  'BBQ-COVER': 3999,
  'BBQ-GRILL-BRUSH': 999,
  'CHARCOAL-5KG': 1199,
  'CHARCOAL-10KG': 1999,
  'PLANTER-40': 2999,
  'HOSE-30M': 4499,
  SPRINKLER: 1799,
  SHEARS: 2499,
  LOPPERS: 2999,
  'LANTERN-SOLAR': 2499,
  'CUSHION-SET': 3999,
  'PARASOL-3M': 8999,
  'BBQ-KETTLE-57': 17999,
  'BBQ-GAS-3B': 44999,
  'BBQ-KAMADO': 129900,
  'FIREPIT-STEEL': 14999,
  'TABLE-TEAK-6': 89900,
  'CHAIR-TEAK-2': 34999,
  'SHED-6X4': 59900,
  'RAISED-BED': 12999,
  'OIL-OLIVE-1L': 1099,
  'OIL-OLIVE-3L': 2899,
  'OIL-OLIVE-5L': 4499,
  'OIL-RAPESEED-2L': 999,
  'OIL-RAPESEED-4L': 1699,
  'SAUCE-BBQ-1L': 699,
  'WASH-DECK-5L': 2299,
  'FEED-TOMATO-1L': 799,
  'FEED-LAWN-2L': 1299,
  'WATER-SPARKLING-6': 599,
  'LIGHTER-FLUID-1L': 599,
  'PAINT-SPRAY-400': 899,
  'GAS-PROPANE-5KG': 3299,
  'BATTERY-LI-18V': 6999,
  FIRELIGHTERS: 399,
  'WEEDKILLER-3L': 2499,
};

/** How often a SKU is bought, before the season: pallet goods seldom, small things often. */
export const popularityOf = (shippingClass: string): number => (shippingClass === 'pallet' ? 0.25 : shippingClass === 'packet' ? 1.4 : 1);
