// Returns (RMAs): authorise units of a shipped order, receive them at any warehouse (sellable back
// into stock, damaged into quarantine) and place the replacement order of an exchange. Each step
// moves stock and records its events in one transaction; backorders are brokered after the commit.
import type { Logger } from 'pino';
import { conflict, DomainError, invalid, notFound, type ErrorDetail } from '../domain/errors.ts';
import { assertOrderMove } from '../domain/lifecycle.ts';
import type { Clock, IdSource } from '../domain/ports.ts';
import { reservationsFor } from '../domain/kits.ts';
import type { Order, OrderInput, Product, SkuQuantity } from '../domain/types.ts';
import type { Db, Sql } from '../store/client.ts';
import { appendEvents, type NewEvent } from '../store/event-repo.ts';
import { getOrder, updateOrderState } from '../store/order-repo.ts';
import * as repo from '../store/return-repo.ts';
import type { Catalogue } from './catalogue.ts';
import type { EventFeed } from './event-feed.ts';
import type { PlaceResult } from './place-order.ts';
import { applyReceipt, checkReturnLines, exchangeOrderInput, isWhollyReturned, unitsIn, type ReceiptLine } from './return-units.ts';

export interface ReturnDeps {
  db: Db;
  clock: Clock;
  ids: IdSource;
  feed: EventFeed;
  catalogue: Catalogue;
  log: Logger;
  /** Called after sellable units went back on hand: backorders may now be filled. */
  onStockAdded: () => void;
  /** Order intake, for an exchange's replacement order. */
  placeOrder: (channelId: string, input: OrderInput) => Promise<PlaceResult>;
}

export interface ReturnRequest {
  lines: SkuQuantity[];
  reason: string;
  note?: string | undefined;
  exchange?: boolean | undefined;
}

export interface ReceiveRequest {
  warehouseId: string;
  lines: ReceiptLine[];
}

/** Raises the checks' findings: unknown lines are a 400, too many units a 409. */
function raise(check: { invalid: ErrorDetail[]; over: ErrorDetail[] }, what: string): void {
  if (check.invalid.length > 0) throw invalid(`the ${what} names units that are not there`, check.invalid);
  if (check.over.length > 0) throw conflict(`the ${what} asks for more units than can be returned`, check.over);
}

export class ReturnService {
  constructor(private readonly deps: ReturnDeps) {}

  /** Authorises a return of shipped units; `check` lets the caller hide other channels' orders. */
  async request(orderId: string, req: ReturnRequest, check?: (order: Order) => void): Promise<repo.OrderReturn> {
    return this.inTransaction(async (sql, now) => {
      const order = await getOrder(sql, orderId);
      if (!order) throw notFound('order', orderId);
      check?.(order);
      const lines = checkReturnLines(req.lines, order, await repo.returnsOfOrder(sql, orderId));
      raise(lines, 'return');
      const rma: repo.OrderReturn = {
        id: this.deps.ids.next('rma'),
        orderId,
        channelId: order.channelId,
        status: 'requested',
        reason: req.reason,
        note: req.note ?? null,
        exchange: req.exchange ?? false,
        exchangeOrderId: null,
        warehouseId: null,
        lines: lines.lines,
        createdAt: now,
        receivedAt: null,
        updatedAt: now,
      };
      await repo.insertReturn(sql, rma);
      const data = { returnId: rma.id, reason: rma.reason, exchange: rma.exchange, lines: req.lines };
      await appendEvents(sql, [{ type: 'return.requested', at: now, orderId, data }]);
      return rma;
    });
  }

  /** Receives a return's units at a warehouse; the RMA is closed by its one receipt. */
  async receive(returnId: string, req: ReceiveRequest): Promise<repo.OrderReturn> {
    const { warehouses, products } = await this.deps.catalogue.snapshot();
    if (!warehouses.some((w) => w.id === req.warehouseId)) {
      throw invalid('the return is received at an unknown warehouse', [
        { path: 'warehouseId', message: `unknown warehouse ${req.warehouseId}` },
      ]);
    }
    const { rma, order } = await this.inTransaction((sql, now) => this.commitReceipt(sql, returnId, req, now, products));
    if (unitsIn(req.lines, 'sellable').length > 0) this.deps.onStockAdded();
    return rma.exchange ? this.placeExchange(order, rma) : rma;
  }

  async get(id: string, check?: (r: repo.OrderReturn) => void): Promise<repo.OrderReturn> {
    const rma = await this.deps.db.read((sql) => repo.getReturn(sql, id));
    if (!rma) throw notFound('return', id);
    check?.(rma);
    return rma;
  }

