// Webhook subscriptions: their settings, signing secret and event-log cursor, which SKU and
// warehouse pairs each was told are low on stock, and the channel stock each was last pushed.
// Deliveries are in webhook-delivery-repo.ts.
import type { Row } from '@libsql/client';
import type { Sql } from './client.ts';
import { bool, json, num, optStr, placeholders, str } from './rows.ts';

export interface SubscriptionRecord {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  active: boolean;
  lowStockThreshold: number | null;
  /** Only these channels' `channel.stock_changed`; null for every channel. */
  channels: string[] | null;
  /** The last event seq fanned out into deliveries. */
  cursor: number;
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export async function insertSubscription(sql: Sql, s: SubscriptionRecord, secret: string): Promise<void> {
  await sql.execute({
    sql: `INSERT INTO webhook_subscriptions (id, url, events, description, active, low_stock_threshold, channels, secret, cursor,
            start_cursor, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      s.id,
      s.url,
      JSON.stringify(s.events),
      s.description,
      s.active ? 1 : 0,
      s.lowStockThreshold,
      s.channels ? JSON.stringify(s.channels) : null,
      secret,
      s.cursor,
      s.cursor,
      s.createdAt,
      s.updatedAt,
    ],
  });
}

export async function getSubscription(sql: Sql, id: string): Promise<SubscriptionRecord | undefined> {
  const rs = await sql.execute({ sql: 'SELECT * FROM webhook_subscriptions WHERE id = ?', args: [id] });
  return rs.rows[0] ? toSubscription(rs.rows[0]) : undefined;
}

export async function listSubscriptions(sql: Sql, activeOnly = false): Promise<SubscriptionRecord[]> {
  const rs = await sql.execute(`SELECT * FROM webhook_subscriptions ${activeOnly ? 'WHERE active = 1' : ''} ORDER BY created_at, id`);
  return rs.rows.map(toSubscription);
}

/** Writes the editable fields and the cursor. */
/** Saves an edit; what the subscription wants may have changed, so the outbox check verifies deliveries from its cursor on. */
export async function updateSubscription(sql: Sql, s: SubscriptionRecord): Promise<void> {
  await sql.execute({
    sql: `UPDATE webhook_subscriptions SET url = ?, events = ?, description = ?, active = ?, low_stock_threshold = ?, channels = ?, cursor = ?,
          start_cursor = ?, updated_at = ? WHERE id = ?`,
    args: [
      s.url,
      JSON.stringify(s.events),
      s.description,
      s.active ? 1 : 0,
      s.lowStockThreshold,
      s.channels ? JSON.stringify(s.channels) : null,
      s.cursor,
      s.cursor,
      s.updatedAt,
      s.id,
    ],
  });
}

/** Installs a new secret; the old one keeps signing until `previousExpiresAt` (or not at all). */
export async function replaceSecret(sql: Sql, id: string, secret: string, previousExpiresAt: string | null, now: string): Promise<void> {
  await sql.execute({
    sql: `UPDATE webhook_subscriptions SET previous_secret = CASE WHEN ? IS NULL THEN NULL ELSE secret END,
          previous_secret_expires_at = ?, secret = ?, updated_at = ? WHERE id = ?`,
    args: [previousExpiresAt, previousExpiresAt, secret, now, id],
  });
}

/** Moves a cursor forward only from where this caller saw it (a compare-and-set). */
export async function advanceCursor(sql: Sql, id: string, from: number, to: number): Promise<boolean> {
  const rs = await sql.execute({ sql: 'UPDATE webhook_subscriptions SET cursor = ? WHERE id = ? AND cursor = ?', args: [to, id, from] });
  return rs.rowsAffected === 1;
}

/** Whether any active subscription's cursor is behind the end of the event log (a cheap read). */
export async function hasUnreadEvents(sql: Sql): Promise<boolean> {
  const rs = await sql.execute(
    'SELECT 1 FROM webhook_subscriptions WHERE active = 1 AND cursor < (SELECT COALESCE(MAX(seq), 0) FROM events) LIMIT 1',
  );
  return rs.rows.length > 0;
}

/** Removes a subscription with its deliveries, attempts, low-stock marks and channel stock marks. */
export async function deleteSubscription(sql: Sql, id: string): Promise<boolean> {
  await sql.execute({
    sql: 'DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE subscription_id = ?)',
    args: [id],
  });
  await sql.execute({ sql: 'DELETE FROM webhook_deliveries WHERE subscription_id = ?', args: [id] });
  await sql.execute({ sql: 'DELETE FROM webhook_low_stock WHERE subscription_id = ?', args: [id] });
  await sql.execute({ sql: 'DELETE FROM webhook_channel_stock WHERE subscription_id = ?', args: [id] });
  const rs = await sql.execute({ sql: 'DELETE FROM webhook_subscriptions WHERE id = ?', args: [id] });
  return rs.rowsAffected === 1;
}

function toSubscription(r: Row): SubscriptionRecord {
  return {
    id: str(r, 'id'),
    url: str(r, 'url'),
    events: json<string[]>(r, 'events'),
    description: optStr(r, 'description') ?? null,
    active: bool(r, 'active'),
    lowStockThreshold: r.low_stock_threshold == null ? null : num(r, 'low_stock_threshold'),
    channels: r.channels == null ? null : json<string[]>(r, 'channels'),
    cursor: num(r, 'cursor'),
    previousSecretExpiresAt: optStr(r, 'previous_secret_expires_at') ?? null,
    createdAt: str(r, 'created_at'),
    updatedAt: str(r, 'updated_at'),
  };
}

// ---- inventory.low bookkeeping

/** Marks a SKU at a warehouse as reported low to a subscription; false when it already was. */
export async function markLow(sql: Sql, subscriptionId: string, loc: { sku: string; warehouseId: string }, seq: number): Promise<boolean> {
  const rs = await sql.execute({
    sql: 'INSERT OR IGNORE INTO webhook_low_stock (subscription_id, sku, warehouse_id, since_seq) VALUES (?, ?, ?, ?)',
    args: [subscriptionId, loc.sku, loc.warehouseId, seq],
  });
  return rs.rowsAffected === 1;
}

/** Forgets a low mark once stock recovered, so the next fall is reported again. */
export async function clearLow(sql: Sql, subscriptionId: string, loc: { sku: string; warehouseId: string }): Promise<void> {
  await sql.execute({
    sql: 'DELETE FROM webhook_low_stock WHERE subscription_id = ? AND sku = ? AND warehouse_id = ?',
    args: [subscriptionId, loc.sku, loc.warehouseId],
  });
}

/** Where the units of these fulfillments were reserved (a reroute's event names only fulfillment ids). */
export async function fulfillmentLocations(sql: Sql, fulfillmentIds: string[]): Promise<{ sku: string; warehouseId: string }[]> {
  if (fulfillmentIds.length === 0) return [];
  const rs = await sql.execute({
    sql: `SELECT DISTINCT l.sku, f.warehouse_id FROM fulfillment_lines l JOIN fulfillments f ON f.id = l.fulfillment_id
          WHERE f.id IN (${placeholders(fulfillmentIds.length)})`,
    args: fulfillmentIds,
  });
  return rs.rows.map((r) => ({ sku: str(r, 'sku'), warehouseId: str(r, 'warehouse_id') }));
}

// ---- channel.stock_changed bookkeeping

/** What a subscription was last sent for one channel and SKU. */
export interface StockMark {
  ats: number;
  platformSkus: string[];
}

export interface StockMarkKey {
  subscriptionId: string;
  channelId: string;
  sku: string;
}

export async function getStockMark(sql: Sql, k: StockMarkKey): Promise<StockMark | undefined> {
  const rs = await sql.execute({
    sql: 'SELECT ats, platform_skus FROM webhook_channel_stock WHERE subscription_id = ? AND channel_id = ? AND sku = ?',
    args: [k.subscriptionId, k.channelId, k.sku],
  });
  const r = rs.rows[0];
  return r ? { ats: num(r, 'ats'), platformSkus: json<string[]>(r, 'platform_skus') } : undefined;
}

/** Every mark of a subscription for one channel, by SKU (a settings change may move them all). */
export async function listStockMarks(sql: Sql, subscriptionId: string, channelId: string): Promise<Map<string, StockMark>> {
  const rs = await sql.execute({
    sql: 'SELECT sku, ats, platform_skus FROM webhook_channel_stock WHERE subscription_id = ? AND channel_id = ?',
    args: [subscriptionId, channelId],
  });
  return new Map(rs.rows.map((r) => [str(r, 'sku'), { ats: num(r, 'ats'), platformSkus: json<string[]>(r, 'platform_skus') }]));
}

/** Records what was just pushed (with the event seq that caused it). */
export async function putStockMark(sql: Sql, k: StockMarkKey, mark: StockMark, seq: number): Promise<void> {
  await sql.execute({
    sql: `INSERT INTO webhook_channel_stock (subscription_id, channel_id, sku, ats, platform_skus, seq) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (subscription_id, channel_id, sku) DO UPDATE SET ats = excluded.ats, platform_skus = excluded.platform_skus, seq = excluded.seq`,
    args: [k.subscriptionId, k.channelId, k.sku, mark.ats, JSON.stringify(mark.platformSkus), seq],
  });
}
