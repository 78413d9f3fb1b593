// Benchmark figures are merged into bench-results.json at the project root (flat keys, git-ignored).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RESULTS_FILE = join(import.meta.dirname, '..', '..', 'bench-results.json');

export function mergeResults(figures: Record<string, number | string>): void {
  const current = existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>) : {};
  const next = { ...current, ...figures, updatedAt: new Date().toISOString() };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(next, null, 2)}\n`);
}

export function printTable(title: string, figures: Record<string, number | string>): void {
  process.stdout.write(`\n${title}\n`);
  for (const [k, v] of Object.entries(figures))
    process.stdout.write(`  ${k.padEnd(34)} ${typeof v === 'number' ? v.toLocaleString('en-GB', { maximumFractionDigits: 2 }) : v}\n`);
}
