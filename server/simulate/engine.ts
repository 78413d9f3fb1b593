// The replay engine: historical orders in placedAt order through the exact live decision path
// (policies, macros, routing via planOrder), once per variant, each on its own in-memory stock.
// Only aggregates stay in memory; per-order summaries, the diff and traces go to a sink in pages.
import { invalid } from '../domain/errors.ts';
import { customerKey } from '../domain/order.ts';
import type { RoutingOptionsInput } from '../domain/routing.ts';
import type { Services } from '../services/container.ts';
import { PolicyDecider } from '../services/policy-decider.ts';
import type { DiffRow, OrderRow, TraceRow } from '../store/simulation-repo.ts';
import { HistoryRecorder, type HistoryStats } from './history-stats.ts';
import { staticNetwork, unknownWarehouses, variantNetwork, type SimNetwork } from './network.ts';
import { RuleOutcomes } from './rule-outcomes.ts';
import { StockState } from './stock-state.ts';
import { compareDecisions, stableTrace } from './summary.ts';
import { DEFAULT_PROMISED_DAYS, type PromisedDays, type Replenishment, type SimOrder, type StockLine, type VariantSpec } from './types.ts';
import { VariantRun, type VariantResult } from './variant-run.ts';
import { summariseDiffs, tradeOffOf, type DiffStats, type TradeOffPoint } from './trade-off.ts';

export type ReplayServices = Pick<Services, 'catalogue' | 'policies' | 'macros'>;

/** Where pages of per-order results go (libSQL in the server and the CLI). */
export interface ReplaySink {
  write(page: { orders: OrderRow[]; diffs: DiffRow[]; traces: TraceRow[] }): Promise<void>;
}

export interface ReplayProgress {
  processed: number;
  total: number | null;
  /** The KPIs so far (computing them costs a little, so only on request). */
  interim(): SimulationResult;
}

export interface ReplayOptions {
  services: ReplayServices;
  baseline: VariantSpec;
  candidates: VariantSpec[];
  /** In placedAt order. */
  orders: AsyncIterable<SimOrder> | Iterable<SimOrder>;
  total?: number | null | undefined;
  stock: StockLine[];
  replenishments?: Replenishment[] | undefined;
  /** Default: the catalogue's warehouses and products. */
  network?: SimNetwork | undefined;
  promisedDays?: Partial<PromisedDays> | undefined;
  /** Routing settings for every variant (the live ones as the replay starts); absent: routing's defaults. */
  routing?: RoutingOptionsInput | undefined;
  /** Keep traces of every order, or only of those whose decision changed (default). */
  keepTraces?: 'changed' | 'all' | undefined;
  sink: ReplaySink;
  /** Orders per page written to the sink. Default 250. */
  pageSize?: number | undefined;
  /** Called after each page; answering true stops the replay (cancel). */
  onPage?: ((p: ReplayProgress) => unknown) | undefined;
}

export interface SimulationResult {
  history: HistoryStats;
  variants: VariantResult[];
  diff: DiffStats[];
  tradeOff: TradeOffPoint[];
  promisedDays: PromisedDays;
  cancelled: boolean;
}

/** Replays the orders under the baseline and every candidate; same inputs and versions, same bytes out. */
export async function runReplay(opts: ReplayOptions): Promise<SimulationResult> {
  const network = opts.network ?? (await catalogueNetwork(opts.services));
  const promised = { ...DEFAULT_PROMISED_DAYS, ...opts.promisedDays };
  const runs = await Promise.all([opts.baseline, ...opts.candidates].map((spec) => prepareVariant(opts, spec, network, promised)));
  return new Replay(opts, network, runs, promised).run();
}

type Page = Parameters<ReplaySink['write']>[0];
type Decided = Awaited<ReturnType<VariantRun['decide']>>;

/** One replay's state: only aggregates and the page being filled. */
class Replay {
  private readonly history = new HistoryRecorder();
  // Earlier orders per customer, as intake counts them (for facts such as isFirstOrder).
  private readonly customers = new Map<string, number>();
  private readonly diffs = new Map<number, Map<string, number>>();
  private readonly replenishments: Replenishment[];
  private nextReplenishment = 0;
  private page: Page = { orders: [], diffs: [], traces: [] };
  private seq = 0;

