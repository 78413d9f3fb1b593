// Outcomes per policy rule: how many orders each rule matched, what it does, and how the orders
// it matched ended up (from the decision trace's rules[].result and the policy's events).
import type { OrderStatus } from '../domain/types.ts';
import type { PolicyDocument } from '../policies/index.ts';
import type { DecisionSummary } from './types.ts';

export interface RuleOutcome {
  rule: string;
  action: string;
  params: unknown;
  evaluated: number;
  matched: number;
  /** Statuses of the orders it matched. */
  outcomes: Partial<Record<OrderStatus, number>>;
  /** Matched orders that left in more than one shipment. */
  splits: number;
  /** Landed cost of the matched orders, minor units. */
  landedCost: number;
}

export class RuleOutcomes {
  private readonly byName = new Map<string, RuleOutcome>();

  constructor(document: PolicyDocument | null) {
    for (const r of document?.rules ?? []) {
      this.byName.set(r.name, {
        rule: r.name,
        action: r.event.type,
        params: r.event.params ?? {},
        evaluated: 0,
        matched: 0,
        outcomes: {},
        splits: 0,
        landedCost: 0,
      });
    }
  }

  /** Counts one decision; `evaluated` is every rule the trace shows, matched those with result true. */
  add(traceRules: unknown[] | undefined, d: DecisionSummary): void {
    for (const t of (traceRules ?? []) as { name?: unknown; result?: unknown }[]) {
      const o = this.byName.get(String(t.name));
      if (!o) continue;
      o.evaluated++;
      if (t.result !== true) continue;
      o.matched++;
      o.outcomes[d.status] = (o.outcomes[d.status] ?? 0) + 1;
      if (d.shipments.length > 1) o.splits++;
      o.landedCost += d.cost;
    }
  }

  /** In the policy's document order. */
  finish(): RuleOutcome[] {
    return [...this.byName.values()];
  }
}
