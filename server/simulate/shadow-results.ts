// A shadow's KPIs, rule and macro coverage, diff counts and trade-off, in the shapes a simulation
// returns (live as the baseline variant, the candidate beside it), added up from the recorded
// orders. Whichever process recorded them, rows come back in cursor order, so a tally can be kept
// and brought up to date with only the rows recorded since.
import type { PolicyDocument } from '../policies/index.ts';
import type { HistoryStats } from './history-stats.ts';
import { KpiAccumulator } from './kpis.ts';
import { RuleOutcomes } from './rule-outcomes.ts';
import type { DecisionEffects, ShadowOrderRow, ShadowRecord } from './shadow-types.ts';
import { TimelineRecorder } from './timeline.ts';
import { summariseDiffs, tradeOffOf, type DiffStats, type TradeOffPoint } from './trade-off.ts';
import { DEFAULT_PROMISED_DAYS, type DecisionSummary, type PolicyInfo, type PromisedDays } from './types.ts';
import type { VariantResult } from './variant-run.ts';

/** A simulation's result shape, plus how many orders were decided on exactly the stock live saw. */
export interface ShadowResult {
  history: HistoryStats;
  variants: VariantResult[];
  diff: DiffStats[];
  tradeOff: TradeOffPoint[];
  promisedDays: PromisedDays;
  cancelled: false;
  stock: { exact: number; approximate: number };
}

/** The live policy document of a version (null: nothing was published). */
export type VersionDocuments = (version: number) => Promise<PolicyDocument | null>;

/** The variant name of a shadow's candidate. */
export const candidateName = (s: Pick<ShadowRecord, 'candidate'>): string => (s.candidate === 'draft' ? 'draft' : `version ${s.candidate}`);

/** One side's tallies: KPIs, rule and macro coverage, timeline. */
class Side {
  readonly kpis: KpiAccumulator;
  readonly rules: RuleOutcomes;
  readonly timeline = new TimelineRecorder();

  constructor(
    readonly name: string,
    public policy: PolicyInfo,
    document: PolicyDocument | null,
    promised: PromisedDays,
  ) {
    this.kpis = new KpiAccumulator(promised);
    this.rules = new RuleOutcomes(document, { timings: true });
  }

  add(row: ShadowOrderRow, d: DecisionSummary, effects: DecisionEffects, document: PolicyDocument | null): void {
    this.kpis.addDecision(row, d);
    d.shipments.forEach((s, i) => {
      const units = s.lines.reduce((n, l) => n + l.quantity, 0);
      const stockOuts = effects.stockOuts[i] ?? 0;
      this.kpis.addLoad(s.warehouseId, units, s.cost.total, stockOuts);
      this.timeline.shipped(row.placedAt, s.warehouseId, units, stockOuts);
    });
    this.timeline.order(
      row.placedAt,
      d.items.reduce((n, i) => n + i.backordered, 0),
    );
    // Every rule of the policy that decided the order was evaluated (the stored live trace keeps only those that fired).
    const matched = new Set(d.rules);
    const traceRules = (document?.rules ?? []).map((r) => ({ name: r.name, result: matched.has(r.name) }));
    const calls = effects.calls.map((c) => ({ ...c, ...(c.kind ? { error: { kind: c.kind } } : {}) }));
    this.rules.add(traceRules, d, calls);
  }

  finish(): VariantResult {
    return {
      name: this.name,
      policy: this.policy,
      changes: {},
      kpis: this.kpis.finish({ orders: 0, units: 0 }),
      rules: this.rules.finish(),
      macros: this.rules.finishMacros(),
      timeline: this.timeline.finish(),
    };
  }
}

export class ShadowTally {
  /** The last recorded order counted. */
  seq = -1;
  private readonly live: Side;
  private readonly candidate: Side;
  private readonly promised: PromisedDays;
  private readonly changes = new Map<string, number>();
  private readonly liveDocuments = new Map<number, PolicyDocument | null>();
  private readonly stock = { exact: 0, approximate: 0 };
  private readonly history: HistoryStats = {
    orders: 0,
    replayed: 0,
    firstPlacedAt: null,
    lastPlacedAt: null,
    rejected: { orders: 0, examples: [] },
    actual: null,
  };

  constructor(
    private readonly shadow: ShadowRecord,
    private readonly documents: VersionDocuments,
  ) {
    this.promised = { ...DEFAULT_PROMISED_DAYS, ...shadow.promisedDays };
    this.live = new Side('live', { selector: 'published', version: null, rules: 0 }, null, this.promised);
    const { version, document } = shadow.policy;
    this.candidate = new Side(
      candidateName(shadow),
      { selector: shadow.candidate, version, rules: document.rules.length },
      document,
      this.promised,
    );
  }

  /** Counts recorded orders, in cursor order. */
  async add(rows: ShadowOrderRow[]): Promise<void> {
    for (const row of rows) {
      this.seq = row.seq;
      this.seen(row);
      if (!row.decisions || !row.effects) continue;
      this.history.replayed++;
      this.stock[row.stock]++;
      const [liveDecision, candidateDecision] = row.decisions;
      const liveDocument = await this.liveDocument(liveDecision.policyVersion);
      this.live.add(row, liveDecision, row.effects[0], liveDocument);
      this.candidate.add(row, candidateDecision, row.effects[1], this.shadow.policy.document);
      for (const c of row.changes ? ['any', ...row.changes] : []) this.changes.set(c, (this.changes.get(c) ?? 0) + 1);
    }
  }

  result(): ShadowResult {
    const variants = [this.live.finish(), this.candidate.finish()];
    return {
      history: structuredClone(this.history),
      variants,
      diff: summariseDiffs(variants, new Map([[1, this.changes]])),
      tradeOff: tradeOffOf(variants),
      promisedDays: this.promised,
      cancelled: false,
      stock: { ...this.stock },
    };
  }

  private seen(row: ShadowOrderRow): void {
    const h = this.history;
    h.orders++;
    if (row.skipped !== null) {
      h.rejected.orders++;
      if (h.rejected.examples.length < 20)
        h.rejected.examples.push({ channelId: row.channelId, externalId: row.externalId, reason: row.skipped });
    }
    if (!row.placedAt) return;
    if (h.firstPlacedAt === null || row.placedAt < h.firstPlacedAt) h.firstPlacedAt = row.placedAt;
    if (h.lastPlacedAt === null || row.placedAt > h.lastPlacedAt) h.lastPlacedAt = row.placedAt;
  }

  /** The document of the live version that decided an order; the live side lists the rules of every version seen. */
  private async liveDocument(version: number | null): Promise<PolicyDocument | null> {
    if (version === null) return null;
    if (!this.liveDocuments.has(version)) {
      const document = await this.documents(version);
      this.liveDocuments.set(version, document);
      this.live.rules.include(document);
    }
    if (this.live.policy.version === null || version > this.live.policy.version) {
      this.live.policy = { selector: 'published', version, rules: this.liveDocuments.get(version)?.rules.length ?? 0 };
    }
    return this.liveDocuments.get(version) ?? null;
  }
}
