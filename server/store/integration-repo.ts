// Channel integrations: platform settings, SKU maps, stock buffers and the platform side of orders.
// The webhook secret is kept whole, not hashed (verifying an HMAC needs the secret itself): sealed by
// the service (see secret-box.ts), so the column holds it encrypted.
import type { Row } from '@libsql/client';
import type { ChannelStockSettings } from '../integrations/channel-stock.ts';
import type { Platform } from '../integrations/draft-order.ts';
import type { OrderSource } from '../integrations/map-order.ts';
import type { Sql } from './client.ts';
import { json, num, optStr, str } from './rows.ts';

export interface ChannelIntegration {
  channelId: string;
  platform: Platform;
  secret?: string | undefined;
  /** Units of the deployment currency per unit of each other currency. */
  currencyRates: Record<string, number>;
  updatedAt: string;
}

export interface SkuMapping {
  platformSku: string;
  sku: string;
}

export interface PlatformOrder {
  channelId: string;
  externalId: string;
  orderId: string;
  source: OrderSource;
  receivedAt: string;
}

export async function getIntegration(sql: Sql, channelId: string): Promise<ChannelIntegration | undefined> {
  const rs = await sql.execute({ sql: 'SELECT * FROM channel_integrations WHERE channel_id = ?', args: [channelId] });
  const row = rs.rows[0];
  if (!row) return undefined;
  return {
    channelId,
    platform: str(row, 'platform') as Platform,
    secret: optStr(row, 'secret'),
    currencyRates: json<Record<string, number>>(row, 'currency_rates'),
    updatedAt: str(row, 'updated_at'),
  };
}

export async function putIntegration(sql: Sql, i: ChannelIntegration): Promise<void> {
  await sql.execute({
    sql: `INSERT INTO channel_integrations (channel_id, platform, secret, currency_rates, updated_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (channel_id) DO UPDATE SET platform = excluded.platform, secret = excluded.secret,
            currency_rates = excluded.currency_rates, updated_at = excluded.updated_at`,
    args: [i.channelId, i.platform, i.secret ?? null, JSON.stringify(i.currencyRates), i.updatedAt],
  });
}

export async function listSkuMap(sql: Sql, channelId: string): Promise<SkuMapping[]> {
  const rs = await sql.execute({
    sql: 'SELECT platform_sku, sku FROM channel_sku_map WHERE channel_id = ? ORDER BY platform_sku',
    args: [channelId],
  });
  return rs.rows.map((r) => ({ platformSku: str(r, 'platform_sku'), sku: str(r, 'sku') }));
}

/** Replaces the channel's whole map. */
export async function replaceSkuMap(sql: Sql, channelId: string, mappings: SkuMapping[]): Promise<void> {
  await sql.execute({ sql: 'DELETE FROM channel_sku_map WHERE channel_id = ?', args: [channelId] });
  for (const m of mappings) {
    await sql.execute({
      sql: 'INSERT INTO channel_sku_map (channel_id, platform_sku, sku) VALUES (?, ?, ?)',
      args: [channelId, m.platformSku, m.sku],
    });
  }
}

export async function getStockSettings(sql: Sql, channelId: string): Promise<ChannelStockSettings | undefined> {
  const rs = await sql.execute({ sql: 'SELECT * FROM channel_stock_settings WHERE channel_id = ?', args: [channelId] });
  const row = rs.rows[0];
  if (!row) return undefined;
  const warehouses = optStr(row, 'warehouses');
  return {
    bufferPercent: num(row, 'buffer_percent'),
    safetyUnits: num(row, 'safety_units'),
    warehouses: warehouses === undefined ? null : (JSON.parse(warehouses) as string[]),
    overrides: json<ChannelStockSettings['overrides']>(row, 'overrides'),
  };
}

export async function putStockSettings(sql: Sql, channelId: string, s: ChannelStockSettings, now: string): Promise<void> {
  await sql.execute({
    sql: `INSERT INTO channel_stock_settings (channel_id, buffer_percent, safety_units, warehouses, overrides, updated_at) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (channel_id) DO UPDATE SET buffer_percent = excluded.buffer_percent, safety_units = excluded.safety_units,
            warehouses = excluded.warehouses, overrides = excluded.overrides, updated_at = excluded.updated_at`,
    args: [channelId, s.bufferPercent, s.safetyUnits, s.warehouses ? JSON.stringify(s.warehouses) : null, JSON.stringify(s.overrides), now],
  });
}

export interface StockSyncState {
  hasSettings: boolean;
  mappings: number;
}

/** The channels with stock settings or a SKU map (those that take part in stock sync), and which they have. */
export async function stockSyncState(sql: Sql): Promise<Map<string, StockSyncState>> {
  const rs = await sql.execute(
    `SELECT channel_id, 1 AS settings, 0 AS mappings FROM channel_stock_settings
     UNION ALL SELECT channel_id, 0, COUNT(*) FROM channel_sku_map GROUP BY channel_id`,
  );
  const out = new Map<string, StockSyncState>();
  for (const r of rs.rows) {
    const was = out.get(str(r, 'channel_id')) ?? { hasSettings: false, mappings: 0 };
    out.set(str(r, 'channel_id'), {
      hasSettings: was.hasSettings || num(r, 'settings') === 1,
      mappings: was.mappings + num(r, 'mappings'),
    });
  }
  return out;
}

export async function findPlatformOrder(sql: Sql, channelId: string, externalId: string): Promise<PlatformOrder | undefined> {
  const rs = await sql.execute({
    sql: 'SELECT * FROM platform_orders WHERE channel_id = ? AND external_id = ?',
    args: [channelId, externalId],
  });
  return rs.rows[0] ? toPlatformOrder(rs.rows[0]) : undefined;
}

/** Records the platform side of an order once; a concurrent duplicate delivery changes nothing. */
export async function insertPlatformOrder(sql: Sql, p: PlatformOrder): Promise<void> {
  await sql.execute({
    sql: `INSERT INTO platform_orders (channel_id, external_id, order_id, platform, source, received_at) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (channel_id, external_id) DO NOTHING`,
    args: [p.channelId, p.externalId, p.orderId, p.source.platform, JSON.stringify(p.source), p.receivedAt],
  });
}

function toPlatformOrder(row: Row): PlatformOrder {
  return {
    channelId: str(row, 'channel_id'),
    externalId: str(row, 'external_id'),
    orderId: str(row, 'order_id'),
    source: json<OrderSource>(row, 'source'),
    receivedAt: str(row, 'received_at'),
  };
}
