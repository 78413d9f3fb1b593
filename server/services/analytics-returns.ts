// Return rates by SKU and by reason for the orders placed in the range: units on returns (received
// units once a return is received, authorised units until then) against units shipped.
import type { Sql } from '../store/client.ts';
import { num, str } from '../store/rows.ts';
import { type DateRange, placedIn, rate } from './analytics-range.ts';

export interface ReturnsReport {
  range: DateRange;
  shippedUnits: number;
  returnedUnits: number;
  rate: number | null;
  bySku: { sku: string; shippedUnits: number; returnedUnits: number; rate: number | null; sellable: number; damaged: number }[];
  /** `share`: of all returned units. */
  byReason: { reason: string; returns: number; units: number; share: number | null }[];
  bySkuReason: { sku: string; reason: string; units: number }[];
}

export async function returnsReport(sql: Sql, range: DateRange): Promise<ReturnsReport> {
  const f = placedIn('o.placed_at', range);
  const shipped = await sql.execute({
    sql: `SELECT fl.sku, SUM(fl.quantity) AS units
          FROM orders o JOIN fulfillments f ON f.order_id = o.id JOIN fulfillment_lines fl ON fl.fulfillment_id = f.id
          WHERE f.status IN ('shipped', 'delivered') AND ${f.where} GROUP BY fl.sku`,
    args: f.args,
  });
  const returned = await sql.execute({
    sql: `SELECT rl.sku, r.reason, SUM(CASE WHEN r.status = 'received' THEN rl.sellable + rl.damaged ELSE rl.quantity END) AS units,
                 SUM(rl.sellable) AS sellable, SUM(rl.damaged) AS damaged
          FROM orders o JOIN returns r ON r.order_id = o.id JOIN return_lines rl ON rl.return_id = r.id
          WHERE ${f.where} GROUP BY rl.sku, r.reason`,
    args: f.args,
  });
  const reasons = await sql.execute({
    sql: `SELECT r.reason, COUNT(*) AS n FROM orders o JOIN returns r ON r.order_id = o.id WHERE ${f.where} GROUP BY r.reason`,
    args: f.args,
  });
  const bySkuReason = returned.rows
    .map((r) => ({ sku: str(r, 'sku'), reason: str(r, 'reason'), units: num(r, 'units') }))
    .sort((a, b) => b.units - a.units || a.sku.localeCompare(b.sku) || a.reason.localeCompare(b.reason));
  const sum = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const shippedOf = new Map(shipped.rows.map((r) => [str(r, 'sku'), num(r, 'units')]));
  const skus = [...new Set([...shippedOf.keys(), ...bySkuReason.map((r) => r.sku)])];
  const bySku = skus.map((sku) => {
    const rows = returned.rows.filter((r) => str(r, 'sku') === sku);
    const returnedUnits = sum(rows, (r) => num(r, 'units'));
    const shippedUnits = shippedOf.get(sku) ?? 0;
    return {
      sku,
      shippedUnits,
      returnedUnits,
      rate: rate(returnedUnits, shippedUnits),
      sellable: sum(rows, (r) => num(r, 'sellable')),
      damaged: sum(rows, (r) => num(r, 'damaged')),
    };
  });
  bySku.sort((a, b) => b.returnedUnits - a.returnedUnits || a.sku.localeCompare(b.sku));
  const returnedUnits = sum(bySkuReason, (r) => r.units);
  const byReason = reasons.rows.map((r) => {
    const units = sum(
      bySkuReason.filter((x) => x.reason === str(r, 'reason')),
      (x) => x.units,
    );
    return { reason: str(r, 'reason'), returns: num(r, 'n'), units, share: rate(units, returnedUnits) };
  });
  byReason.sort((a, b) => b.units - a.units || a.reason.localeCompare(b.reason));
  const shippedUnits = sum([...shippedOf.values()], (n) => n);
  return { range, shippedUnits, returnedUnits, rate: rate(returnedUnits, shippedUnits), bySku, byReason, bySkuReason };
}
