import { describe, expect, it } from 'vitest';
import { parseCsvFeed, parseJsonFeed } from './feed-parse.ts';

describe('inventory feed parsing', () => {
  it('reads a CSV snapshot with the header names an ERP uses, numbering rows and lines', () => {
    const feed = parseCsvFeed('\uFEFFSKU,Warehouse ID,On Hand\nCD-BLUE,UK-MAN,5\n\nSHEARS,DE-BER, 7 \n', 'snapshot');
    expect(feed.received).toBe(2);
    expect(feed.errors).toEqual([]);
    expect(feed.rows.map(({ row, line, sku, warehouseId, quantity }) => ({ row, line, sku, warehouseId, quantity }))).toEqual([
      { row: 1, line: 2, sku: 'CD-BLUE', warehouseId: 'UK-MAN', quantity: 5 },
      { row: 2, line: 4, sku: 'SHEARS', warehouseId: 'DE-BER', quantity: 7 },
    ]);
  });

  it('reports each bad value by row and by the column name the file used', () => {
    const feed = parseCsvFeed('sku,location,delta\nCD-BLUE,UK-MAN,+3\n,UK-MAN,1\nSHEARS,,x\n', 'adjustment');
    expect(feed.rows).toHaveLength(1);
    expect(feed.rows[0]?.quantity).toBe(3);
    expect(feed.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'sku'],
      [3, 'location'],
      [3, 'delta'],
    ]);
  });

  it('uses the warehouse of the request when the file has no warehouse column', () => {
    const feed = parseCsvFeed('sku,qty\nCD-BLUE,4\n', 'snapshot', 'US-NJ');
    expect(feed.rows[0]).toMatchObject({ sku: 'CD-BLUE', warehouseId: 'US-NJ', quantity: 4 });
  });

  it('refuses a file that is not CSV or lacks a needed column', () => {
    expect(() => parseCsvFeed('sku,on_hand\n"CD-BLUE,4\n', 'snapshot', 'UK-MAN')).toThrow(/not valid CSV/);
    expect(() => parseCsvFeed('sku,warehouse\nCD-BLUE,UK-MAN\n', 'snapshot')).toThrow(/lacks a needed column/);
  });

  it('reads JSON rows strictly: unknown fields, negative counts and fractions are row errors', () => {
    const feed = parseJsonFeed(
      {
        rows: [
          { sku: 'A', warehouseId: 'W', onHand: 2 },
          { sku: 'B', warehouseId: 'W', onHand: -1 },
          { sku: 'C', warehouseId: 'W', onHand: 1.5 },
          { sku: 'D', warehouseId: 'W', onHand: 1, bin: 'X' },
          7,
        ],
      },
      'snapshot',
    );
    expect(feed.rows.map((r) => r.sku)).toEqual(['A']);
    expect(feed.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'onHand'],
      [3, 'onHand'],
      [4, 'bin'],
      [5, '(row)'],
    ]);
    expect(() => parseJsonFeed({ items: [] }, 'snapshot')).toThrow(/rows/);
  });
});
