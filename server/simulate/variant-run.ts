// One variant during a replay: its policy's decider, its own stock, its open backorders and its
// KPIs. Orders go through planOrder exactly as intake sends them; backorders are brokered again
// when stock arrives, oldest first, as the live broker does.
import { createHash } from 'node:crypto';
import type { PlannedShipment, RoutingOptionsInput } from '../domain/routing.ts';
import { completeRoutingOptions } from '../domain/routing-options.ts';
import type { DecisionTrace, SkuQuantity } from '../domain/types.ts';
import type { CompiledPolicy } from '../policies/index.ts';
import type { DecisionContext, DecisionOutcome } from '../services/decide.ts';
import { DemandWindow } from '../domain/demand.ts';
import { packShipments, planOrder, routeUnits, type OrderPlan } from '../services/plan-order.ts';
import type { PolicyDecider } from '../services/policy-decider.ts';
import { KpiAccumulator, type VariantKpis } from './kpis.ts';
import type { SimNetwork } from './network.ts';
import type { MacroOutcome, RuleOutcome, RuleOutcomes } from './rule-outcomes.ts';
import type { StockState } from './stock-state.ts';
import { stableTrace, summarise } from './summary.ts';
import { TimelineRecorder, type Timeline } from './timeline.ts';
import type { DecisionSummary, PolicyInfo, PromisedDays, Replenishment, SimOrder, VariantSpec } from './types.ts';

/** Open backorders kept for brokering; beyond this they are counted but not brokered again. */
const MAX_OPEN_BACKORDERS = 20_000;

interface OpenBackorder {
  order: SimOrder;
  ctx: DecisionContext;
  units: SkuQuantity[];
  filled: boolean;
  /** Its decision, kept (without the trace) when decisions do not depend on stock. */
  decided?: DecisionOutcome | undefined;
}

export interface VariantResult {
  name: string;
  policy: PolicyInfo;
  changes: Pick<VariantSpec, 'stockMultiplier' | 'rateMultiplier' | 'disabledWarehouses'>;
  kpis: VariantKpis;
  rules: RuleOutcome[];
  /** How often each macro ran, failed and held orders (rule coverage's other half). */
  macros: MacroOutcome[];
  timeline: Timeline;
}

export interface VariantSetup {
  spec: VariantSpec;
  policy: PolicyInfo;
  rules: RuleOutcomes;
  decider: PolicyDecider;
  network: SimNetwork;
  stock: StockState;
  promised: PromisedDays;
  /** The routing settings in force when the replay started; absent: routing's defaults. */
  routing?: RoutingOptionsInput | undefined;
  /** False when none of its traces is kept: routing then skips the runner-up plans only traces show. */
  keepsTraces?: boolean | undefined;
  /**
   * The policy compiled with condition traces, when its decider traces rules by outcome alone but
   * some traces are kept: traceOf puts the condition trees back from the trace's facts.
   */
  conditions?: CompiledPolicy | undefined;
  /**
   * The policy runs no score macro, so deciding an order again gives the same outcome whatever the
   * stock (facts, rules and decide macros see only the order): a backorder is decided once, not at every restock.
   */
  stockFreeDecisions?: boolean | undefined;
}

/** A replayed order's id: derived from channel and external id, so every run uses the same one. */
export const simOrderId = (o: SimOrder): string =>
  `ord_sim_${createHash('sha256').update(`${o.channelId}\u0000${o.externalId}`).digest('hex').slice(0, 20)}`;

/** The order as intake would decide it: its id added, the history's real outcome left out. */
function decisionOrder(order: SimOrder, id: string): DecisionContext['order'] {
  // A replay worker's orders come with their id in (engine.ts), a copy already.
  if ((order as { id?: unknown }).id === id && !('actual' in order)) return order as DecisionContext['order'];
  // A plain spread is the fast copy; most histories carry no `actual`.
  if (!('actual' in order)) return { ...order, id };
  const { actual: _actual, ...input } = order;
  return { ...input, id };
}

/** Stock a shipment takes: its kits' components where routing lists them (`reservations`), else its lines. */
const stockUnits = (s: PlannedShipment): SkuQuantity[] => (s as { reservations?: SkuQuantity[] }).reservations ?? s.lines;

export class VariantRun {
  private readonly kpis: KpiAccumulator;
  private readonly timeline = new TimelineRecorder();
  private open: OpenBackorder[] = [];
  private untracked = { orders: 0, units: 0 };
  private readonly demand: DemandWindow | undefined;
  private readonly decideWith: (ctx: DecisionContext) => Promise<DecisionOutcome>;
  /** The routing options every order is decided under, completed once. */
  private readonly routing: RoutingOptionsInput;

  constructor(private readonly v: VariantSetup) {
    this.decideWith = (ctx) => v.decider.decide(ctx);
    this.routing = completeRoutingOptions(v.keepsTraces === false ? { ...v.routing, alternatives: 0 } : v.routing);
    this.kpis = new KpiAccumulator(v.promised);
    const days = lookaheadDaysOf(v.spec, v.routing);
    this.demand = days > 0 ? new DemandWindow(days) : undefined;
  }

