// A group of variants deciding a replay's orders a batch at a time. The replay feeds every group
// the same steps (restocks and orders, in time order); a group runs in the replay's own thread or
// inside a replay worker (replay-worker.ts), with this same code either way, so where a variant
// runs cannot change what it decides.
import type { Warehouse } from '../domain/types.ts';
import type { OrderPlan } from '../services/plan-order.ts';
import type { TraceRow } from '../store/simulation-repo.ts';
import type { SimNetwork } from './network.ts';
import type { DecisionSummary, Replenishment, SimOrder } from './types.ts';
import { simOrderId, type VariantResult, type VariantRun } from './variant-run.ts';

/** Replenishments due before the next order; refills broker open backorders at `at` (the last one's time). */
export interface Restock {
  events: Replenishment[];
  at: string;
}

export interface StepOrder {
  seq: number;
  order: SimOrder;
  /** Its replay id (simOrderId), when the replay computed it already. */
  id?: string | undefined;
  customerOrderCount: number;
  /** Worker groups only: the warehouses the network offers this order (see ShippedNetwork). */
  warehouses?: WarehousesRef | undefined;
  /** A lone variant keeping no traces: its policy's fired rules, worked out by the replay (rules-ahead.ts). */
  fired?: number[] | undefined;
}

/**
 * The warehouses of an order: a list seen once comes whole under id -1 and is not kept; a list
 * seen again is kept under a number (sent with `list` once), then sent by its number alone.
 */
export interface WarehousesRef {
  id: number;
  list?: Warehouse[] | undefined;
}

export interface ReplayStep {
  restock?: Restock | undefined;
  order?: StepOrder | undefined;
}

export interface ReplayBatch {
  id: number;
  steps: ReplayStep[];
  /** Answer with every variant's results so far (interim KPIs). */
  snapshot?: boolean | undefined;
}

export interface BatchResult {
  /** Per order of the batch, one summary per variant of the group (in the group's order). */
  decisions?: DecisionSummary[][] | undefined;
  /**
   * Instead of `decisions` when the replay keeps no traces (a lone variant, nothing to compare):
   * each order's decisions as the JSON its page stores, so the replay's thread writes them without
   * building their objects (which outlived young collections while a page was being written).
   */
  decisionsJson?: string[] | undefined;
  /** With `keepTraces: 'all'`, every order's trace under every variant of the group. */
  traces?: TraceRow[] | undefined;
  snapshot?: VariantResult[] | undefined;
}

/**
 * A batch's result as text for the replay's thread. The orders' decisionsJson go as lines after the
 * rest's JSON (JSON text never holds a raw newline): inside a JSON array they would be escaped on
 * the worker and unescaped on the replay's thread, work that showed as 5 % of a worker's time.
 */
export function batchResultText(result: BatchResult): string {
  const { decisionsJson, ...rest } = result;
  if (!decisionsJson || decisionsJson.length === 0) return JSON.stringify(result);
  return `${JSON.stringify(rest)}\n${decisionsJson.join('\n')}`;
}

/** Reads batchResultText's text back. */
export function batchResultOf(text: string): BatchResult {
  const split = text.indexOf('\n');
  if (split < 0) return JSON.parse(text) as BatchResult;
  return { ...(JSON.parse(text.slice(0, split)) as BatchResult), decisionsJson: text.slice(split + 1).split('\n') };
}

/** Which traces a replay keeps: none (a lone variant), those of changed orders (asked for later), or all. */
export type TraceMode = 'none' | 'changed' | 'all';

/** A trace wanted: an order (by seq) under a variant (by its index in the replay). */
export interface TraceWant {
  seq: number;
  variant: number;
}

/**
 * A base network whose warehouses for the next order were sent with it: the replay asks its own
 * network, so a worker never needs the network's code, only its answers.
 */
export class ShippedNetwork implements SimNetwork {
  private readonly known = new Map<number, Warehouse[]>();
  private current: Warehouse[] = [];

  constructor(
    readonly products: SimNetwork['products'],
    readonly warehouseIds: readonly string[],
  ) {}

  /** The warehouses of the order about to be decided. */
  use(ref: WarehousesRef): void {
    if (ref.list && ref.id >= 0) this.known.set(ref.id, ref.list);
    this.current = ref.list ?? this.known.get(ref.id) ?? [];
  }

  warehousesFor(): Warehouse[] {
    return this.current;
  }
}

/** Some of a replay's variants, each with its own stock, deciding every order side by side. */
export class VariantGroup {
  /** Plans of orders whose traces may still be asked for, by batch, then by seq. */
  private readonly kept = new Map<number, Map<number, OrderPlan[]>>();

  constructor(
    private readonly runs: VariantRun[],
    /** Each run's index among the replay's variants (0 is the baseline). */
    readonly variants: number[],
    private readonly traces: TraceMode,
    private readonly shipped?: ShippedNetwork | undefined,
  ) {}

  async decide(batch: ReplayBatch): Promise<BatchResult> {
    const decisions: DecisionSummary[][] = [];
    const decisionsJson: string[] = [];
    const traces: TraceRow[] = [];
    const kept = new Map<number, OrderPlan[]>();
    for (const step of batch.steps) {
      if (step.restock) await this.restock(step.restock);
      const o = step.order;
      if (!o) continue;
      if (o.warehouses && this.shipped) this.shipped.use(o.warehouses);
      const id = o.id ?? simOrderId(o.order);
      const run = this.runs[0] as VariantRun;
      // A lone variant awaits its decision directly: no array of promises per order.
      const decided =
        this.runs.length === 1
          ? [await run.decide(o.order, o.customerOrderCount, { id, fired: o.fired })]
          : await Promise.all(this.runs.map((r) => r.decide(o.order, o.customerOrderCount, { id })));
      if (this.traces === 'none') decisionsJson.push(JSON.stringify(decided.map((d) => d.summary)));
      else decisions.push(decided.map((d) => d.summary));
      if (this.traces === 'changed')
        kept.set(
          o.seq,
          decided.map((d) => d.plan),
        );
      else if (this.traces === 'all')
        decided.forEach((d, i) =>
          traces.push({ seq: o.seq, variant: this.variants[i] as number, trace: (this.runs[i] as VariantRun).traceOf(d.plan) }),
        );
    }
    if (this.traces === 'changed') this.kept.set(batch.id, kept);
    return {
      ...(this.traces === 'none' ? { decisionsJson } : { decisions }),
      ...(this.traces === 'all' ? { traces } : {}),
      ...(batch.snapshot ? { snapshot: this.finish() } : {}),
    };
  }

  /** The stable traces of a decided batch's changed orders; the batch's plans are let go. */
  takeTraces(batchId: number, wants: TraceWant[]): TraceRow[] {
    const kept = this.kept.get(batchId);
    this.kept.delete(batchId);
    return wants.map(({ seq, variant }) => {
      const at = this.variants.indexOf(variant);
      const plan = kept?.get(seq)?.[at];
      if (!plan) throw new Error(`no plan kept for order ${seq} under variant ${variant} (batch ${batchId})`);
      return { seq, variant, trace: (this.runs[at] as VariantRun).traceOf(plan) };
    });
  }

  finish(): VariantResult[] {
    return this.runs.map((r) => r.finish());
  }

  private async restock(r: Restock): Promise<void> {
    for (const event of r.events) for (const run of this.runs) run.replenish(event);
    if (this.runs.length === 1) await (this.runs[0] as VariantRun).refill(r.at);
    else await Promise.all(this.runs.map((run) => run.refill(r.at)));
  }
}
