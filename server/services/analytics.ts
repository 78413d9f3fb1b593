// Read-only reports over orders, fulfillments, events, stock and returns for a date range: the
// figures behind the editor's Analytics page. Each report is a few aggregate queries (split files).
import type { Clock } from '../domain/ports.ts';
import type { Db } from '../store/client.ts';
import { fulfillmentReport } from './analytics-fulfillment.ts';
import { landedCostReport, ordersReport } from './analytics-orders.ts';
import { parseRange, type RangeQuery } from './analytics-range.ts';
import { returnsReport } from './analytics-returns.ts';
import { inventoryReport, stockOutReport } from './analytics-stock.ts';
import { velocityReport } from './analytics-velocity.ts';
import type { Catalogue } from './catalogue.ts';

export class Analytics {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly catalogue: Catalogue,
  ) {}

  /** Orders by channel, status and day. */
  orders = (q: RangeQuery) => this.db.read((sql) => ordersReport(sql, this.range(q)));

  /** Landed cost per order and its parts, per day. */
  landedCost = (q: RangeQuery) => this.db.read((sql) => landedCostReport(sql, this.range(q)));

  /** Split rate, lead times (p50/p90 hours) and on-time delivery. */
  fulfillment = (q: RangeQuery) => this.db.read((sql) => fulfillmentReport(sql, this.range(q)));

  /** Backordered units and orders, and the oversells that were prevented. */
  stockOuts = (q: RangeQuery) => this.db.read((sql) => stockOutReport(sql, this.range(q)));

  /** Turnover and days of cover per warehouse. */
  async inventory(q: RangeQuery) {
    const range = this.range(q);
    const ids = await this.warehouseIds();
    return this.db.read((sql) => inventoryReport(sql, range, ids));
  }

  /** Units shipped per SKU x warehouse, hottest SKUs first. */
  async velocity(q: RangeQuery & { limit: number }) {
    const range = this.range(q);
    const ids = await this.warehouseIds();
    return this.db.read((sql) => velocityReport(sql, range, ids, q.limit));
  }

  /** Return rates by SKU and reason. */
  returns = (q: RangeQuery) => this.db.read((sql) => returnsReport(sql, this.range(q)));

  private range = (q: RangeQuery) => parseRange(q, this.clock.now());

  private warehouseIds = async () => (await this.catalogue.snapshot()).warehouses.map((w) => w.id);
}
