// Platforms name shipping by free text ("Generic Shipping", "Std US D2D Dom", "NextDay"); this reads
// the service level Conveyor routes by out of those words, defaulting to standard.
import type { ServiceLevel } from '../domain/types.ts';

const RULES: [RegExp, ServiceLevel][] = [
  [/same ?day|next ?day|overnight|one ?day|1 ?day/, 'next_day'],
  [/express|expedited|priority|second ?day|two ?day|2 ?day/, 'express'],
  [/economy|saver|slow/, 'economy'],
];

/** The fastest service level any of these shipping descriptions asks for. */
export function serviceLevelFrom(descriptions: (string | undefined)[]): ServiceLevel {
  const words = descriptions
    .filter((d): d is string => typeof d === 'string')
    .map((d) => d.toLowerCase().replace(/[^a-z0-9]+/g, ' '))
    .join(' | ');
  for (const [pattern, level] of RULES) if (pattern.test(words)) return level;
  return 'standard';
}
