// The log events a change to a channel's stock settings or SKU map writes, in the same transaction
// as the change. The webhook dispatcher turns them into `channel.stock_changed` for the SKUs whose
// available-to-sell or platform SKUs moved; each records the state before and after, so the state
// at any point of the log can be read back.
import type { NewEvent } from '../store/event-repo.ts';
import type { ChannelStockSettings } from './channel-stock.ts';

export const STOCK_SETTINGS_CHANGED = 'channel.stock_settings_changed';
export const SKU_MAP_CHANGED = 'channel.sku_map_changed';

export interface StockSettingsChanged {
  channelId: string;
  /** Null when the channel had no settings (it was offered everything, like NO_BUFFER). */
  before: ChannelStockSettings | null;
  after: ChannelStockSettings;
}

export interface PlatformSkuChange {
  sku: string;
  /** The platform SKUs the SKU was listed under, sorted; empty when it was not mapped. */
  before: string[];
  after: string[];
}

export interface SkuMapChanged {
  channelId: string;
  /** How many mappings the channel had (a channel with none and no settings takes no part in stock sync). */
  mappings: { before: number; after: number };
  /** Only the SKUs whose platform SKUs changed. */
  changes: PlatformSkuChange[];
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The platform SKUs each SKU is listed under, sorted (what channel stock and its pushes show). */
export function platformSkusBySku(mappings: readonly { platformSku: string; sku: string }[]): Map<string, string[]> {
  const listed = new Map<string, string[]>();
  for (const m of mappings) listed.set(m.sku, [...(listed.get(m.sku) ?? []), m.platformSku]);
  for (const list of listed.values()) list.sort(byCode);
  return listed;
}

/** The event for a settings write, or undefined when nothing changed. */
export function stockSettingsChangedEvent(data: StockSettingsChanged, at: string): NewEvent | undefined {
  if (JSON.stringify(data.before) === JSON.stringify(data.after)) return undefined;
  return { type: STOCK_SETTINGS_CHANGED, at, data: { ...data } };
}

/** The event for a SKU map replacement, listing the SKUs whose platform SKUs changed; undefined when none did. */
export function skuMapChangedEvent(
  channelId: string,
  maps: { before: readonly { platformSku: string; sku: string }[]; after: readonly { platformSku: string; sku: string }[] },
  at: string,
): NewEvent | undefined {
  const before = platformSkusBySku(maps.before);
  const after = platformSkusBySku(maps.after);
  const changes: PlatformSkuChange[] = [...new Set([...before.keys(), ...after.keys()])]
    .sort(byCode)
    .map((sku) => ({ sku, before: before.get(sku) ?? [], after: after.get(sku) ?? [] }))
    .filter((c) => c.before.join('\u0000') !== c.after.join('\u0000'));
  if (changes.length === 0) return undefined;
  const data: SkuMapChanged = { channelId, mappings: { before: maps.before.length, after: maps.after.length }, changes };
  return { type: SKU_MAP_CHANGED, at, data: { ...data } };
}
