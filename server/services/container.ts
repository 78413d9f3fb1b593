// Wires the use cases together over one database. main.ts and the tests both build it here.
import type { Logger } from 'pino';
import { systemClock, type Clock, type IdSource } from '../domain/ports.ts';
import type { Db } from '../store/client.ts';
import { Access } from './access.ts';
import { Analytics } from './analytics.ts';
import { BackorderBroker } from './backorders.ts';
import { Catalogue } from './catalogue.ts';
import type { OrderDecider } from './decide.ts';
import { DemandRatesCache } from './demand-rates.ts';
import { EventFeed } from './event-feed.ts';
import { randomIds } from './ids.ts';
import { Inventory } from './inventory.ts';
import { Integrations } from '../integrations/integrations.ts';
import { OrderLifecycle } from './order-lifecycle.ts';
import { OrderIntake } from './place-order.ts';
import { MacroRunner, type MacroRunnerOptions } from '../../sandbox/runner.ts';
import { MacroLibrary } from './macros.ts';
import { Policies } from './policies.ts';
import { ReturnService } from './returns.ts';
import { RoutingSettingsService } from './routing-settings.ts';
import { PolicyDecider, type MacroTrace } from './policy-decider.ts';
import type { Order } from '../domain/types.ts';
import type { WebhookOptions } from '../webhooks/options.ts';
import { WebhookService } from '../webhooks/webhook-service.ts';
import { SimulationJobs } from '../simulate/jobs.ts';
import { closeIdleReplayWorkers } from '../simulate/parallel-pool.ts';
import { ShadowService } from '../simulate/shadows.ts';
import type { ShadowOptions } from '../simulate/shadow-worker.ts';
import { Metrics } from './metrics.ts';

export interface Services {
  db: Db;
  clock: Clock;
  ids: IdSource;
  log: Logger;
  catalogue: Catalogue;
  access: Access;
  inventory: Inventory;
  integrations: Integrations;
  intake: OrderIntake;
  lifecycle: OrderLifecycle;
  broker: BackorderBroker;
  feed: EventFeed;
  macros: MacroLibrary;
  policies: Policies;
  returns: ReturnService;
  webhooks: WebhookService;
  simulations: SimulationJobs;
  /** Candidate policies deciding live orders beside the live one (a background worker per process). */
  shadows: ShadowService;
  metrics: Metrics;
  analytics: Analytics;
  routingSettings: RoutingSettingsService;
  /** Recent demand per warehouse and SKU for live look-ahead (when the routing settings turn it on). */
  demandRates: DemandRatesCache;
  /** Stops background work and frees the isolates. */
  dispose(): Promise<void>;
}

export interface ServiceOptions {
  db: Db;
  log: Logger;
  clock?: Clock | undefined;
  ids?: IdSource | undefined;
  /** Replaces the published-policy decider (tests of the pipeline without policies). */
  decider?: OrderDecider | undefined;
  macroLimits?: MacroRunnerOptions | undefined;
  /** Webhook dispatcher settings (retry schedule, timeouts, private targets); defaults otherwise. */
  webhooks?: Partial<WebhookOptions> | undefined;
  /** Shadow worker settings (poll interval, batch size, lease); defaults otherwise. */
  shadows?: Partial<ShadowOptions> | undefined;
}

export async function createServices(opts: ServiceOptions): Promise<Services> {
  const { db, log } = opts;
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? randomIds;
  const feed = new EventFeed(db);
  await feed.start();
  const catalogue = new Catalogue(db, clock);
  const macros = new MacroLibrary(db, clock, new MacroRunner(opts.macroLimits));
  const policies = new Policies(db, clock, catalogue, macros);
  const metrics = new Metrics(db, () => macros.runner.stats);
  const countMacroCall = (c: MacroTrace) =>
    metrics.macroCalls.observe({ macro: c.macro, hook: c.hook, outcome: c.ok ? 'ok' : (c.error?.kind ?? 'failed') }, c.durationUs / 1e6);
  // Orders keep the conditions of the rules that fired only (see storedTrace): none are traced for the others.
  const decider = opts.decider ?? new PolicyDecider(() => policies.active(), macros, countMacroCall, 'fired');
  const routingSettings = new RoutingSettingsService(db, clock);
  const routingOptions = () => routingSettings.routingOptions();
  const demandRates = new DemandRatesCache(db, clock, async () => (await routingSettings.get()).settings.lookahead);
  const demand = () => demandRates.current();
  const broker = new BackorderBroker({ db, catalogue, clock, ids, decider, feed, routingOptions, demand });
  const rebroker = () => broker.schedule();
  const onPlaced = (o: Order) => metrics.orders.inc({ channel: o.channelId, status: o.status });
  const intake = new OrderIntake({ db, catalogue, clock, ids, decider, feed, routingOptions, demand, onPlaced });
  const webhooks = new WebhookService({ db, clock, ids, log, options: opts.webhooks });
  webhooks.start();
  const simulations = new SimulationJobs({ db, clock, ids, log, catalogue, policies });
  const shadows = new ShadowService({ db, clock, ids, log, catalogue, policies, routingSettings, demandRates }, opts.shadows);
  shadows.worker.start();
  return {
    db,
    clock,
    ids,
    log,
    catalogue,
    access: new Access(db, clock, ids),
    inventory: new Inventory(db, catalogue, clock, rebroker),
    integrations: new Integrations({ db, clock, catalogue }),
    intake,
    lifecycle: new OrderLifecycle({ db, clock, feed, onStockFreed: rebroker }),
    broker,
    feed,
    macros,
    policies,
    returns: new ReturnService({
      db,
      clock,
      ids,
      feed,
      catalogue,
      log,
      onStockAdded: rebroker,
      placeOrder: (ch, input) => intake.place(ch, input),
    }),
    webhooks,
    analytics: new Analytics(db, clock, catalogue),
    routingSettings,
    demandRates,
    simulations,
    shadows,
    metrics,
    async dispose() {
      await simulations.stop();
      await closeIdleReplayWorkers();
      await shadows.worker.stop();
      await webhooks.stop();
      await broker.settled();
      feed.stop();
      macros.runner.dispose();
    },
  };
}
