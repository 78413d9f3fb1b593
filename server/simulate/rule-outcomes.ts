// Coverage of a policy over a run: how many orders each rule was evaluated on and matched (from the
// decision trace's rules[].result), what it does and how the orders it matched ended up; and how
// often each macro ran, by hook, how its calls failed and how many orders it put on hold. A rule
// that never matched, or a macro that never ran, is dead weight an analyst should look at.
import type { OrderStatus } from '../domain/types.ts';
import type { PolicyDocument } from '../policies/index.ts';
import { byCode } from './histogram.ts';
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

export interface MacroOutcome {
  macro: string;
  /** Whether a run-macro rule of the policy names it (false: it ran for a version seen later). */
  referenced: boolean;
  /** Orders it ran on at least once. */
  orders: number;
  calls: number;
  /** Calls that failed in the sandbox (timeout, error, memory), by error kind. */
  failures: number;
  errors: Record<string, number>;
  /** Calls and failures per hook (decide, score, pack). */
  hooks: Record<string, { calls: number; failures: number }>;
  /** Orders held because of it (macro_failed: a failed call or a result that was not valid). */
  holds: number;
  /** Mean time per call, microseconds; only where timings are kept (not in replays, which must be byte-identical). */
  meanDurationUs?: number | undefined;
}

/** One macro hook call as a decision trace records it. */
export interface MacroCallTrace {
  macro?: unknown;
  hook?: unknown;
  ok?: unknown;
  error?: { kind?: unknown } | undefined;
  durationUs?: unknown;
}

export interface OutcomeOptions {
  /** Keep the mean call duration (live shadows); off for replays, whose results must be byte-identical. */
  timings?: boolean | undefined;
}

interface MacroTally extends MacroOutcome {
  totalUs: number;
}

export class RuleOutcomes {
  private readonly byName = new Map<string, RuleOutcome>();
  private readonly macroTallies = new Map<string, MacroTally>();

  constructor(
    document: PolicyDocument | null,
    private readonly opts: OutcomeOptions = {},
  ) {
    this.include(document);
  }

  /** Adds the rules and macros of another document (a later live version), keeping those already counted. */
  include(document: PolicyDocument | null): void {
    for (const r of document?.rules ?? []) {
      if (!this.byName.has(r.name)) {
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
      if (r.event.type === 'run-macro') this.tally(r.event.params.macro).referenced = true;
    }
  }

  /** Counts one decision; `evaluated` is every rule the trace shows, matched those with result true. */
  add(traceRules: unknown[] | undefined, d: DecisionSummary, macroCalls?: unknown[]): void {
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
    this.addMacroCalls((macroCalls ?? []) as MacroCallTrace[]);
    for (const h of d.holds) if (h.reason === 'macro_failed' && h.macro) this.tally(h.macro).holds++;
  }

  /** In the policy's document order. */
  finish(): RuleOutcome[] {
    return [...this.byName.values()];
  }

  /** Macros the policy names, in document order, then any other that ran, by name. */
  finishMacros(): MacroOutcome[] {
    const all = [...this.macroTallies.values()];
    const others = all.filter((m) => !m.referenced).sort((a, b) => byCode(a.macro, b.macro));
    return [...all.filter((m) => m.referenced), ...others].map(({ totalUs, ...m }) => ({
      ...m,
      errors: sortedRecord(m.errors),
      hooks: sortedRecord(m.hooks),
      ...(this.opts.timings ? { meanDurationUs: m.calls === 0 ? 0 : Math.round(totalUs / m.calls) } : {}),
    }));
  }

  private addMacroCalls(calls: MacroCallTrace[]): void {
    const seen = new Set<string>();
    for (const c of calls) {
      const m = this.tally(String(c.macro));
      if (!seen.has(m.macro)) {
        seen.add(m.macro);
        m.orders++;
      }
      const hook = String(c.hook);
      const h = (m.hooks[hook] ??= { calls: 0, failures: 0 });
      m.calls++;
      h.calls++;
      if (typeof c.durationUs === 'number') m.totalUs += c.durationUs;
      if (c.ok === true) continue;
      m.failures++;
      h.failures++;
      const kind = String(c.error?.kind ?? 'failed');
      m.errors[kind] = (m.errors[kind] ?? 0) + 1;
    }
  }

  private tally(macro: string): MacroTally {
    let m = this.macroTallies.get(macro);
    if (!m) {
      m = { macro, referenced: false, orders: 0, calls: 0, failures: 0, errors: {}, hooks: {}, holds: 0, totalUs: 0 };
      this.macroTallies.set(macro, m);
    }
    return m;
  }
}

const sortedRecord = <T>(r: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(r).sort(([a], [b]) => byCode(a, b)));
