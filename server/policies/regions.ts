// Country -> trading region and customs union, for the destination facts policies test.
// Deliberately small: what a European/North American retailer routes on, everything else 'OTHER'.
import { EU_MEMBERS } from '../domain/duties.ts';

/** Trading regions a policy can name in `destinationRegion`. */
export const REGIONS = ['EU', 'UK', 'EFTA', 'NA', 'ANZ', 'OTHER'] as const;
export type Region = (typeof REGIONS)[number];

/** The 27 member states of the European Union (ISO 3166-1 alpha-2): one list, kept in the domain. */
export const EU_COUNTRIES: readonly string[] = EU_MEMBERS;

const REGION_OF: ReadonlyMap<string, Region> = new Map<string, Region>([
  ...EU_COUNTRIES.map((c): [string, Region] => [c, 'EU']),
  ['GB', 'UK'],
  ['NO', 'EFTA'],
  ['CH', 'EFTA'],
  ['IS', 'EFTA'],
  ['LI', 'EFTA'],
  ['US', 'NA'],
  ['CA', 'NA'],
  ['MX', 'NA'],
  ['AU', 'ANZ'],
  ['NZ', 'ANZ'],
]);

/** The trading region of an ISO country code; 'OTHER' for anything not in the table. */
export function regionOf(country: string): Region {
  return REGION_OF.get(country.toUpperCase()) ?? 'OTHER';
}

/**
 * The customs union a country belongs to: 'EU' for the 27, 'CH' for Switzerland and
 * Liechtenstein (one customs territory), otherwise the country itself (GB, US, NO ... stand alone).
 */
export function customsUnionOf(country: string): string {
  const code = country.toUpperCase();
  if (REGION_OF.get(code) === 'EU') return 'EU';
  if (code === 'LI') return 'CH';
  return code;
}
