import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availableToSell, NO_BUFFER, type ChannelStockSettings, type StockCount } from './channel-stock.ts';

const level = (sku: string, warehouseId: string, onHand: number, reserved = 0): StockCount => ({ sku, warehouseId, onHand, reserved });

describe('available to sell per channel', () => {
  it('sums free units across warehouses and holds back the buffer, rounding in the safe direction', () => {
    const settings: ChannelStockSettings = { ...NO_BUFFER, bufferPercent: 10, safetyUnits: 2 };
    const items = availableToSell([level('A', 'UK', 10, 3), level('A', 'DE', 8)], settings);
    // 15 free; 10 % of 15 is 1.5, held back as 2; plus 2 safety units.
    expect(items).toEqual([{ sku: 'A', available: 15, heldBack: 4, ats: 11 }]);
  });

  it('applies per-SKU overrides field by field, counts only the channel’s warehouses, and lists SKUs with no stock', () => {
    const settings: ChannelStockSettings = { bufferPercent: 50, safetyUnits: 1, warehouses: ['UK'], overrides: { B: { safetyUnits: 0 } } };
    const items = availableToSell([level('A', 'UK', 10), level('A', 'DE', 100), level('B', 'UK', 4)], settings, ['C']);
    expect(items).toEqual([
      { sku: 'A', available: 10, heldBack: 6, ats: 4 },
      { sku: 'B', available: 4, heldBack: 2, ats: 2 },
      { sku: 'C', available: 0, heldBack: 0, ats: 0 },
    ]);
  });

  it('never offers more than available less the buffer, and never a negative number (property)', () => {
    const levels = fc.array(
      fc.record({
        sku: fc.constantFrom('A', 'B', 'C'),
        warehouseId: fc.constantFrom('UK', 'DE', 'US'),
        onHand: fc.nat(500),
        reserved: fc.nat(600),
      }),
      { maxLength: 12 },
    );
    const buffer = fc.record({ bufferPercent: fc.double({ min: 0, max: 100, noNaN: true }), safetyUnits: fc.nat(50) });
    fc.assert(
      fc.property(levels, buffer, fc.option(fc.subarray(['UK', 'DE', 'US'])), (rows, b, warehouses) => {
        const settings: ChannelStockSettings = { ...b, warehouses, overrides: {} };
        for (const item of availableToSell(rows, settings)) {
          const free = rows
            .filter((r) => r.sku === item.sku && (!warehouses || warehouses.includes(r.warehouseId)))
            .reduce((n, r) => n + Math.max(0, r.onHand - r.reserved), 0);
          expect(item.available).toBe(free);
          expect(item.ats).toBeGreaterThanOrEqual(0);
          expect(item.ats).toBeLessThanOrEqual(Math.max(0, free - b.safetyUnits));
          // The buffer counts in basis points, a hundredth of a per cent (heldBackUnits rounds to them).
          expect(item.ats).toBeLessThanOrEqual(free * (1 - Math.round(b.bufferPercent * 100) / 10_000) + 1e-9);
        }
      }),
    );
  });
});
