// The replay engine: historical orders in placedAt order through the exact live decision path
// (policies, macros, routing via planOrder), once per variant, each on its own in-memory stock.
// Only aggregates stay in memory; per-order summaries, the diff and traces go to a sink in pages.
// Variants decide in this thread or on worker threads (parallel.ts); the results are the same.
import { invalid } from '../domain/errors.ts';
import { customerKey } from '../domain/order.ts';
import type { RoutingOptionsInput } from '../domain/routing.ts';
import type { Services } from '../services/container.ts';
import type { DiffRow, NewOrderRow, OrderRow, TraceRow } from '../store/simulation-repo.ts';
import { HistoryRecorder, type HistoryStats } from './history-stats.ts';
import { staticNetwork, unknownWarehouses, type SimNetwork } from './network.ts';
import type { BatchResult, ReplayStep, Restock, TraceMode } from './parallel-batch.ts';
import { assemblePage, WarehouseLists, type AssembledPage } from './parallel-pages.ts';
import { closeHosts, LocalHost, startHosts, workerCount, type VariantHost } from './parallel.ts';
import { RulesAhead } from './rules-ahead.ts';
import { summariseDiffs, tradeOffOf, type DiffStats, type TradeOffPoint } from './trade-off.ts';
import { DEFAULT_PROMISED_DAYS, type PromisedDays, type Replenishment, type SimOrder, type StockLine, type VariantSpec } from './types.ts';
import { simOrderId, type VariantResult } from './variant-run.ts';

export type ReplayServices = Pick<Services, 'catalogue' | 'policies' | 'macros'>;

/** Where pages of per-order results go (libSQL in the server and the CLI). */
export interface ReplaySink {
  write(page: { orders: NewOrderRow[]; diffs: DiffRow[]; traces: TraceRow[] }): Promise<void>;
}

export interface ReplayProgress {
  processed: number;
  total: number | null;
  /** The KPIs so far (computing them costs a little, so only on request; with workers, as of a recent page). */
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
  /**
   * Worker threads the variants decide on (each with its own macro isolates), while this thread
   * reads orders and writes pages: 0 (the default) decides here; 'auto' is one per variant up to the
   * cores (none when `total` says the history is short).
   */
  workers?: number | 'auto' | undefined;
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
  const specs = [opts.baseline, ...opts.candidates];
  for (const spec of specs) {
    const unknown = unknownWarehouses(network, spec);
    if (unknown.length > 0) throw invalid(`variant ${spec.name} names warehouses that do not exist: ${unknown.join(', ')}`);
  }
  const policies = await Promise.all(specs.map((spec) => opts.services.policies.select(spec.policy)));
  const traces: TraceMode = opts.keepTraces === 'all' ? 'all' : specs.length > 1 ? 'changed' : 'none';
  const hosts = await startHosts({
    variants: specs.map((spec, i) => ({ spec, policy: policies[i] ?? null })),
    setup: { stock: opts.stock, promised, routing: opts.routing, traces },
    network,
    macros: opts.services.macros,
    workers: workerCount(opts.workers, specs.length, opts.total),
  });
  let ended = false;
  try {
    // A lone variant on a worker keeping no traces: its rules are tested here, while the worker decides.
    const policy = policies[0];
    const ahead =
      traces === 'none' && policy && !(hosts[0] instanceof LocalHost) ? new RulesAhead(policy, opts.baseline, network) : undefined;
    const result = await new Replay(opts, { network, hosts, promised, traces, ahead }).run();
    ended = true;
    return result;
  } finally {
    await closeHosts(hosts, ended);
  }
}

interface ReplayParts {
  network: SimNetwork;
  hosts: VariantHost[];
  promised: PromisedDays;
  traces: TraceMode;
  ahead?: RulesAhead | undefined;
}

interface InFlight {
  page: () => Promise<AssembledPage>;
  /** Whether the page is full (the progress callback runs after full pages only). */
  full: boolean;
  /** The history as of this batch, when its hosts report interim results with it. */
  history?: HistoryStats | undefined;
}

// With workers, batches decided ahead of the page being written, and how often interim results come back.
const WORKER_WINDOW = 4;
const SNAPSHOT_MS = 1_000;

