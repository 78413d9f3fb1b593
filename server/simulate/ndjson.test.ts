import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCsvOrders, toUtcIso } from './csv-import.ts';
import { parseNdjson, readLines } from './ndjson.ts';

const order = (id: string) =>
  JSON.stringify({
    externalId: id,
    channelId: 'webshop',
    placedAt: '2026-01-02T10:00:00Z',
    shipTo: { name: 'A', line1: '1', city: 'Leeds', postalCode: 'LS1', country: 'GB' },
    lines: [{ sku: 'CD-BLUE', quantity: 1, unitPrice: 799 }],
  });
const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('NDJSON', () => {
  it('reads lines split across chunks, in any encoding chunking, numbering blank lines too', async () => {
    const text = `${order('A')}\n\n${order('B')}\r\n${order('C')}`;
    const bytes = Buffer.from(text);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
    expect(await collect(readLines(Readable.from(chunks)))).toEqual([order('A'), '', order('B'), order('C')]);
    const parsed = await collect(parseNdjson(Readable.from(chunks)));
    expect(parsed.map((p) => [p.line, p.ok && p.order.externalId])).toEqual([
      [1, 'A'],
      [3, 'B'],
      [4, 'C'],
    ]);
  });

  it('reports the line and field of what is wrong', async () => {
    const [bad, notJson] = await collect(parseNdjson([`${order('A').replace('"quantity":1', '"quantity":0')}\n{oops\n`]));
    expect(bad).toMatchObject({ ok: false, line: 1, details: [{ path: 'line 1.lines.0.quantity' }] });
    expect(notJson).toMatchObject({ ok: false, line: 2, details: [{ path: 'line 2', message: 'not valid JSON' }] });
  });
});

describe('CSV with a column mapping', () => {
  const mapping = {
    externalId: 'Order',
    placedAt: 'Date',
    sku: 'Item',
    quantity: 'Qty',
    unitPrice: 'Price',
    country: 'Country',
    postalCode: 'Zip',
    customerId: 'Buyer',
    defaults: { channelId: 'webshop' },
    priceInMajorUnits: true,
  };

  it('groups consecutive rows of one order into its lines and converts prices and times', async () => {
    const text =
      'Order,Date,Item,Qty,Price,Country,Zip,Buyer\nW1,2026-03-01 09:30,CD-BLUE,2,7.99,GB,LS1 1AA,b1\nW1,2026-03-01 09:30,BBQ-TONGS,1,12.99,GB,LS1 1AA,b1\nW2,2026-03-01T10:00:00+01:00,SHEARS,1,24.99,FR,75001,\n';
    const orders = await collect(parseCsvOrders({ text }, mapping));
    expect(orders.map((o) => o.ok)).toEqual([true, true]);
    const [w1, w2] = orders.map((o) => (o.ok ? o.order : undefined));
    expect(w1).toMatchObject({
      externalId: 'W1',
      channelId: 'webshop',
      placedAt: '2026-03-01T09:30:00.000Z',
      customer: { id: 'b1' },
      lines: [
        { sku: 'CD-BLUE', quantity: 2, unitPrice: 799 },
        { sku: 'BBQ-TONGS', quantity: 1, unitPrice: 1299 },
      ],
    });
    expect(w2).toMatchObject({ placedAt: '2026-03-01T09:00:00.000Z', shipTo: { country: 'FR', postalCode: '75001' } });
    expect(w2?.customer).toBeUndefined();
  });

  it('reports a bad row by its row number', async () => {
    const [bad] = await collect(
      parseCsvOrders({ text: 'Order,Date,Item,Qty,Price,Country,Zip,Buyer\nW1,yesterday,CD-BLUE,x,1,GB,L,\n' }, mapping),
    );
    expect(bad?.ok).toBe(false);
    expect(bad?.ok === false && bad.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['row 2.placedAt', 'row 2.lines.0.quantity']),
    );
  });

  it('reads times without a zone as UTC (or the zone given), never as the machine zone', () => {
    expect(toUtcIso('2016-09-04 21:15:19', '-03:00')).toBe('2016-09-05T00:15:19.000Z');
    expect(toUtcIso('2026-01-02')).toBe('2026-01-02T00:00:00.000Z');
    expect(toUtcIso('2026-01-02T10:00:00+02:00')).toBe('2026-01-02T08:00:00.000Z');
    expect(toUtcIso('02/01/2026')).toBe('02/01/2026');
  });
});
