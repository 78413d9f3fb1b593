// Channel stock as it was at a point of the event log, for `channel.stock_changed`. Stock counts,
// stock settings and SKU maps are read back from the events of the fan-out pass (the counts and
// settings they recorded, and the changes in between); what the pass says nothing about is read from
// the database, which in the fan-out transaction is the state at the end of the log.
import {
  availableToSell,
  NO_BUFFER,
  type ChannelStockItem,
  type ChannelStockSettings,
  type StockCount,
} from '../integrations/channel-stock.ts';
import {
  platformSkusBySku,
  SKU_MAP_CHANGED,
  STOCK_SETTINGS_CHANGED,
  type SkuMapChanged,
  type StockSettingsChanged,
} from '../integrations/stock-sync-events.ts';
import type { Sql } from '../store/client.ts';
import type { StoredEvent } from '../store/event-repo.ts';
import { getStockSettings, listSkuMap, stockSyncState, type StockSyncState } from '../store/integration-repo.ts';
import { allStock, stockForSku, type StockLevel } from '../store/stock-repo.ts';
import { availabilityChanges, availableAt, valueAt, type AvailabilityChange, type Change, type Swap } from './stock-at.ts';

/** One SKU on one channel: what `GET /v1/channels/:id/stock` lists for it. */
export interface ChannelSkuView extends ChannelStockItem {
  platformSkus: string[];
}

const key = (a: string, b: string): string => `${a}\u0000${b}`;

/** Built once per fan-out pass from its events and shared by every subscription. */
export class ChannelStockLens {
  private readonly changes = new Map<number, AvailabilityChange[]>();
  private readonly stock = new Map<string, Change[]>();
  private readonly movedAt = new Map<string, Set<string>>();
  private readonly settings = new Map<string, Swap<ChannelStockSettings | null>[]>();
  private readonly listings = new Map<string, Swap<string[]>[]>();
  private readonly mapSizes = new Map<string, Swap<number>[]>();
  private syncNow: Promise<Map<string, StockSyncState>> | undefined;
  private allSkus: Promise<string[]> | undefined;
  private readonly levelsNow = new Map<string, Promise<StockLevel[]>>();
  private readonly settingsNow = new Map<string, Promise<ChannelStockSettings>>();
  private readonly listingsNow = new Map<string, Promise<Map<string, string[]>>>();
  private readonly views = new Map<string, Promise<ChannelSkuView>>();

  constructor(
    private readonly sql: Sql,
    events: readonly StoredEvent[],
  ) {
    for (const e of events) this.record(e);
  }

  /** How an event of this pass moved available units. */
  changesOf(e: StoredEvent): AvailabilityChange[] {
    return this.changes.get(e.seq) ?? [];
  }

  /**
   * The channels that take part in stock sync (stock settings or a SKU map) right before or right
   * after event `seq`: a channel whose map the event emptied still hears that its SKUs left.
   */
  async channelsAround(seq: number): Promise<string[]> {
    this.syncNow ??= stockSyncState(this.sql);
    const now = await this.syncNow;
    const candidates = [...new Set([...now.keys(), ...this.settings.keys(), ...this.mapSizes.keys()])].sort();
    return candidates.filter((c) => takesPart(this.stateAt(c, seq, now)) || takesPart(this.stateAt(c, seq - 1, now)));
  }

  /** Every SKU with stock somewhere, now or in this pass (a settings change may move any of them). */
  skusInStock(): Promise<string[]> {
    this.allSkus ??= allStock(this.sql).then((levels) => {
      const bySku = new Map<string, StockLevel[]>([...this.movedAt.keys()].map((sku) => [sku, []]));
      for (const l of levels) bySku.set(l.sku, [...(bySku.get(l.sku) ?? []), l]);
      for (const [sku, list] of bySku) this.levelsNow.set(sku, Promise.resolve(list));
      return [...bySku.keys()].sort();
    });
    return this.allSkus;
  }

