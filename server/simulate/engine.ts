// The replay engine: historical orders in placedAt order through the exact live decision path
// (policies, macros, routing via planOrder), once per variant, each on its own in-memory stock.
// Only aggregates stay in memory; per-order summaries, the diff and traces go to a sink in pages.
import { invalid } from '../domain/errors.ts';
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
  const replenishments = [...(opts.replenishments ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const state = {
    history: new HistoryRecorder(),
    customers: new Map<string, number>(),
    diffs: new Map<number, Map<string, number>>(),
    nextReplenishment: 0,
  };
  const page: Parameters<ReplaySink['write']>[0] = { orders: [], diffs: [], traces: [] };
  const pageSize = opts.pageSize ?? 250;
  const result = (cancelled: boolean): SimulationResult => finishResult(state, runs, promised, cancelled);
  let seq = 0;
  let last = -Infinity;
  for await (const order of opts.orders) {
    const at = Date.parse(order.placedAt);
    if (!(at >= last))
      throw invalid(`orders must come in placedAt order; ${order.channelId}/${order.externalId} is earlier than the one before`);
    last = at;
    await applyReplenishments(runs, replenishments, state, at);
    state.history.seen(order);
    const unknown = order.lines.filter((l) => !network.products.has(l.sku)).map((l) => l.sku);
    if (unknown.length > 0) state.history.reject(order, `unknown SKU ${unknown.join(', ')}`);
    else await replayOne(order, seq++, runs, state, page, opts.keepTraces ?? 'changed');
    if (page.orders.length >= pageSize && (await flush(opts, page, state.history, result))) return result(true);
  }
  await applyReplenishments(runs, replenishments, state, Infinity);
  if (page.orders.length > 0 || page.diffs.length > 0) await opts.sink.write(takePage(page));
  return result(false);
}

type EngineState = {
  history: HistoryRecorder;
  customers: Map<string, number>;
  diffs: Map<number, Map<string, number>>;
  nextReplenishment: number;
};
type Page = Parameters<ReplaySink['write']>[0];

async function replayOne(order: SimOrder, seq: number, runs: VariantRun[], state: EngineState, page: Page, keepTraces: 'changed' | 'all') {
  const key = customerKey(order);
  const count = key ? (state.customers.get(key) ?? 0) : 0;
  // Variants are independent, so they decide side by side (macro isolates run in parallel).
  const decided = await Promise.all(runs.map((r) => r.decide(order, count)));
  if (key) state.customers.set(key, count + 1);
  state.history.replay(order);
  const base = decided[0] as (typeof decided)[number];
  const traced = new Set<number>(keepTraces === 'all' ? decided.map((_, i) => i) : []);
  decided.forEach((d, i) => {
    if (i === 0) return;
    const changes = compareDecisions(base.summary, d.summary);
    if (changes.length === 0) return;
    page.diffs.push({ candidate: i, seq, changes });
    const counts = state.diffs.get(i) ?? new Map<string, number>();
    for (const c of ['any', ...changes]) counts.set(c, (counts.get(c) ?? 0) + 1);
    state.diffs.set(i, counts);
    traced.add(0).add(i);
  });
  for (const i of [...traced].sort((a, b) => a - b))
    page.traces.push({ seq, variant: i, trace: stableTrace((decided[i] as typeof base).plan) });
  page.orders.push({
    seq,
    channelId: order.channelId,
    externalId: order.externalId,
    placedAt: order.placedAt,
    decisions: decided.map((d) => d.summary),
  });
}

async function flush(
  opts: ReplayOptions,
  page: Page,
  history: HistoryRecorder,
  result: (c: boolean) => SimulationResult,
): Promise<boolean> {
  await opts.sink.write(takePage(page));
  const stop = await opts.onPage?.({ processed: history.seenOrders, total: opts.total ?? null, interim: () => result(false) });
  return stop === true;
}

function takePage(page: Page): Page {
  const taken = { orders: page.orders.splice(0), diffs: page.diffs.splice(0), traces: page.traces.splice(0) };
  return taken;
}

async function applyReplenishments(runs: VariantRun[], list: Replenishment[], state: EngineState, until: number): Promise<void> {
  let lastAt: string | undefined;
  while (state.nextReplenishment < list.length && Date.parse((list[state.nextReplenishment] as Replenishment).at) <= until) {
    const r = list[state.nextReplenishment++] as Replenishment;
    for (const run of runs) run.replenish(r);
    lastAt = r.at;
  }
  if (lastAt) await Promise.all(runs.map((run) => run.refill(new Date(lastAt).toISOString())));
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
  });
}

async function catalogueNetwork(s: ReplayServices): Promise<SimNetwork> {
  const { warehouses, products } = await s.catalogue.snapshot();
  return staticNetwork(warehouses, products);
}

function finishResult(state: EngineState, runs: VariantRun[], promised: PromisedDays, cancelled: boolean): SimulationResult {
  const variants = runs.map((r) => r.finish());
  return {
    history: state.history.finish(),
    variants,
    diff: summariseDiffs(variants, state.diffs),
    tradeOff: tradeOffOf(variants),
    promisedDays: promised,
    cancelled,
  };
}

/** The buyer across orders, as intake keys it (channel and id, or e-mail). */
function customerKey(order: SimOrder): string | null {
  if (order.customer?.id) return `${order.channelId}:${order.customer.id}`;
  if (order.customer?.email) return `email:${order.customer.email.trim().toLowerCase()}`;
  return null;
}
