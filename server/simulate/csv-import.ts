// Order history from CSV: one row per order line, columns named by a mapping, rows of the same
// order next to each other. Streamed through csv-parse; each order validated like NDJSON.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parseHistoryOrder, type ParsedLine } from './history-schema.ts';

/** Which column holds each field; `defaults` fill fields the file does not have. */
export interface CsvMapping {
  externalId: string;
  placedAt: string;
  sku: string;
  quantity: string;
  unitPrice: string;
  channelId?: string | undefined;
  serviceLevel?: string | undefined;
  country?: string | undefined;
  postalCode?: string | undefined;
  city?: string | undefined;
  region?: string | undefined;
  name?: string | undefined;
  line1?: string | undefined;
  customerId?: string | undefined;
  defaults?: { channelId?: string; serviceLevel?: string; country?: string; city?: string } | undefined;
  /** Prices like 12.99 rather than 1299. */
  priceInMajorUnits?: boolean | undefined;
}

type Row = Record<string, string>;

/** Orders from CSV text or a file path, one per run of rows sharing channel and externalId. */
export async function* parseCsvOrders(
  input: { path: string } | { text: string },
  mapping: CsvMapping,
): AsyncGenerator<ParsedLine & { line: number }> {
  const source = 'path' in input ? createReadStream(input.path) : Readable.from([input.text]);
  const rows = source.pipe(parse({ columns: true, skip_empty_lines: true, trim: true, bom: true }));
  let group: { key: string; rows: Row[]; line: number } | undefined;
  let line = 1;
  for await (const row of rows as AsyncIterable<Row>) {
    line++;
    const key = `${pick(row, mapping.channelId) ?? mapping.defaults?.channelId ?? ''}\u0000${pick(row, mapping.externalId) ?? ''}`;
    if (group && group.key !== key) {
      yield { ...toOrder(group.rows, mapping, group.line), line: group.line };
      group = undefined;
    }
    group ??= { key, rows: [], line };
    group.rows.push(row);
  }
  if (group) yield { ...toOrder(group.rows, mapping, group.line), line: group.line };
}

const pick = (row: Row, column: string | undefined): string | undefined => (column === undefined ? undefined : row[column] || undefined);

function toOrder(rows: Row[], m: CsvMapping, line: number): ParsedLine {
  const first = rows[0] as Row;
  const number = (s: string | undefined) => (s === undefined || s === '' ? Number.NaN : Number(s));
  const price = (s: string | undefined) => (m.priceInMajorUnits ? Math.round(number(s) * 100) : number(s));
  const customerId = pick(first, m.customerId);
  const placed = pick(first, m.placedAt);
  const order = {
    externalId: pick(first, m.externalId),
    channelId: pick(first, m.channelId) ?? m.defaults?.channelId,
    placedAt: placed ? toUtcIso(placed) : placed,
    serviceLevel: pick(first, m.serviceLevel) ?? m.defaults?.serviceLevel ?? 'standard',
    shipTo: {
      name: pick(first, m.name) ?? 'Customer',
      line1: pick(first, m.line1) ?? '-',
      city: pick(first, m.city) ?? m.defaults?.city ?? '-',
      postalCode: pick(first, m.postalCode) ?? '',
      country: pick(first, m.country) ?? m.defaults?.country,
      ...(pick(first, m.region) ? { region: pick(first, m.region) } : {}),
    },
    lines: rows.map((r) => ({ sku: pick(r, m.sku), quantity: number(pick(r, m.quantity)), unitPrice: price(pick(r, m.unitPrice)) })),
    ...(customerId ? { customer: { id: customerId } } : {}),
  };
  return parseHistoryOrder(order, `row ${line}`);
}

/** A timestamp as ISO 8601 UTC; one without a zone is taken as UTC (never the machine's zone). */
export function toUtcIso(s: string, zone = 'Z'): string {
  const local = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?)?$/.exec(s.trim());
  const zoned = /(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(s.trim());
  if (!local && !zoned) return s;
  const t = Date.parse(local ? `${local[1]}T${local[2] ?? '00:00'}${local[3] ?? ':00'}${zone}` : s);
  return Number.isNaN(t) ? s : new Date(t).toISOString();
}
