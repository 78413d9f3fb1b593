// What differs between the baseline's and a candidate's decision of one replayed order, in
// words, for the side-by-side view. Pure.
import type { DecisionSummary } from '../../api/types.ts';

export interface Difference {
  aspect: string;
  baseline: string;
  candidate: string;
}

const list = (xs: string[]): string => (xs.length === 0 ? 'none' : xs.join(', '));
const amount = (minor: number): string => (minor / 100).toFixed(2);

const ASPECTS: [string, (d: DecisionSummary) => string][] = [
  ['Status', (d) => d.status.replace(/_/g, ' ')],
  ['Ships from', (d) => list(d.shipments.map((s) => `${s.warehouseId} (${s.lines.map((l) => `${l.quantity}× ${l.sku}`).join(', ')})`))],
  ['Carrier and service', (d) => list(d.shipments.map((s) => `${s.carrier} ${s.service}`))],
  ['Packages', (d) => String(d.shipments.reduce((n, s) => n + s.packages, 0))],
  ['Landed cost', (d) => amount(d.cost)],
  ['Delivery days', (d) => (d.deliveryDays === null ? 'not fully routed' : String(d.deliveryDays))],
  ['Holds', (d) => list(d.holds.map((h) => h.reason))],
  ['Tags', (d) => list(d.tags)],
  ['Rules matched', (d) => list(d.rules)],
];

/** The aspects in which the two decisions differ, in a fixed order. */
export function decisionDifferences(baseline: DecisionSummary, candidate: DecisionSummary): Difference[] {
  return ASPECTS.flatMap(([aspect, read]) => {
    const b = read(baseline);
    const c = read(candidate);
    return b === c ? [] : [{ aspect, baseline: b, candidate: c }];
  });
}