  list = (filter: repo.ReturnFilter): Promise<repo.OrderReturn[]> => this.deps.db.read((sql) => repo.listReturns(sql, filter));

  quarantine = (filter: { sku?: string | undefined; warehouseId?: string | undefined }): Promise<repo.QuarantineLevel[]> =>
    this.deps.db.read((sql) => repo.listQuarantine(sql, filter));

  private async commitReceipt(sql: Sql, returnId: string, req: ReceiveRequest, now: string, products: ReadonlyMap<string, Product>) {
    const rma = await repo.getReturn(sql, returnId);
    if (!rma) throw notFound('return', returnId);
    if (rma.status !== 'requested') throw conflict(`return ${returnId} was already received`);
    const applied = applyReceipt(rma, req.lines);
    raise(applied, 'receipt');
    const received: repo.OrderReturn = {
      ...rma,
      status: 'received',
      warehouseId: req.warehouseId,
      lines: applied.lines,
      receivedAt: now,
      updatedAt: now,
    };
    await repo.updateReceived(sql, received);
    // A kit has no stock of its own: it goes back on the shelf (or into quarantine) as its components.
    const sellable = reservationsFor(unitsIn(req.lines, 'sellable'), products);
    const damaged = reservationsFor(unitsIn(req.lines, 'damaged'), products);
    const where = req.warehouseId;
    for (const l of sellable) await repo.restockUnits(sql, { ...l, warehouseId: where }, now);
    for (const l of damaged) await repo.quarantineUnits(sql, { ...l, warehouseId: where }, now);
    const order = (await getOrder(sql, rma.orderId)) as Order;
    const data = { returnId, warehouseId: where, sellable, damaged };
    const events: NewEvent[] = [
      { type: 'return.received', at: now, orderId: order.id, data },
      ...sellable.map((l) => ({
        type: 'inventory.restocked',
        at: now,
        orderId: order.id,
        sku: l.sku,
        data: { warehouseId: where, quantity: l.quantity, returnId },
      })),
      ...damaged.map((l) => ({
        type: 'inventory.quarantined',
        at: now,
        orderId: order.id,
        sku: l.sku,
        data: { warehouseId: where, quantity: l.quantity, returnId },
      })),
    ];
    const next = await this.markReturned(sql, order, now, events);
    await appendEvents(sql, events);
    return { rma: received, order: next };
  }

  /** Moves the order to `returned` once every shipped unit is back. */
  private async markReturned(sql: Sql, order: Order, now: string, events: NewEvent[]): Promise<Order> {
    if (!isWhollyReturned(order, await repo.returnsOfOrder(sql, order.id))) return order;
    assertOrderMove(order.status, 'returned');
    const next: Order = { ...order, status: 'returned', updatedAt: now };
    await updateOrderState(sql, next);
    events.push({ type: 'order.returned', at: now, orderId: order.id, data: { from: order.status } });
    return next;
  }

  /**
   * Places the replacement order through intake, under the same policies as any order. Its
   * external id is fixed per RMA, so intake answers a repeat with the order it already stored.
   */
  private async placeExchange(order: Order, rma: repo.OrderReturn): Promise<repo.OrderReturn> {
    const input = exchangeOrderInput(order, rma);
    if (!input) return rma;
    try {
      const { order: replacement } = await this.deps.placeOrder(order.channelId, input);
      return await this.inTransaction(async (sql, now) => {
        await repo.setExchangeOrder(sql, rma.id, replacement.id, now);
        const data = { returnId: rma.id, replacementOrderId: replacement.id, status: replacement.status };
        await appendEvents(sql, [{ type: 'return.exchange_placed', at: now, orderId: order.id, data }]);
        return { ...rma, exchangeOrderId: replacement.id, updatedAt: now };
      });
    } catch (error) {
      // The receipt is committed either way: the failure is logged and recorded on the order.
      const message = error instanceof DomainError ? error.message : 'internal error';
      this.deps.log.error({ err: error, returnId: rma.id }, 'exchange order failed');
      await this.inTransaction((sql, now) =>
        appendEvents(sql, [{ type: 'return.exchange_failed', at: now, orderId: order.id, data: { returnId: rma.id, message } }]),
      );
      return rma;
    }
  }

  private async inTransaction<T>(fn: (sql: Sql, now: string) => Promise<T>): Promise<T> {
    const result = await this.deps.db.write((sql) => fn(sql, this.deps.clock.now().toISOString()));
    this.deps.feed.nudge();
    return result;
  }
}
