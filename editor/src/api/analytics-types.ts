// The analytics reports as the editor reads them. The server's report modules import its store
// (and so Node), so the shapes are restated here; test/editor/support/api-shapes.ts holds the
// server's own types to them in `npm run typecheck`.
import type { DateRange } from '../../../server/services/analytics-range.ts';

export type { DateRange };

export interface OrdersReport {
  range: DateRange;
  total: number;
  byChannel: { channelId: string; orders: number }[];
  byStatus: { status: string; orders: number }[];
  /** Every day of the range, with zeros. */
  byDay: { day: string; orders: number; byChannel: Record<string, number> }[];
}

/** Minor units. */
export interface CostParts {
  shipping: number;
  handling: number;
  duties: number;
  total: number;
}

export interface LandedCostReport {
  range: DateRange;
  orders: number;
  total: CostParts;
  perOrder: CostParts;
  byDay: { day: string; orders: number; total: CostParts; perOrder: CostParts }[];
}

export interface Percentiles {
  count: number;
  p50: number | null;
  p90: number | null;
}

export interface FulfillmentReport {
  range: DateRange;
  orders: number;
  splitOrders: number;
  splitRate: number | null;
  leadTimeHours: { orderToShip: Percentiles; shipToDeliver: Percentiles; orderToDeliver: Percentiles };
  onTime: { delivered: number; onTime: number; rate: number | null };
}

export interface StockOutReport {
  range: DateRange;
  backordered: { orders: number; units: number; bySku: { sku: string; orders: number; units: number }[] };
  stillBackordered: { orders: number; units: number };
  backordersFilled: { reroutes: number; units: number };
  oversellPrevented: { backorderHolds: number; rerouteAttemptsWithoutStock: number; total: number };
}

export interface WarehouseTurnover {
  warehouseId: string;
  shippedUnits: number;
  unitsPerDay: number;
  onHand: number;
  reserved: number;
  available: number;
  quarantined: number;
  turnover: number | null;
  daysOfCover: number | null;
}

export interface InventoryReport {
  range: DateRange;
  warehouses: WarehouseTurnover[];
}

export interface VelocityMatrix {
  range: DateRange;
  warehouses: string[];
  skus: string[];
  /** `units[row][column]`: units of `skus[row]` shipped from `warehouses[column]`. */
  units: number[][];
  unitsPerDay: number[][];
  totals: { bySku: number[]; byWarehouse: number[] };
  max: number;
  omittedSkus: number;
}

export interface ReturnsReport {
  range: DateRange;
  shippedUnits: number;
  returnedUnits: number;
  rate: number | null;
  bySku: { sku: string; shippedUnits: number; returnedUnits: number; rate: number | null; sellable: number; damaged: number }[];
  byReason: { reason: string; returns: number; units: number; share: number | null }[];
  bySkuReason: { sku: string; reason: string; units: number }[];
}

/** Each `GET /v1/analytics/<name>` report's body. */
export interface AnalyticsReports {
  orders: OrdersReport;
  'landed-cost': LandedCostReport;
  fulfillment: FulfillmentReport;
  'stock-outs': StockOutReport;
  inventory: InventoryReport;
  velocity: VelocityMatrix;
  returns: ReturnsReport;
}

/** The date range of a report: dates (`2026-11-01`) or date-times; a date `to` includes that day. */
export interface AnalyticsRange {
  from?: string | undefined;
  to?: string | undefined;
}
