// Derives `channel.stock_changed`: after an event that moves a SKU's available units, or a change to
// a channel's stock settings or SKU map, each stock-sync channel's view of the SKU right after the
// event is compared with what the subscription was last sent (when it was never sent anything, with
// the view right before the event). A push goes out only when the ATS or the platform SKUs differ.
import { SKU_MAP_CHANGED, STOCK_SETTINGS_CHANGED, type SkuMapChanged } from '../integrations/stock-sync-events.ts';
import type { Sql } from '../store/client.ts';
import type { StoredEvent } from '../store/event-repo.ts';
import { getStockMark, listStockMarks, putStockMark, type StockMark } from '../store/webhook-repo.ts';
import type { ChannelSkuView, ChannelStockLens } from './channel-stock-lens.ts';
import { CHANNEL_STOCK_CHANGED } from './event-types.ts';
import { eventIdOf, type WebhookEvent } from './payload.ts';

export interface ChannelStockInput {
  subscriptionId: string;
  /** The subscription's channel filter; null for every stock-sync channel. */
  channels: readonly string[] | null;
  event: StoredEvent;
}

/** The `channel.stock_changed` events one log event causes for one subscription (and its marks updated). */
export async function channelStockEvents(sql: Sql, lens: ChannelStockLens, input: ChannelStockInput): Promise<WebhookEvent[]> {
  const { event, subscriptionId } = input;
  const out: WebhookEvent[] = [];
  for (const channelId of await lens.channelsAround(event.seq)) {
    if (input.channels && !input.channels.includes(channelId)) continue;
    const skus = await affectedSkus(lens, channelId, event);
    if (skus.length === 0) continue;
    // A settings change may move every SKU: read the channel's marks at once, not one by one.
    const marks = event.type === STOCK_SETTINGS_CHANGED ? await listStockMarks(sql, subscriptionId, channelId) : undefined;
    for (const sku of skus) {
      const k = { subscriptionId, channelId, sku };
      const now = await lens.viewAt(channelId, sku, event.seq);
      const last = marks ? marks.get(sku) : await getStockMark(sql, k);
      const previous = last ?? (await lens.viewAt(channelId, sku, event.seq - 1));
      if (isSame(now, previous)) continue;
      await putStockMark(sql, k, { ats: now.ats, platformSkus: now.platformSkus }, event.seq);
      out.push(stockChanged(event, channelId, now, previous.ats));
    }
  }
  return out;
}

/** The SKUs whose view on this channel the event may have moved. */
async function affectedSkus(lens: ChannelStockLens, channelId: string, e: StoredEvent): Promise<string[]> {
  const ofThisChannel = (e.data as { channelId?: unknown }).channelId === channelId;
  if (e.type === STOCK_SETTINGS_CHANGED) return ofThisChannel ? lens.skusInStock() : [];
  if (e.type === SKU_MAP_CHANGED) return ofThisChannel ? (e.data as unknown as SkuMapChanged).changes.map((c) => c.sku) : [];
  const changes = lens.changesOf(e);
  if (changes.length === 0) return [];
  // Stock in a warehouse the channel does not sell from cannot move its ATS.
  const { warehouses } = await lens.settingsAt(channelId, e.seq);
  return [...new Set(changes.filter((c) => !warehouses || warehouses.includes(c.warehouseId)).map((c) => c.sku))];
}

const isSame = (a: StockMark, b: StockMark): boolean => a.ats === b.ats && a.platformSkus.join('\u0000') === b.platformSkus.join('\u0000');

function stockChanged(e: StoredEvent, channelId: string, view: ChannelSkuView, previous: number): WebhookEvent {
  const { sku, platformSkus, ats, available, heldBack } = view;
  return {
    id: `${eventIdOf(e.seq)}:ats:${channelId}:${sku}`,
    type: CHANNEL_STOCK_CHANGED,
    createdAt: e.at,
    sequence: e.seq,
    data: { channelId, sku, platformSkus, ats, previous, available, heldBack, causedBy: { id: eventIdOf(e.seq), type: e.type } },
  };
}