  constructor(
    private readonly opts: ReplayOptions,
    private readonly network: SimNetwork,
    private readonly runs: VariantRun[],
    private readonly promised: PromisedDays,
  ) {
    this.replenishments = [...(opts.replenishments ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  async run(): Promise<SimulationResult> {
    let last = -Infinity;
    for await (const order of this.opts.orders) {
      const at = Date.parse(order.placedAt);
      if (!(at >= last))
        throw invalid(`orders must come in placedAt order; ${order.channelId}/${order.externalId} is earlier than the one before`);
      last = at;
      await this.replenish(at);
      this.history.seen(order);
      const unknown = order.lines.filter((l) => !this.network.products.has(l.sku)).map((l) => l.sku);
      if (unknown.length > 0) this.history.reject(order, `unknown SKU ${unknown.join(', ')}`);
      else await this.replayOne(order);
      if (this.page.orders.length >= (this.opts.pageSize ?? 250) && (await this.flush())) return this.result(true);
    }
    await this.replenish(Infinity);
    if (this.page.orders.length > 0) await this.opts.sink.write(this.takePage());
    return this.result(false);
  }

  private async replayOne(order: SimOrder): Promise<void> {
    const key = customerKey(order.channelId, order.customer);
    const count = key ? (this.customers.get(key) ?? 0) : 0;
    // Variants are independent, so they decide side by side (macro isolates run in parallel).
    const decided = await Promise.all(this.runs.map((r) => r.decide(order, count)));
    if (key) this.customers.set(key, count + 1);
    this.history.replay(order);
    this.record(order, this.seq++, decided);
  }

  /** The order's summaries, what changed against the baseline, and the traces worth keeping. */
  private record(order: SimOrder, seq: number, decided: Decided[]): void {
    const base = decided[0] as Decided;
    const traced = new Set<number>(this.opts.keepTraces === 'all' ? decided.map((_, i) => i) : []);
    decided.forEach((d, i) => {
      const changes = i === 0 ? [] : compareDecisions(base.summary, d.summary);
      if (changes.length === 0) return;
      this.page.diffs.push({ candidate: i, seq, changes });
      const counts = this.diffs.get(i) ?? new Map<string, number>();
      for (const c of ['any', ...changes]) counts.set(c, (counts.get(c) ?? 0) + 1);
      this.diffs.set(i, counts);
      traced.add(0).add(i);
    });
    for (const i of [...traced].sort((a, b) => a - b))
      this.page.traces.push({ seq, variant: i, trace: stableTrace((decided[i] as Decided).plan) });
    const { channelId, externalId, placedAt } = order;
    this.page.orders.push({ seq, channelId, externalId, placedAt, decisions: decided.map((d) => d.summary) });
  }

  /** Writes the page; answers whether the caller asked to stop. */
  private async flush(): Promise<boolean> {
    await this.opts.sink.write(this.takePage());
    const stop = await this.opts.onPage?.({
      processed: this.history.seenOrders,
      total: this.opts.total ?? null,
      interim: () => this.result(false),
    });
    return stop === true;
  }

  private takePage(): Page {
    const page = this.page;
    this.page = { orders: [], diffs: [], traces: [] };
    return page;
  }

  /** Applies the replenishments due by `until`, then brokers open backorders once. */
  private async replenish(until: number): Promise<void> {
    let lastAt: string | undefined;
    for (
      let r = this.replenishments[this.nextReplenishment];
      r && Date.parse(r.at) <= until;
      r = this.replenishments[this.nextReplenishment]
    ) {
      this.nextReplenishment++;
      for (const run of this.runs) run.replenish(r);
      lastAt = r.at;
    }
    if (lastAt) await Promise.all(this.runs.map((run) => run.refill(new Date(lastAt).toISOString())));
  }

  private result(cancelled: boolean): SimulationResult {
    const variants = this.runs.map((r) => r.finish());
    return {
      history: this.history.finish(),
      variants,
      diff: summariseDiffs(variants, this.diffs),
      tradeOff: tradeOffOf(variants),
      promisedDays: this.promised,
      cancelled,
    };
  }
}

async function prepareVariant(opts: ReplayOptions, spec: VariantSpec, network: SimNetwork, promised: PromisedDays): Promise<VariantRun> {
  const unknown = unknownWarehouses(network, spec);
  if (unknown.length > 0) throw invalid(`variant ${spec.name} names warehouses that do not exist: ${unknown.join(', ')}`);
  const policy = await opts.services.policies.select(spec.policy);
  return new VariantRun({
    spec,
    policy: { selector: spec.policy, version: policy?.version ?? null, rules: policy?.document.rules.length ?? 0 },
    rules: new RuleOutcomes(policy?.document ?? null),
    decider: new PolicyDecider(async () => policy, opts.services.macros),
    network: variantNetwork(network, spec),
    stock: new StockState(opts.stock, spec.stockMultiplier),
    promised,
    routing: opts.routing,
  });
}

async function catalogueNetwork(s: ReplayServices): Promise<SimNetwork> {
  const { warehouses, products } = await s.catalogue.snapshot();
  return staticNetwork(warehouses, products);
}
