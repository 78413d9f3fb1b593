// What `npm start` prints once the server listens: where things are, and the keys to try them.
import { DEMO_KEYS } from './demo/seed.ts';
import type { Config } from './config.ts';

export interface BannerFacts {
  port: number;
  workers: number;
  generatedAdmin: string | undefined;
  demoPresent: boolean;
}

export function banner(config: Config, f: BannerFacts): string {
  const base = `http://${config.host}:${f.port}`;
  const lines = [
    `Conveyor is listening on ${base} (database ${config.databaseUrl.replace(/\/\/.*@/, '//…@')}${f.workers > 1 ? `, ${f.workers} workers` : ''})`,
    `  API:    ${base}/v1   health: ${base}/health`,
    `  Editor: ${base}/editor   API reference: ${base}/docs`,
  ];
  if (f.generatedAdmin) lines.push(`  Admin token (shown once, stored hashed): ${f.generatedAdmin}`);
  if (f.demoPresent) {
    const keys = Object.entries(DEMO_KEYS).filter(([k]) => k !== 'analyst');
    lines.push(`  Demo channel keys: ${keys.map(([k, v]) => `${k}=${v}`).join('  ')}`);
    lines.push(`  Demo analyst token: ${DEMO_KEYS.analyst}`);
    lines.push(
      `  Try: curl -s -X POST ${base}/v1/orders -H 'Authorization: Bearer ${DEMO_KEYS.webshop}' -H 'Content-Type: application/json' \\`,
    );
    lines.push(
      `         -d '{"externalId":"WEB-1","placedAt":"2026-11-24T10:00:00Z","shipTo":{"name":"A. Buyer","line1":"1 High St","city":"Leeds","postalCode":"LS1 1AA","country":"GB"},"lines":[{"sku":"OIL-OLIVE-5L","quantity":2,"unitPrice":2499}]}'`,
    );
  }
  return `${lines.join('\n')}\n`;
}
