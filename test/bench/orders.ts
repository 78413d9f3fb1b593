// Synthetic order bodies over the demo catalogue: mostly domestic UK, some EU and US, baskets of 1-4 lines.
import { DEMO_PRODUCTS } from '../../server/demo/catalogue.ts';

const DESTINATIONS = [
  ['GB', 'Leeds', 'LS1 1AA'],
  ['GB', 'Bristol', 'BS1 4DJ'],
  ['GB', 'Glasgow', 'G1 1XQ'],
  ['GB', 'London', 'N1 9GU'],
  ['DE', 'Hamburg', '20095'],
  ['FR', 'Lyon', '69002'],
  ['NL', 'Utrecht', '3511'],
  ['US', 'Boston', '02108'],
] as const;

/** A deterministic pseudo-random order body for index i. */
export function syntheticOrder(i: number, prefix: string): Record<string, unknown> {
  let seed = (i + 1) * 2654435761;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const [country, city, postalCode] = DESTINATIONS[Math.floor(rand() * DESTINATIONS.length)] ?? DESTINATIONS[0];
  const lineCount = 1 + Math.floor(rand() * rand() * 4);
  const skus = new Set<string>();
  while (skus.size < lineCount) skus.add(DEMO_PRODUCTS[Math.floor(rand() * DEMO_PRODUCTS.length)]?.sku ?? 'CD-BLUE');
  return {
    externalId: `${prefix}-${i}`,
    placedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    serviceLevel: rand() < 0.15 ? 'express' : 'standard',
    shipTo: { name: 'Bench Buyer', line1: '1 Test Street', city, postalCode, country },
    lines: [...skus].map((sku) => ({ sku, quantity: 1 + Math.floor(rand() * 2), unitPrice: 500 + Math.floor(rand() * 5000) })),
    customer: { id: `c${Math.floor(rand() * 5000)}` },
  };
}