/** One replay's state: aggregates, the batch being filled, and the batches being decided. */
class Replay {
  private readonly history = new HistoryRecorder();
  // Earlier orders per customer, as intake counts them (for facts such as isFirstOrder).
  private readonly customers = new Map<string, number>();
  private readonly diffs = new Map<number, Map<string, number>>();
  private readonly restocks: { at: number; event: Replenishment }[];
  private nextRestock = 0;
  private steps: ReplayStep[] = [];
  private batchOrders: Omit<OrderRow, 'decisions'>[] = [];
  private readonly inFlight: InFlight[] = [];
  private readonly lists: WarehouseLists | undefined;
  private readonly local: LocalHost | undefined;
  private readonly pageSize: number;
  private readonly variantCount: number;
  private seq = 0;
  private batchId = 0;
  private last = -Number.MAX_VALUE;
  private stopping = false;
  private lastSnapshot = -Infinity;
  private latest: SimulationResult | undefined;

  private readonly network: SimNetwork;
  private readonly hosts: VariantHost[];

  constructor(
    private readonly opts: ReplayOptions,
    private readonly parts: ReplayParts,
  ) {
    const { network, hosts } = parts;
    this.network = network;
    this.hosts = hosts;
    this.restocks = (opts.replenishments ?? []).map((event) => ({ at: Date.parse(event.at), event })).sort((a, b) => a.at - b.at);
    this.local = hosts.length === 1 && hosts[0] instanceof LocalHost ? hosts[0] : undefined;
    this.lists = this.local ? undefined : new WarehouseLists();
    this.pageSize = opts.pageSize ?? 250;
    this.variantCount = 1 + opts.candidates.length;
  }

  async run(): Promise<SimulationResult> {
    const orders = this.opts.orders;
    if (Symbol.asyncIterator in orders) {
      for await (const order of orders) if (await this.accept(order)) break;
    } else {
      for (const order of orders) {
        const stop = this.accept(order);
        if (stop === true || (stop !== false && (await stop))) break;
      }
    }
    if (!this.stopping) {
      const restock = this.due(Infinity);
      if (restock) this.steps.push({ restock });
      if (this.steps.length > 0) await this.dispatch();
    }
    while (this.inFlight.length > 0) await this.completeOldest();
    return this.result(await this.finishVariants(), this.history.finish(), this.stopping);
  }

  /** Takes one order into the batch; answers (or promises) whether to stop reading. */
  private accept(order: SimOrder): boolean | Promise<boolean> {
    const at = Date.parse(order.placedAt);
    if (!(at >= this.last))
      throw invalid(`orders must come in placedAt order; ${order.channelId}/${order.externalId} is earlier than the one before`);
    this.last = at;
    const restock = this.due(at);
    this.history.seen(order);
    const unknown = this.unknownSkus(order);
    if (unknown) {
      this.history.reject(order, `unknown SKU ${unknown.join(', ')}`);
      if (restock) this.steps.push({ restock });
      return false;
    }
    const key = customerKey(order.channelId, order.customer);
    const customerOrderCount = key ? (this.customers.get(key) ?? 0) : 0;
    if (key) this.customers.set(key, customerOrderCount + 1);
    this.history.replay(order);
    const seq = this.seq++;
    // For workers, this thread asks the network and hashes the id: it has time to spare, they do not.
    const id = this.lists && simOrderId(order);
    const remote = id && {
      warehouses: (this.lists as WarehouseLists).ref(this.network.warehousesFor(order)),
      id,
      fired: this.parts.ahead?.fired(order, customerOrderCount),
    };
    // A worker decides the order as it comes, its id already in (see decisionOrder in variant-run.ts).
    const sent = id && !('actual' in order) ? { ...order, id } : order;
    this.steps.push({ restock, order: { seq, order: sent, customerOrderCount, ...remote } });
    this.batchOrders.push({ seq, channelId: order.channelId, externalId: order.externalId, placedAt: order.placedAt });
    return this.batchOrders.length >= this.pageSize ? this.dispatch() : false;
  }

