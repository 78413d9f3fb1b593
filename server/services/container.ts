// Wires the use cases together over one database. main.ts and the tests both build it here.
import type { Logger } from 'pino';
import { systemClock, type Clock, type IdSource } from '../domain/ports.ts';
import type { Db } from '../store/client.ts';
import { Access } from './access.ts';
import { BackorderBroker } from './backorders.ts';
import { Catalogue } from './catalogue.ts';
import { unconstrainedDecider, type OrderDecider } from './decide.ts';
import { EventFeed } from './event-feed.ts';
import { randomIds } from './ids.ts';
import { Inventory } from './inventory.ts';
import { OrderLifecycle } from './order-lifecycle.ts';
import { OrderIntake } from './place-order.ts';

export interface Services {
  db: Db;
  clock: Clock;
  ids: IdSource;
  log: Logger;
  catalogue: Catalogue;
  access: Access;
  inventory: Inventory;
  intake: OrderIntake;
  lifecycle: OrderLifecycle;
  broker: BackorderBroker;
  feed: EventFeed;
}

export interface ServiceOptions {
  db: Db;
  log: Logger;
  clock?: Clock | undefined;
  ids?: IdSource | undefined;
  decider?: OrderDecider | undefined;
}

export async function createServices(opts: ServiceOptions): Promise<Services> {
  const { db, log } = opts;
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? randomIds;
  const decider = opts.decider ?? unconstrainedDecider;
  const feed = new EventFeed(db);
  await feed.start();
  const catalogue = new Catalogue(db, clock);
  const broker = new BackorderBroker({ db, catalogue, clock, ids, decider, feed });
  const rebroker = () => broker.schedule();
  return {
    db,
    clock,
    ids,
    log,
    catalogue,
    access: new Access(db, clock, ids),
    inventory: new Inventory(db, catalogue, clock, rebroker),
    intake: new OrderIntake({ db, catalogue, clock, ids, decider, feed }),
    lifecycle: new OrderLifecycle({ db, clock, feed, onStockFreed: rebroker }),
    broker,
    feed,
  };
}
