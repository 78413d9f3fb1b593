// Command-line arguments of `npm run simulate`: where the orders come from, the policies and
// what-ifs to compare, and where results go. Pure, so it is tested without spawning anything.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CsvMapping } from './csv-import.ts';
import type { Multiplier, VariantSpec } from './types.ts';
import type { PolicySelector } from '../services/policies.ts';

export interface CliOptions {
  source:
    | { kind: 'generate'; count: number; seed: string }
    | { kind: 'file'; path: string; csv?: CsvMapping | undefined }
    | { kind: 'olist'; dir: string; groupBy: 'state' | 'seller'; limit?: number | undefined };
  baseline: PolicySelector;
  candidates: VariantSpec[];
  database: string | undefined;
  results: string | undefined;
  inventory: string | undefined;
  replenishments: string | undefined;
  out: string | undefined;
  quiet: boolean;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm run simulate -- (--orders FILE [--map MAPPING] | --generate N [--seed S] | --olist DIR [--olist-group state|seller] [--limit N])
       [--baseline published|draft|N] [--candidate SPEC]... [--inventory live|FILE.json] [--replenishments FILE.json]
       [--database URL] [--results URL] [--out FILE.json] [--quiet]
SPEC is a policy (published, draft or a version number) with optional what-ifs, e.g.
  draft   3   published,stock=0.5   published,name=no-berlin,disable=DE-BER   draft,rates=UK-MAN:1.2+US-NJ:0.9
MAPPING names CSV columns: externalId=order,placedAt=date,sku=item,quantity=qty,unitPrice=price,country=country,
  postalCode=zip,channelId=channel (or a JSON file); defaults.channelId=webshop sets a fixed value`;

/** Parses argv (without node and the script). */
export function parseCliArgs(argv: string[]): CliOptions {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    options: {
      orders: { type: 'string' },
      map: { type: 'string' },
      generate: { type: 'string' },
      seed: { type: 'string' },
      olist: { type: 'string' },
      'olist-group': { type: 'string' },
      limit: { type: 'string' },
      baseline: { type: 'string' },
      candidate: { type: 'string', multiple: true },
      database: { type: 'string' },
      results: { type: 'string' },
      inventory: { type: 'string' },
      replenishments: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (v.help) throw new UsageError(USAGE);
  const sources = [v.orders, v.generate, v.olist].filter((x) => x !== undefined);
  if (sources.length !== 1) throw new UsageError('give exactly one of --orders, --generate and --olist');
  return {
    source: sourceOf(v),
    baseline: policyOf(v.baseline ?? 'published'),
    candidates: (v.candidate ?? []).map(candidateOf),
    database: v.database,
    results: v.results,
    inventory: v.inventory,
    replenishments: v.replenishments,
    out: v.out,
    quiet: v.quiet ?? false,
  };
}

function sourceOf(v: Record<string, string | boolean | string[] | undefined>): CliOptions['source'] {
  if (typeof v.generate === 'string')
    return { kind: 'generate', count: positive(v.generate, '--generate'), seed: typeof v.seed === 'string' ? v.seed : '1' };
  if (typeof v.olist === 'string') {
    const group = v['olist-group'] ?? 'state';
    if (group !== 'state' && group !== 'seller') throw new UsageError('--olist-group is state or seller');
    return { kind: 'olist', dir: v.olist, groupBy: group, limit: typeof v.limit === 'string' ? positive(v.limit, '--limit') : undefined };
  }
  const path = v.orders as string;
  const isCsv = path.toLowerCase().endsWith('.csv');
  if (isCsv && typeof v.map !== 'string') throw new UsageError('a CSV history needs --map (column names)');
  return { kind: 'file', path, csv: isCsv ? mappingOf(v.map as string) : undefined };
}

function policyOf(s: string): PolicySelector {
  if (s === 'draft' || s === 'published') return s;
  if (/^\d+$/.test(s) && Number(s) > 0) return Number(s);
  throw new UsageError(`a policy is published, draft or a version number, not "${s}"`);
}

/** `published,stock=0.5,rates=UK-MAN:1.2+US-NJ:0.9,disable=DE-BER,lookahead=7,name=x` */
export function candidateOf(spec: string): VariantSpec {
  const [policy = '', ...pairs] = spec.split(',');
  const c: VariantSpec = { name: spec, policy: policyOf(policy.trim()) };
  for (const pair of pairs) {
    const [key, value = ''] = pair.split('=').map((x) => x.trim()) as [string, string | undefined];
    if (key === 'name') c.name = value;
    else if (key === 'stock') c.stockMultiplier = multiplierOf(value);
    else if (key === 'rates') c.rateMultiplier = multiplierOf(value);
    else if (key === 'disable') c.disabledWarehouses = value.split('+').filter(Boolean);
    else if (key === 'lookahead') c.lookaheadDays = value === '0' || value === 'off' ? 0 : Number(value) || 7;
    else throw new UsageError(`unknown candidate option "${key}" (name, stock, rates, disable, lookahead)`);
  }
  return c;
}

function multiplierOf(s: string): Multiplier {
  if (!s.includes(':')) return factor(s);
  return Object.fromEntries(
    s.split('+').map((part) => {
      const [wh = '', f = ''] = part.split(':');
      return [wh, factor(f)];
    }),
  );
}

function factor(s: string): number {
  const n = Number(s);
  if (!(n >= 0) || s === '') throw new UsageError(`"${s}" is not a factor (a number such as 0.5)`);
  return n;
}

function positive(s: string, flag: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} needs a positive whole number`);
  return n;
}

/** `externalId=order,sku=item,defaults.channelId=webshop`, or a JSON file of the same. */
export function mappingOf(s: string): CsvMapping {
  const m: Record<string, unknown> = s.endsWith('.json')
    ? (JSON.parse(readFileSync(s, 'utf8')) as Record<string, unknown>)
    : { defaults: {} };
  if (!s.endsWith('.json')) {
    for (const pair of s.split(',')) {
      const [key = '', value = ''] = pair.split('=').map((x) => x.trim());
      if (key.startsWith('defaults.')) (m.defaults as Record<string, string>)[key.slice(9)] = value;
      else if (key === 'priceInMajorUnits') m.priceInMajorUnits = value !== 'false';
      else m[key] = value;
    }
  }
  for (const required of ['externalId', 'placedAt', 'sku', 'quantity', 'unitPrice']) {
    if (!m[required]) throw new UsageError(`--map needs ${required}=<column>`);
  }
  return m as unknown as CsvMapping;
}