  private unknownSkus(order: SimOrder): string[] | undefined {
    let unknown: string[] | undefined;
    for (const l of order.lines) if (!this.network.products.has(l.sku)) (unknown ??= []).push(l.sku);
    return unknown;
  }

  /** The replenishments due by `until`, if any; refills broker at the last one's time. */
  private due(until: number): Restock | undefined {
    let events: Replenishment[] | undefined;
    for (let r = this.restocks[this.nextRestock]; r && r.at <= until; r = this.restocks[++this.nextRestock]) (events ??= []).push(r.event);
    const lastAt = events?.at(-1)?.at;
    return events && lastAt ? { events, at: new Date(lastAt).toISOString() } : undefined;
  }

  /** Sends the batch to every host; completes the oldest batch once enough are in flight. */
  private dispatch(): boolean | Promise<boolean> {
    const id = this.batchId++;
    const snapshot = !this.local && performance.now() - this.lastSnapshot >= SNAPSHOT_MS;
    if (snapshot) this.lastSnapshot = performance.now();
    const batch = { id, steps: this.steps, ...(snapshot ? { snapshot } : {}) };
    const orders = this.batchOrders;
    this.steps = [];
    this.batchOrders = [];
    const decided = Promise.all(this.hosts.map((h) => h.decide(batch)));
    const assemble = (results: BatchResult[]) =>
      assemblePage({ batchId: id, orders, results, hosts: this.hosts, variants: this.variantCount, traces: this.parts.traces });
    // Pages that ask for traces are put together as soon as they are decided, so the traces are on
    // their way; the others only when written, so the decisions read from a worker's reply (see
    // WorkerHost.decide) die young rather than waiting out several batches in the old generation.
    const eager = this.parts.traces === 'none' ? undefined : decided.then(assemble);
    (eager ?? decided).catch(() => undefined); // awaited in order by completeOldest; this only keeps a failure from going unhandled meanwhile
    const page = eager ? () => eager : () => decided.then(assemble);
    this.inFlight.push({ page, full: orders.length >= this.pageSize, ...(snapshot ? { history: this.history.finish() } : {}) });
    return this.inFlight.length >= (this.local ? 1 : WORKER_WINDOW) ? this.completeOldest() : false;
  }

  /** Writes the oldest batch's page; answers whether the progress callback asked to stop. */
  private async completeOldest(): Promise<boolean> {
    const batch = this.inFlight.shift() as InFlight;
    const page = await batch.page();
    for (const d of page.diffs) {
      let counts = this.diffs.get(d.candidate);
      if (!counts) this.diffs.set(d.candidate, (counts = new Map()));
      for (const c of ['any', ...d.changes]) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const traces = await page.traces;
    if (page.orders.length > 0) await this.opts.sink.write({ orders: page.orders, diffs: page.diffs, traces });
    if (page.snapshot && batch.history) this.latest = this.result(page.snapshot, batch.history, false);
    if (!batch.full || this.stopping || !this.opts.onPage) return false;
    const stop = await this.opts.onPage({
      processed: this.history.seenOrders,
      total: this.opts.total ?? null,
      interim: () => this.interim(),
    });
    if (stop === true) this.stopping = true;
    return this.stopping;
  }

  /** KPIs so far: computed now in this thread, else the workers' latest report. */
  private interim(): SimulationResult {
    if (this.local) return this.result(this.local.group.finish(), this.history.finish(), false);
    return this.latest as SimulationResult;
  }

  private async finishVariants(): Promise<VariantResult[]> {
    const variants: VariantResult[] = [];
    for (const h of this.hosts) (await h.finish()).forEach((v, k) => (variants[h.variants[k] as number] = v));
    return variants;
  }

  private result(variants: VariantResult[], history: HistoryStats, cancelled: boolean): SimulationResult {
    return {
      history,
      variants,
      diff: summariseDiffs(variants, this.diffs),
      tradeOff: tradeOffOf(variants),
      promisedDays: this.parts.promised,
      cancelled,
    };
  }
}

async function catalogueNetwork(s: ReplayServices): Promise<SimNetwork> {
  const { warehouses, products } = await s.catalogue.snapshot();
  return staticNetwork(warehouses, products);
}
