// A platform order enters through the normal intake: mapped, placed (idempotent per channel and
// external id), cancelled at once if the platform already cancelled it, and its source recorded.
import { DomainError } from '../domain/errors.ts';
import type { Clock } from '../domain/ports.ts';
import type { Order } from '../domain/types.ts';
import type { Inventory } from '../services/inventory.ts';
import type { OrderLifecycle } from '../services/order-lifecycle.ts';
import type { OrderIntake } from '../services/place-order.ts';
import type { Db } from '../store/client.ts';
import { findPlatformOrder, insertPlatformOrder } from '../store/integration-repo.ts';
import type { DraftOrder } from './draft-order.ts';
import { text } from './json-read.ts';
import { mapDraftOrder, type MappingContext, type OrderSource } from './map-order.ts';

/** The use cases platform orders and feeds go through; the container's services satisfy it. */
export interface OrderPipeline {
  intake: OrderIntake;
  lifecycle: OrderLifecycle;
  inventory: Inventory;
}

export interface ReceivedOrder {
  order: Order;
  /** false when the platform sent this order before (a webhook retry, a re-poll). */
  created: boolean;
  source: OrderSource;
}

export interface ReceiveOptions {
  db: Db;
  clock: Clock;
  pipeline: OrderPipeline;
  channelId: string;
  draft: DraftOrder;
  context: () => Promise<MappingContext>;
}

/** Places a platform order once; a re-delivery answers the stored order, whatever the SKU map says now. */
export async function receivePlatformOrder(opts: ReceiveOptions): Promise<ReceivedOrder> {
  const { db, pipeline, channelId, draft } = opts;
  const rawId = text(draft.externalId.value)?.slice(0, 100);
  const known = rawId ? await db.read((sql) => findPlatformOrder(sql, channelId, rawId)) : undefined;
  if (known) {
    const order = await pipeline.lifecycle.get(known.orderId);
    return { order: await followCancellation(pipeline, order, draft), created: false, source: known.source };
  }
  const mapped = mapDraftOrder(draft, await opts.context());
  const { order, created } = await pipeline.intake.place(channelId, mapped.input);
  const receivedAt = opts.clock.now().toISOString();
  await db.write((sql) =>
    insertPlatformOrder(sql, { channelId, externalId: order.externalId, orderId: order.id, source: mapped.source, receivedAt }),
  );
  return { order: await followCancellation(pipeline, order, draft), created, source: mapped.source };
}

// An order the platform cancelled is kept (so re-deliveries stay idempotent) but holds no stock.
async function followCancellation(pipeline: OrderPipeline, order: Order, draft: DraftOrder): Promise<Order> {
  if (!draft.cancelled || order.status === 'cancelled') return order;
  try {
    return await pipeline.lifecycle.cancel(order.id, `cancelled on ${draft.platform}`);
  } catch (error) {
    // Already shipped: the platform's cancellation cannot undo that, and the order stands.
    if (error instanceof DomainError && error.code === 'conflict') return order;
    throw error;
  }
}
