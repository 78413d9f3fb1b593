// Reads an ERP or WMS inventory feed (CSV with a header row, or JSON rows) into numbered rows,
// reporting each bad value by row number and by the field name the feed itself used.
import { parse } from 'csv-parse/sync';
import { invalid } from '../domain/errors.ts';
import { obj, list, text } from './json-read.ts';

export type FeedKind = 'snapshot' | 'adjustment';

/** One row of a feed: for a snapshot `quantity` is the count on hand, for an adjustment the delta. */
export interface FeedRow {
  row: number;
  line?: number | undefined;
  sku: string;
  warehouseId: string;
  quantity: number;
  /** Field names as the feed wrote them, for error reports. */
  fields: { sku: string; warehouseId: string; quantity: string };
}

export interface RowError {
  /** 1-based data row; null for a SKU a complete snapshot did not list. */
  row: number | null;
  line?: number | undefined;
  field: string;
  sku?: string | undefined;
  warehouseId?: string | undefined;
  /** Set when the row would leave fewer units on hand than are reserved. */
  reserved?: number | undefined;
  message: string;
}

export interface ParsedFeed {
  rows: FeedRow[];
  errors: RowError[];
  received: number;
}

const ALIASES: Record<'sku' | 'warehouseId' | 'onHand' | 'delta', string[]> = {
  sku: ['sku'],
  warehouseId: ['warehouseid', 'warehouse', 'location', 'locationid'],
  onHand: ['onhand', 'quantity', 'qty', 'count'],
  delta: ['delta', 'adjustment', 'change'],
};
const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Parses CSV text; a file that is not CSV, or lacks a needed column, is refused whole. */
export function parseCsvFeed(csv: string, kind: FeedKind, defaultWarehouse?: string): ParsedFeed {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csv, { columns: true, info: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true });
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    throw invalid('the feed is not valid CSV', [{ path: e.lines ? `line ${e.lines}` : '(root)', message: String(e.message ?? error) }]);
  }
  const header = Object.keys(records[0]?.record ?? {});
  const column = (name: keyof typeof ALIASES) => header.find((h) => ALIASES[name].includes(normalise(h)));
  const fields = { sku: column('sku'), warehouseId: column('warehouseId'), quantity: column(kind === 'snapshot' ? 'onHand' : 'delta') };
  const missing = Object.entries(fields).filter(([k, v]) => !v && !(k === 'warehouseId' && defaultWarehouse));
  if (records.length > 0 && missing.length > 0) {
    throw invalid(
      'the CSV header lacks a needed column',
      missing.map(([k]) => ({
        path: 'header',
        message: `no ${k === 'quantity' ? (kind === 'snapshot' ? 'on_hand' : 'delta') : k === 'warehouseId' ? 'warehouse_id' : 'sku'} column`,
      })),
    );
  }
  const named = { sku: fields.sku ?? 'sku', warehouseId: fields.warehouseId ?? 'warehouse_id', quantity: fields.quantity ?? 'on_hand' };
  const out: ParsedFeed = { rows: [], errors: [], received: records.length };
  records.forEach(({ record, info }, i) => {
    readRow(out, { row: i + 1, line: info.lines, fields: named, kind, defaultWarehouse }, (f) => record[f]);
  });
  return out;
}

/** Parses `{"rows":[{"sku","warehouseId","onHand"|"delta"}]}`; unknown fields in a row are errors. */
export function parseJsonFeed(body: unknown, kind: FeedKind, defaultWarehouse?: string): ParsedFeed {
  const rows = list(obj(body)?.rows) ?? list(body);
  if (!rows) throw invalid('the feed must be {"rows":[…]}', [{ path: 'rows', message: 'an array of rows is required' }]);
  const quantity = kind === 'snapshot' ? 'onHand' : 'delta';
  const out: ParsedFeed = { rows: [], errors: [], received: rows.length };
  rows.forEach((value, i) => {
    const row = obj(value);
    const unknown = Object.keys(row ?? {}).filter((k) => !['sku', 'warehouseId', quantity].includes(k));
    for (const key of unknown)
      out.errors.push({ row: i + 1, field: key, message: `unknown field; a ${kind} row has sku, warehouseId and ${quantity}` });
    if (!row) out.errors.push({ row: i + 1, field: '(row)', message: 'a row must be an object' });
    else if (unknown.length === 0)
      readRow(out, { row: i + 1, fields: { sku: 'sku', warehouseId: 'warehouseId', quantity }, kind, defaultWarehouse }, (f) => row[f]);
  });
  return out;
}

interface RowContext {
  row: number;
  line?: number;
  fields: FeedRow['fields'];
  kind: FeedKind;
  defaultWarehouse: string | undefined;
}

function readRow(out: ParsedFeed, ctx: RowContext, get: (field: string) => unknown): void {
  const { row, line, fields } = ctx;
  const sku = text(get(fields.sku));
  const warehouseId = text(get(fields.warehouseId)) ?? ctx.defaultWarehouse;
  const quantity = readQuantity(get(fields.quantity), ctx.kind);
  const base = { row, ...(line ? { line } : {}), sku, warehouseId };
  const before = out.errors.length;
  if (!sku) out.errors.push({ ...base, field: fields.sku, message: 'a SKU is required' });
  if (!warehouseId) out.errors.push({ ...base, field: fields.warehouseId, message: 'a warehouse is required' });
  if (typeof quantity === 'string') out.errors.push({ ...base, field: fields.quantity, message: quantity });
  if (out.errors.length === before && sku && warehouseId && typeof quantity === 'number') {
    out.rows.push({ row, line, sku, warehouseId, quantity, fields });
  }
}

/** The number, or why it is not one. */
function readQuantity(value: unknown, kind: FeedKind): number | string {
  const raw = typeof value === 'number' ? String(value) : text(value);
  if (raw === undefined) return kind === 'snapshot' ? 'the on-hand count is required' : 'the delta is required';
  if (!/^[+-]?\d+$/.test(raw)) return `"${raw.slice(0, 40)}" is not a whole number`;
  const n = Number(raw);
  if (kind === 'snapshot' && (n < 0 || n > 100_000_000)) return 'an on-hand count is between 0 and 100000000';
  if (kind === 'adjustment' && Math.abs(n) > 1_000_000) return 'a delta is between -1000000 and 1000000';
  return n;
}
