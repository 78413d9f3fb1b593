// keep-last-units: a score hook. Shipping a warehouse's last units of a SKU leaves it unable to
// serve its own region, so a warehouse that would be left with LAST_UNITS or fewer of any SKU of
// this order costs extra; routing then prefers one with stock to spare when the cost is close.
import type { ScoreInput, ScoreResult } from '../../sandbox/macro-api.d.ts';

/** Units left after this order at or below which a warehouse counts as emptied. */
const LAST_UNITS = 1;
/** Extra cost per emptied SKU, in minor units, plus a share of that line's value. */
const FLAT_PENALTY = 300;
const VALUE_SHARE = 0.1;

export function score(input: ScoreInput): ScoreResult {
  const result: ScoreResult = {};
  for (const candidate of input.candidates) {
    let penalty = 0;
    for (const line of input.order.lines) {
      const left = (candidate.stock[line.sku] ?? 0) - line.quantity;
      if (left <= LAST_UNITS) penalty += FLAT_PENALTY + Math.round(line.unitPrice * line.quantity * VALUE_SHARE);
    }
    result[candidate.warehouseId] = penalty;
  }
  return result;
}
