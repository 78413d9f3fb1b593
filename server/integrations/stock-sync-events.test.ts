import { describe, expect, it } from 'vitest';
import { NO_BUFFER } from './channel-stock.ts';
import { platformSkusBySku, skuMapChangedEvent, stockSettingsChangedEvent } from './stock-sync-events.ts';

const at = '2026-01-01T00:00:00.000Z';

describe('stock sync log events', () => {
  it('logs a settings write with the settings before and after, and nothing when they are the same', () => {
    const after = { ...NO_BUFFER, bufferPercent: 10 };
    expect(stockSettingsChangedEvent({ channelId: 'amazon', before: null, after }, at)).toEqual({
      type: 'channel.stock_settings_changed',
      at,
      data: { channelId: 'amazon', before: null, after },
    });
    expect(stockSettingsChangedEvent({ channelId: 'amazon', before: after, after: { ...after } }, at)).toBeUndefined();
  });

  it('logs only the SKUs whose platform SKUs a new map changed', () => {
    const before = [
      { platformSku: 'B-2', sku: 'CD' },
      { platformSku: 'B-1', sku: 'CD' },
      { platformSku: 'T-1', sku: 'TONGS' },
    ];
    const after = [
      { platformSku: 'B-1', sku: 'CD' },
      { platformSku: 'B-2', sku: 'CD' },
      { platformSku: 'O-1', sku: 'OIL' },
    ];
    expect(skuMapChangedEvent('ebay', { before, after }, at)?.data).toEqual({
      channelId: 'ebay',
      mappings: { before: 3, after: 3 },
      changes: [
        { sku: 'OIL', before: [], after: ['O-1'] },
        { sku: 'TONGS', before: ['T-1'], after: [] },
      ],
    });
    expect(skuMapChangedEvent('ebay', { before, after: [...before].reverse() }, at)).toBeUndefined();
  });

  it('lists each SKU’s platform SKUs sorted', () => {
    expect(
      platformSkusBySku([
        { platformSku: 'Z', sku: 'A' },
        { platformSku: 'M', sku: 'A' },
      ]),
    ).toEqual(new Map([['A', ['M', 'Z']]]));
  });
});
