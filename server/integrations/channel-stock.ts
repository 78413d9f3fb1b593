// What each sales channel may offer: available stock less the channel's buffer, so a marketplace
// listing never promises units that another channel may sell first. Pure: levels and settings in.

export interface StockBuffer {
  /** Share of available units held back, 0 to 100 (two decimals). */
  bufferPercent: number;
  /** Units held back on top of the percentage. */
  safetyUnits: number;
}

export interface ChannelStockSettings extends StockBuffer {
  /** Warehouses whose stock the channel may sell; null for all of them. */
  warehouses: string[] | null;
  /** Per-SKU buffers; a field given here replaces the channel's. */
  overrides: Record<string, Partial<StockBuffer>>;
}

export interface StockCount {
  sku: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
}

export interface ChannelStockItem {
  sku: string;
  /** Units free across the channel's warehouses (on hand less reserved). */
  available: number;
  heldBack: number;
  /** Available to sell on this channel: never negative, never above available less the buffer. */
  ats: number;
}

export const NO_BUFFER: ChannelStockSettings = { bufferPercent: 0, safetyUnits: 0, warehouses: null, overrides: {} };

/**
 * Available-to-sell per SKU for one channel. The percentage is rounded up in units held back, so
 * rounding can only ever offer fewer units, never more. `skus` adds SKUs with no stock row (ATS 0).
 */
export function availableToSell(
  levels: readonly StockCount[],
  settings: ChannelStockSettings,
  skus: Iterable<string> = [],
): ChannelStockItem[] {
  const allowed = settings.warehouses ? new Set(settings.warehouses) : null;
  const available = new Map<string, number>();
  for (const sku of skus) available.set(sku, 0);
  for (const level of levels) {
    const free = allowed && !allowed.has(level.warehouseId) ? 0 : Math.max(0, level.onHand - level.reserved);
    available.set(level.sku, (available.get(level.sku) ?? 0) + free);
  }
  return [...available.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sku, units]) => {
      const heldBack = Math.min(units, heldBackUnits(units, { ...settings, ...definedOnly(settings.overrides[sku]) }));
      return { sku, available: units, heldBack, ats: units - heldBack };
    });
}

function heldBackUnits(units: number, buffer: StockBuffer): number {
  // Basis points keep the arithmetic in integers: 12.5 % is 1250.
  const basisPoints = Math.min(10_000, Math.max(0, Math.round(buffer.bufferPercent * 100)));
  const byPercent = Math.floor((units * basisPoints + 9_999) / 10_000);
  return byPercent + Math.max(0, Math.floor(buffer.safetyUnits));
}

function definedOnly(override: Partial<StockBuffer> | undefined): Partial<StockBuffer> {
  if (!override) return {};
  return Object.fromEntries(Object.entries(override).filter(([, v]) => v !== undefined && v !== null));
}
