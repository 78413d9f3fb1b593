// Stock counts from warehouses and ERPs (all or none) and the real-time view across locations.
import { DomainError, invalid, notFound, type ErrorDetail } from '../domain/errors.ts';
import type { Clock } from '../domain/ports.ts';
import type { Db } from '../store/client.ts';
import { appendEvent } from '../store/event-repo.ts';
import * as stock from '../store/stock-repo.ts';
import type { Catalogue } from './catalogue.ts';

export type Adjustment = { sku: string; warehouseId: string; delta: number } | { sku: string; warehouseId: string; onHand: number };

export interface AdjustmentResult {
  sku: string;
  warehouseId: string;
  before: number;
  after: number;
}

export interface SkuInventory {
  sku: string;
  total: { onHand: number; reserved: number; available: number };
  locations: stock.StockLevel[];
}

export class Inventory {
  constructor(
    private readonly db: Db,
    private readonly catalogue: Catalogue,
    private readonly clock: Clock,
    /** Called after stock went up somewhere: backorders may now be filled. */
    private readonly onStockAdded: () => void,
  ) {}

  /** Applies every adjustment or none; on-hand may not fall below what is reserved. */
  async adjust(reason: string, adjustments: Adjustment[]): Promise<AdjustmentResult[]> {
    const { warehouses, products } = await this.catalogue.snapshot();
    const known = new Set(warehouses.map((w) => w.id));
    const details: ErrorDetail[] = [];
    adjustments.forEach((a, i) => {
      if (!products.has(a.sku)) details.push({ path: `adjustments.${i}.sku`, message: `unknown SKU ${a.sku}` });
      if (!known.has(a.warehouseId)) details.push({ path: `adjustments.${i}.warehouseId`, message: `unknown warehouse ${a.warehouseId}` });
    });
    if (details.length > 0) throw invalid('some adjustments name things that do not exist', details);
    const now = this.clock.now().toISOString();
    const results = await this.db.write(async (sql) => {
      const out: AdjustmentResult[] = [];
      for (const [i, a] of adjustments.entries()) {
        const level = await stock.getStockLevel(sql, a.sku, a.warehouseId);
        const before = level?.onHand ?? 0;
        const after = 'delta' in a ? before + a.delta : a.onHand;
        const reserved = level?.reserved ?? 0;
        if (after < reserved) {
          throw new DomainError('conflict', 'an adjustment would leave fewer units on hand than are reserved', [
            {
              path: `adjustments.${i}`,
              message: `${a.sku} at ${a.warehouseId}: ${after} on hand but ${reserved} reserved for open orders`,
            },
          ]);
        }
        await stock.setOnHand(sql, a.sku, a.warehouseId, after, now);
        await appendEvent(sql, {
          type: 'inventory.adjusted',
          at: now,
          sku: a.sku,
          data: { warehouseId: a.warehouseId, before, after, reserved, reason },
        });
        out.push({ sku: a.sku, warehouseId: a.warehouseId, before, after });
      }
      return out;
    });
    if (results.some((r) => r.after > r.before)) this.onStockAdded();
    return results;
  }

  async forSku(sku: string): Promise<SkuInventory> {
    const { products } = await this.catalogue.snapshot();
    if (!products.has(sku)) throw notFound('product', sku);
    const locations = await this.db.read((sql) => stock.stockForSku(sql, sku));
    const onHand = locations.reduce((n, l) => n + l.onHand, 0);
    const reserved = locations.reduce((n, l) => n + l.reserved, 0);
    return { sku, total: { onHand, reserved, available: Math.max(0, onHand - reserved) }, locations };
  }

  async forWarehouse(warehouseId: string): Promise<stock.StockLevel[]> {
    const { warehouses } = await this.catalogue.snapshot();
    if (!warehouses.some((w) => w.id === warehouseId)) throw notFound('warehouse', warehouseId);
    return this.db.read((sql) => stock.stockForWarehouse(sql, warehouseId));
  }

  all = (): Promise<stock.StockLevel[]> => this.db.read((sql) => stock.allStock(sql));
}