  async settingsAt(channelId: string, seq: number): Promise<ChannelStockSettings> {
    const logged = valueAt(this.settings.get(channelId) ?? [], seq);
    if (logged) return logged.value ?? NO_BUFFER;
    let now = this.settingsNow.get(channelId);
    if (!now) {
      now = getStockSettings(this.sql, channelId).then((s) => s ?? NO_BUFFER);
      this.settingsNow.set(channelId, now);
    }
    return now;
  }

  /** The channel's view of a SKU right after event `seq` (use `seq - 1` for right before it). */
  viewAt(channelId: string, sku: string, seq: number): Promise<ChannelSkuView> {
    const k = `${key(channelId, sku)}\u0000${seq}`;
    let view = this.views.get(k);
    if (!view) {
      view = this.computeView(channelId, sku, seq);
      this.views.set(k, view);
    }
    return view;
  }

  private async computeView(channelId: string, sku: string, seq: number): Promise<ChannelSkuView> {
    const [levels, settings, platformSkus] = await Promise.all([
      this.levelsAt(sku, seq),
      this.settingsAt(channelId, seq),
      this.platformSkusAt(channelId, sku, seq),
    ]);
    const [item = { sku, available: 0, heldBack: 0, ats: 0 }] = availableToSell(levels, settings, [sku]);
    return { ...item, platformSkus };
  }

  private stateAt(channelId: string, seq: number, now: Map<string, StockSyncState>): StockSyncState {
    const settings = valueAt(this.settings.get(channelId) ?? [], seq);
    const size = valueAt(this.mapSizes.get(channelId) ?? [], seq);
    return {
      hasSettings: settings ? settings.value !== null : (now.get(channelId)?.hasSettings ?? false),
      mappings: size ? size.value : (now.get(channelId)?.mappings ?? 0),
    };
  }

  private async levelsAt(sku: string, seq: number): Promise<StockCount[]> {
    let now = this.levelsNow.get(sku);
    if (!now) {
      now = stockForSku(this.sql, sku);
      this.levelsNow.set(sku, now);
    }
    const counts = new Map((await now).map((l) => [l.warehouseId, l.onHand - l.reserved]));
    for (const warehouseId of this.movedAt.get(sku) ?? []) if (!counts.has(warehouseId)) counts.set(warehouseId, 0);
    return [...counts].map(([warehouseId, units]) => ({
      sku,
      warehouseId,
      onHand: availableAt(this.stock.get(key(sku, warehouseId)) ?? [], seq, units),
      reserved: 0,
    }));
  }

  private async platformSkusAt(channelId: string, sku: string, seq: number): Promise<string[]> {
    const logged = valueAt(this.listings.get(key(channelId, sku)) ?? [], seq);
    if (logged) return logged.value;
    let now = this.listingsNow.get(channelId);
    if (!now) {
      now = listSkuMap(this.sql, channelId).then(platformSkusBySku);
      this.listingsNow.set(channelId, now);
    }
    return (await now).get(sku) ?? [];
  }

  private record(e: StoredEvent): void {
    const changes = availabilityChanges(e);
    if (changes.length > 0) this.changes.set(e.seq, changes);
    for (const c of changes) {
      push(this.stock, key(c.sku, c.warehouseId), { seq: e.seq, delta: c.delta, after: c.after });
      this.movedAt.set(c.sku, (this.movedAt.get(c.sku) ?? new Set()).add(c.warehouseId));
    }
    if (e.type === STOCK_SETTINGS_CHANGED) {
      const d = e.data as unknown as StockSettingsChanged;
      push(this.settings, d.channelId, { seq: e.seq, before: d.before, after: d.after });
    } else if (e.type === SKU_MAP_CHANGED) {
      const d = e.data as unknown as SkuMapChanged;
      for (const c of d.changes) push(this.listings, key(d.channelId, c.sku), { seq: e.seq, before: c.before, after: c.after });
      push(this.mapSizes, d.channelId, { seq: e.seq, ...d.mappings });
    }
  }
}

const takesPart = (s: StockSyncState): boolean => s.hasSettings || s.mappings > 0;

function push<T>(map: Map<string, T[]>, k: string, value: T): void {
  const list = map.get(k);
  if (list) list.push(value);
  else map.set(k, [value]);
}
