// What differs between two decisions of the same order (draft vs published): the few things an
// analyst checks first, in words. Pure.
import type { DryRunResult, RuleTrace } from '../../api/types.ts';

export interface Difference {
  aspect: string;
  left: string;
  right: string;
}

type Aspect = [name: string, read: (d: DryRunResult) => string];

const join = (xs: string[]): string => (xs.length === 0 ? 'none' : xs.join(', '));
const money = (minor: number): string => (minor / 100).toFixed(2);

const ASPECTS: Aspect[] = [
  ['Status', (d) => d.status],
  ['Ships from', (d) => join(d.fulfillments.map((f) => f.warehouseId))],
  ['Carrier and service', (d) => join(d.fulfillments.map((f) => `${f.carrier} ${f.service}`))],
  ['Packages', (d) => String(d.fulfillments.reduce((n, f) => n + f.packages.length, 0))],
  ['Total cost', (d) => money(d.fulfillments.reduce((n, f) => n + f.cost.total, 0))],
  ['Holds', (d) => join(d.holds.map((h) => h.reason))],
  ['Tags', (d) => join(d.tags ?? [])],
  ['Rules matched', (d) => join(((d.decision?.trace?.rules ?? []) as RuleTrace[]).filter((r) => r.result).map((r) => r.name))],
  ['Macros', (d) => join(Object.entries(d.decision?.macros ?? {}).map(([n, v]) => `${n} v${v}`))],
];

/** The aspects in which `left` and `right` differ, in a fixed order. */
export function compareDecisions(left: DryRunResult, right: DryRunResult): Difference[] {
  return ASPECTS.flatMap(([aspect, read]) => {
    const l = read(left);
    const r = read(right);
    return l === r ? [] : [{ aspect, left: l, right: r }];
  });
}