  /**
   * Decides one order on this variant's stock, takes its units out, and counts it. What the replay
   * worked out already: `id` saves hashing it again, `fired` testing the rules (see rules-ahead.ts).
   */
  async decide(
    order: SimOrder,
    customerOrderCount: number,
    ahead: { id?: string | undefined; fired?: readonly number[] | undefined } = {},
  ): Promise<{ summary: DecisionSummary; plan: OrderPlan }> {
    const { fired } = ahead;
    const ctx: DecisionContext = {
      order: decisionOrder(order, ahead.id ?? simOrderId(order)),
      products: this.v.network.products,
      warehouses: this.v.network.warehousesFor(order),
      customerOrderCount,
      stock: this.v.stock.view,
      routing: this.routing,
      ...(this.demand ? { demand: this.demand.rates(order.placedAt) } : {}),
    };
    const plan = await planOrder(ctx, fired ? (c) => this.v.decider.decideFired(c, fired) : this.decideWith);
    const summary = summarise(order, plan);
    this.take(order.placedAt, plan.shipments);
    this.kpis.addDecision(order, summary);
    this.v.rules.add(plan.outcome.trace.rules, summary, plan.outcome.trace.macros);
    const waiting = summary.items.filter((i) => i.backordered > 0).map((i) => ({ sku: i.sku, quantity: i.backordered }));
    this.timeline.order(
      order.placedAt,
      waiting.reduce((n, w) => n + w.quantity, 0),
    );
    if (waiting.length > 0 && summary.status !== 'on_hold')
      this.queue({ order, ctx: { ...ctx, customerOrderCount: 0 }, units: waiting, filled: false });
    return { summary, plan };
  }

  /**
   * The stable trace of a plan this variant decided. Rules traced by outcome alone get their
   * condition trees from the trace's facts: evaluating is pure, so they are what deciding would have shown.
   */
  traceOf(plan: OrderPlan): DecisionTrace {
    const trace = stableTrace(plan);
    const { conditions } = this.v;
    if (!conditions || !trace.facts || !trace.rules) return trace;
    return { ...trace, rules: conditions.evaluate(trace.facts).rules };
  }

  replenish(r: Replenishment): void {
    this.v.stock.replenish(r);
  }

  /** Brokers open backorders again, oldest first, on the stock there is now. */
  async refill(at: string): Promise<void> {
    for (const b of this.open) if (this.v.stock.hasAny(b.units.map((u) => u.sku))) await this.broker(b, at);
    this.open = this.open.filter((b) => b.units.length > 0);
  }

  /** As the live broker does: decide again, route the waiting units, pack, reserve. */
  private async broker(b: OpenBackorder, at: string): Promise<void> {
    const ctx = { ...b.ctx, stock: this.v.stock.view };
    const outcome = b.decided ?? (await this.v.decider.decide(ctx));
    if (this.v.stockFreeDecisions && !b.decided) b.decided = { ...outcome, trace: {} };
    if (outcome.holds.length > 0) return;
    const plan = routeUnits(ctx, outcome, b.units, this.v.stock.view);
    const packed = await packShipments(ctx, outcome, plan.shipments);
    if (packed.shipments.length === 0) return;
    this.take(at, packed.shipments);
    const units = packed.shipments.reduce((n, s) => n + s.lines.reduce((m, l) => m + l.quantity, 0), 0);
    const landedCost = packed.shipments.reduce((n, s) => n + s.quote.cost.total, 0);
    this.kpis.addFill(b.order, { at, units, landedCost, first: !b.filled });
    b.filled = true;
    b.units = plan.backordered;
  }

  finish(): VariantResult {
    const openUnits = this.open.reduce((n, b) => n + b.units.reduce((m, u) => m + u.quantity, 0), 0);
    const { spec } = this.v;
    return {
      name: spec.name,
      policy: this.v.policy,
      changes: {
        ...(spec.stockMultiplier !== undefined ? { stockMultiplier: spec.stockMultiplier } : {}),
        ...(spec.rateMultiplier !== undefined ? { rateMultiplier: spec.rateMultiplier } : {}),
        ...(spec.disabledWarehouses?.length ? { disabledWarehouses: spec.disabledWarehouses } : {}),
        ...(spec.lookaheadDays !== undefined ? { lookaheadDays: spec.lookaheadDays } : {}),
      },
      kpis: this.kpis.finish({ orders: this.open.length + this.untracked.orders, units: openUnits + this.untracked.units }),
      rules: this.v.rules.finish(),
      macros: this.v.rules.finishMacros(),
      timeline: this.timeline.finish(),
    };
  }

  private take(at: string, shipments: PlannedShipment[]): void {
    for (const s of shipments) {
      for (const u of stockUnits(s)) this.demand?.record(at, s.warehouseId, u.sku, u.quantity);
      const emptied = this.v.stock.reserve(s.warehouseId, stockUnits(s));
      const units = s.lines.reduce((n, l) => n + l.quantity, 0);
      this.kpis.addLoad(s.warehouseId, units, s.quote.cost.total, emptied.length);
      this.timeline.shipped(at, s.warehouseId, units, emptied.length);
    }
  }

  private queue(b: OpenBackorder): void {
    if (this.open.length < MAX_OPEN_BACKORDERS) this.open.push(b);
    else {
      this.untracked.orders++;
      this.untracked.units += b.units.reduce((n, u) => n + u.quantity, 0);
    }
  }
}

/**
 * Days of demand history the variant's look-ahead reads: the variant's own `lookaheadDays` (0 turns
 * it off), else the live setting, so a baseline decides as live intake does.
 */
export function lookaheadDaysOf(spec: VariantSpec, routing: RoutingOptionsInput | undefined): number {
  if (spec.lookaheadDays !== undefined) return spec.lookaheadDays;
  const live = routing?.lookahead as { enabled?: boolean; windowDays?: number } | undefined;
  return live?.enabled === true ? (live.windowDays ?? 0) : 0;
}
