// The replay's own stock: available units per warehouse and SKU, in memory, never the live table.
// Reservations take units out for good (reserved units leave stock); replenishments add them.
import type { StockView } from '../domain/routing.ts';
import type { SkuQuantity } from '../domain/types.ts';
import { factorFor } from './network.ts';
import type { Multiplier, Replenishment, StockLine } from './types.ts';

export class StockState {
  private readonly levels = new Map<string, Map<string, number>>();

  /** Starts from the snapshot, each warehouse's units scaled by the multiplier (rounded down). */
  constructor(
    snapshot: Iterable<StockLine>,
    private readonly multiplier?: Multiplier | undefined,
  ) {
    for (const s of snapshot) this.add(s.warehouseId, s.sku, this.scale(s.warehouseId, s.onHand));
  }

  /** Routing reads this view directly; it stays current as units move. */
  get view(): StockView {
    return this.levels;
  }

  available(warehouseId: string, sku: string): number {
    return this.levels.get(warehouseId)?.get(sku) ?? 0;
  }

  /** Takes a shipment's units out; answers the SKUs it left with none. */
  reserve(warehouseId: string, lines: SkuQuantity[]): string[] {
    const bySku = this.levels.get(warehouseId);
    const emptied: string[] = [];
    for (const l of lines) {
      const left = (bySku?.get(l.sku) ?? 0) - l.quantity;
      // Routing only plans what is available, so this never goes below zero; clamp to be safe.
      bySku?.set(l.sku, Math.max(0, left));
      if (left <= 0) emptied.push(l.sku);
    }
    return emptied;
  }

  /** Adds (or removes) units; scaled like the opening stock so a variant keeps its proportions. */
  replenish(r: Replenishment): void {
    const delta = r.delta >= 0 ? this.scale(r.warehouseId, r.delta) : -this.scale(r.warehouseId, -r.delta);
    this.add(r.warehouseId, r.sku, delta);
  }

  /** Whether any of these SKUs is available anywhere. */
  hasAny(skus: string[]): boolean {
    for (const bySku of this.levels.values()) for (const sku of skus) if ((bySku.get(sku) ?? 0) > 0) return true;
    return false;
  }

  private add(warehouseId: string, sku: string, units: number): void {
    let bySku = this.levels.get(warehouseId);
    if (!bySku) {
      bySku = new Map();
      this.levels.set(warehouseId, bySku);
    }
    bySku.set(sku, Math.max(0, (bySku.get(sku) ?? 0) + units));
  }

  private scale(warehouseId: string, units: number): number {
    return Math.floor(units * factorFor(this.multiplier, warehouseId));
  }
}
