// Orders with their lines and fulfillments (with packages and fulfillment lines), stored and read whole.
import type { Row } from '@libsql/client';
import { reservesItsLines } from '../domain/order.ts';
import type { Fulfillment, Hold, Order, OrderStatus, SkuQuantity } from '../domain/types.ts';
import type { Sql } from './client.ts';
import { bool, json, num, optStr, placeholders, rows, str } from './rows.ts';

export interface OrderKey {
  id: string;
  bodyHash: string;
}

/** What intake stores beside the order itself. */
export interface StoredOrderKeys {
  bodyHash: string;
  customerKey: string | null;
  /** `JSON.stringify(order.decision)`, when the caller has it (intake reuses it for the reply). */
  decisionJson?: string | undefined;
}

/** An order to store: its decision may come already serialised (`keys.decisionJson`), then only its policy version is read. */
export type NewOrderRow = Omit<Order, 'decision'> & { decision: Pick<Order['decision'], 'policyVersion'> & Partial<Order['decision']> };

/** Stores a new order with its lines and fulfillments. */
export async function insertOrder(sql: Sql, order: NewOrderRow, keys: StoredOrderKeys): Promise<void> {
  const { bodyHash, customerKey } = keys;
  await sql.execute({
    sql: `INSERT INTO orders (id, channel_id, external_id, body_hash, status, placed_at, service_level, ship_to,
            customer_key, customer, holds, tags, decision, policy_version, backordered_units, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      order.id,
      order.channelId,
      order.externalId,
      bodyHash,
      order.status,
      order.placedAt,
      order.serviceLevel,
      JSON.stringify(order.shipTo),
      customerKey,
      order.customer ? JSON.stringify(order.customer) : null,
      JSON.stringify(order.holds),
      JSON.stringify(order.tags),
      keys.decisionJson ?? JSON.stringify(order.decision),
      order.decision.policyVersion,
      backorderedUnits(order.holds),
      order.createdAt,
      order.updatedAt,
    ],
  });
  // One multi-row statement per table: intake's cost is mostly statements, not rows.
  await sql.execute({
    sql: `INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price) VALUES ${rows(order.lines.length, 5)}`,
    args: order.lines.flatMap((line, i) => [order.id, i + 1, line.sku, line.quantity, line.unitPrice]),
  });
  await insertFulfillments(sql, order.id, order.fulfillments, order.createdAt);
}

/** Stores fulfillments with their lines (intake and backorder brokering). */
export async function insertFulfillments(sql: Sql, orderId: string, fs: Fulfillment[], now: string): Promise<void> {
  if (fs.length === 0) return;
  await sql.execute({
    sql: `INSERT INTO fulfillments (id, order_id, warehouse_id, status, packages, carrier, service, cross_border,
            cost_shipping, cost_handling, cost_duties, cost_total, eta, created_at, reservations, duties, late_days)
          VALUES ${rows(fs.length, 17)}`,
    args: fs.flatMap((f) => [
      f.id,
      orderId,
      f.warehouseId,
      f.status,
      JSON.stringify(f.packages),
      f.carrier,
      f.service,
      f.crossBorder ? 1 : 0,
      f.cost.shipping,
      f.cost.handling,
      f.cost.duties,
      f.cost.total,
      f.eta,
      now,
      reservesItsLines(f.reservations, f.lines) ? null : JSON.stringify(f.reservations),
      f.duties ? JSON.stringify(f.duties) : null,
      f.lateDays ?? 0,
    ]),
  });
  const lines = fs.flatMap((f) => f.lines.map((l) => [f.id, l.sku, l.quantity]));
  await sql.execute({
    sql: `INSERT INTO fulfillment_lines (fulfillment_id, sku, quantity) VALUES ${rows(lines.length, 3)}`,
    args: lines.flat(),
  });
}

/** The order's state after a lifecycle step (status, holds, tags, decision). */
export async function updateOrderState(sql: Sql, order: Order): Promise<void> {
  await sql.execute({
    sql: `UPDATE orders SET status = ?, holds = ?, tags = ?, decision = ?, policy_version = ?, backordered_units = ?, updated_at = ?
          WHERE id = ?`,
    args: [
      order.status,
      JSON.stringify(order.holds),
      JSON.stringify(order.tags),
      JSON.stringify(order.decision),
      order.decision.policyVersion,
      backorderedUnits(order.holds),
      order.updatedAt,
      order.id,
    ],
  });
}

export async function updateFulfillment(sql: Sql, f: Fulfillment): Promise<void> {
  await sql.execute({
    sql: `UPDATE fulfillments SET status = ?, carrier = ?, tracking_number = ?, shipped_at = ?, delivered_at = ? WHERE id = ?`,
    args: [f.status, f.carrier, f.trackingNumber ?? null, f.shippedAt ?? null, f.deliveredAt ?? null, f.id],
  });
}

export async function findOrderKey(sql: Sql, channelId: string, externalId: string): Promise<OrderKey | undefined> {
  const rs = await sql.execute({
    sql: 'SELECT id, body_hash FROM orders WHERE channel_id = ? AND external_id = ?',
    args: [channelId, externalId],
  });
  const row = rs.rows[0];
  return row ? { id: str(row, 'id'), bodyHash: str(row, 'body_hash') } : undefined;
}

/**
 * What intake reads before deciding, for one order or several in one statement (the commit thread
 * answers a turn's reads together): whether this channel sent the order before, and the customer's
 * order count. One answer per order, in the order asked.
 */
export async function findIntakeFacts(
  sql: Sql,
  orders: { channelId: string; externalId: string; customerKey: string | null }[],
): Promise<{ key: OrderKey | undefined; customerOrders: number }[]> {
  if (orders.length === 0) return [];
  const rs = await sql.execute({
    sql: `WITH q(i, channel_id, external_id, customer_key) AS (VALUES ${rows(orders.length, 4)})
          SELECT q.i, o.id, o.body_hash, (SELECT COUNT(*) FROM orders c WHERE c.customer_key = q.customer_key) AS customer_orders
          FROM q LEFT JOIN orders o ON o.channel_id = q.channel_id AND o.external_id = q.external_id`,
    args: orders.flatMap((o, i) => [i, o.channelId, o.externalId, o.customerKey]),
  });
  const found: { key: OrderKey | undefined; customerOrders: number }[] = orders.map(() => ({ key: undefined, customerOrders: 0 }));
  for (const row of rs.rows) {
    const key = row.id == null ? undefined : { id: str(row, 'id'), bodyHash: str(row, 'body_hash') };
    found[num(row, 'i')] = { key, customerOrders: num(row, 'customer_orders') };
  }
  return found;
}

export async function orderIdOfFulfillment(sql: Sql, fulfillmentId: string): Promise<string | undefined> {
  const rs = await sql.execute({ sql: 'SELECT order_id FROM fulfillments WHERE id = ?', args: [fulfillmentId] });
  return rs.rows[0] ? str(rs.rows[0], 'order_id') : undefined;
}

export async function getOrder(sql: Sql, id: string): Promise<Order | undefined> {
  const rs = await sql.execute({ sql: 'SELECT * FROM orders WHERE id = ?', args: [id] });
  const row = rs.rows[0];
  if (!row) return undefined;
  const [lines, fulfillments] = await Promise.all([
    sql.execute({ sql: 'SELECT sku, quantity, unit_price FROM order_lines WHERE order_id = ? ORDER BY line_no', args: [id] }),
    readFulfillments(sql, [id]),
  ]);
  return toOrder(row, lines.rows, fulfillments.get(id) ?? []);
}

export interface OrderFilter {
  status?: OrderStatus | undefined;
  channelId?: string | undefined;
  limit: number;
  /** Only orders created before this one (paging, newest first). */
  before?: string | undefined;
}

/** Orders newest first, with lines and fulfillments. */
export async function listOrders(sql: Sql, f: OrderFilter): Promise<Order[]> {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.status) where.push('status = ?') && args.push(f.status);
  if (f.channelId) where.push('channel_id = ?') && args.push(f.channelId);
  if (f.before) where.push('(created_at, id) < (SELECT created_at, id FROM orders WHERE id = ?)') && args.push(f.before);
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const rs = await sql.execute({
    sql: `SELECT * FROM orders ${clause} ORDER BY created_at DESC, id DESC LIMIT ?`,
    args: [...args, f.limit],
  });
  return hydrate(sql, rs.rows);
}

/** Orders waiting for stock, oldest first: the queue backorders are brokered from. */
export async function backorderedOrderIds(sql: Sql, limit: number): Promise<string[]> {
  const rs = await sql.execute({
    sql: 'SELECT id FROM orders WHERE backordered_units > 0 AND status != ? ORDER BY created_at, id LIMIT ?',
    args: ['cancelled', limit],
  });
  return rs.rows.map((r) => str(r, 'id'));
}

export async function countCustomerOrders(sql: Sql, customerKey: string): Promise<number> {
  const rs = await sql.execute({ sql: 'SELECT COUNT(*) AS n FROM orders WHERE customer_key = ?', args: [customerKey] });
  return Number(rs.rows[0]?.n ?? 0);
}

/** The customer's orders stored before this one: what intake counted when it took the order. */
export async function countCustomerOrdersBefore(sql: Sql, customerKey: string, orderId: string): Promise<number> {
  const rs = await sql.execute({
    sql: 'SELECT COUNT(*) AS n FROM orders WHERE customer_key = ? AND rowid < (SELECT rowid FROM orders WHERE id = ?)',
    args: [customerKey, orderId],
  });
  return Number(rs.rows[0]?.n ?? 0);
}

async function hydrate(sql: Sql, rows: Row[]): Promise<Order[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => str(r, 'id'));
  const [lines, fulfillments] = await Promise.all([
    sql.execute({
      sql: `SELECT order_id, sku, quantity, unit_price FROM order_lines WHERE order_id IN (${placeholders(ids.length)}) ORDER BY order_id, line_no`,
      args: ids,
    }),
    readFulfillments(sql, ids),
  ]);
  return rows.map((row) => {
    const id = str(row, 'id');
    return toOrder(
      row,
      lines.rows.filter((l) => str(l, 'order_id') === id),
      fulfillments.get(id) ?? [],
    );
  });
}

async function readFulfillments(sql: Sql, orderIds: string[]): Promise<Map<string, Fulfillment[]>> {
  const fs = await sql.execute({
    sql: `SELECT * FROM fulfillments WHERE order_id IN (${placeholders(orderIds.length)}) ORDER BY created_at, id`,
    args: orderIds,
  });
  const byOrder = new Map<string, Fulfillment[]>();
  if (fs.rows.length === 0) return byOrder;
  const fids = fs.rows.map((r) => str(r, 'id'));
  const ls = await sql.execute({
    sql: `SELECT fulfillment_id, sku, quantity FROM fulfillment_lines WHERE fulfillment_id IN (${placeholders(fids.length)}) ORDER BY sku`,
    args: fids,
  });
  const linesOf = new Map<string, SkuQuantity[]>();
  for (const l of ls.rows) {
    const fid = str(l, 'fulfillment_id');
    linesOf.set(fid, [...(linesOf.get(fid) ?? []), { sku: str(l, 'sku'), quantity: num(l, 'quantity') }]);
  }
  for (const row of fs.rows) {
    const orderId = str(row, 'order_id');
    byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), toFulfillment(row, linesOf.get(str(row, 'id')) ?? [])]);
  }
  return byOrder;
}

function toFulfillment(row: Row, lines: SkuQuantity[]): Fulfillment {
  return {
    id: str(row, 'id'),
    warehouseId: str(row, 'warehouse_id'),
    status: str(row, 'status') as Fulfillment['status'],
    lines,
    packages: json(row, 'packages'),
    carrier: str(row, 'carrier'),
    service: str(row, 'service') as Fulfillment['service'],
    crossBorder: bool(row, 'cross_border'),
    cost: {
      shipping: num(row, 'cost_shipping'),
      handling: num(row, 'cost_handling'),
      duties: num(row, 'cost_duties'),
      total: num(row, 'cost_total'),
    },
    eta: str(row, 'eta'),
    trackingNumber: optStr(row, 'tracking_number'),
    shippedAt: optStr(row, 'shipped_at'),
    deliveredAt: optStr(row, 'delivered_at'),
    ...(row.reservations != null ? { reservations: json<SkuQuantity[]>(row, 'reservations') } : {}),
    ...(row.duties != null ? { duties: json<Fulfillment['duties']>(row, 'duties') } : {}),
    ...(num(row, 'late_days') > 0 ? { lateDays: num(row, 'late_days') } : {}),
  };
}

function toOrder(row: Row, lines: Row[], fulfillments: Fulfillment[]): Order {
  const customer = optStr(row, 'customer');
  return {
    id: str(row, 'id'),
    externalId: str(row, 'external_id'),
    channelId: str(row, 'channel_id'),
    status: str(row, 'status') as OrderStatus,
    placedAt: str(row, 'placed_at'),
    serviceLevel: str(row, 'service_level') as Order['serviceLevel'],
    shipTo: json(row, 'ship_to'),
    ...(customer ? { customer: JSON.parse(customer) as Order['customer'] } : {}),
    lines: lines.map((l) => ({ sku: str(l, 'sku'), quantity: num(l, 'quantity'), unitPrice: num(l, 'unit_price') })),
    fulfillments,
    holds: json(row, 'holds'),
    tags: json(row, 'tags'),
    decision: json(row, 'decision'),
    createdAt: str(row, 'created_at'),
    updatedAt: str(row, 'updated_at'),
  };
}

const backorderedUnits = (holds: Hold[]): number =>
  holds.filter((h) => h.reason === 'backordered').reduce((n, h) => n + (h.lines ?? []).reduce((m, l) => m + l.quantity, 0), 0);
