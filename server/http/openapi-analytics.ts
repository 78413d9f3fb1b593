// Response shapes of the analytics reports, for the OpenAPI document (the services return them as
// plain objects; these schemas describe them field by field for the reference and the editor).
import { z } from 'zod';
import { named } from './openapi-types.ts';

const int = z.number().int();
const share = z.number().nullable().describe('0..1, four places; null when there is nothing to divide by');
const Range = z.object({
  from: z.string().describe('Inclusive, ISO 8601 UTC'),
  to: z.string().describe('Exclusive, ISO 8601 UTC'),
  days: z.number(),
});
const Cost = z.object({ shipping: int, handling: int, duties: int, total: int }).describe('Minor units');
const Pct = z.object({ count: int, p50: z.number().nullable(), p90: z.number().nullable() });
const matrix = z.array(z.array(z.number()));

/** One named schema per report. */
export const ANALYTICS_MODELS = {
  orders: named(
    'OrdersReport',
    z.object({
      range: Range,
      total: int,
      byChannel: z.array(z.object({ channelId: z.string(), orders: int })),
      byStatus: z.array(z.object({ status: z.string(), orders: int })),
      byDay: z.array(z.object({ day: z.string(), orders: int, byChannel: z.record(z.string(), int) })),
    }),
  ),
  landedCost: named(
    'LandedCostReport',
    z.object({
      range: Range,
      orders: int.describe('Orders with a live fulfillment'),
      total: Cost,
      perOrder: Cost,
      byDay: z.array(z.object({ day: z.string(), orders: int, total: Cost, perOrder: Cost })),
    }),
  ),
  fulfillment: named(
    'FulfillmentReport',
    z.object({
      range: Range,
      orders: int,
      splitOrders: int,
      splitRate: share,
      leadTimeHours: z.object({ orderToShip: Pct, shipToDeliver: Pct, orderToDeliver: Pct }),
      onTime: z.object({ delivered: int, onTime: int, rate: share }),
    }),
  ),
  stockOuts: named(
    'StockOutReport',
    z.object({
      range: Range,
      backordered: z.object({ orders: int, units: int, bySku: z.array(z.object({ sku: z.string(), orders: int, units: int })) }),
      stillBackordered: z.object({ orders: int, units: int }),
      backordersFilled: z.object({ reroutes: int, units: int }),
      oversellPrevented: z.object({ backorderHolds: int, rerouteAttemptsWithoutStock: int, total: int }),
    }),
  ),
  inventory: named(
    'InventoryReport',
    z.object({
      range: Range,
      warehouses: z.array(
        z.object({
          warehouseId: z.string(),
          shippedUnits: int,
          unitsPerDay: z.number(),
          onHand: int,
          reserved: int,
          available: int,
          quarantined: int,
          turnover: z.number().nullable(),
          daysOfCover: z.number().nullable(),
        }),
      ),
    }),
  ),
  velocity: named(
    'VelocityMatrix',
    z.object({
      range: Range,
      warehouses: z.array(z.string()).describe('Columns'),
      skus: z.array(z.string()).describe('Rows, most units shipped first'),
      units: matrix.describe('units[row][column]'),
      unitsPerDay: matrix,
      totals: z.object({ bySku: z.array(int), byWarehouse: z.array(int) }),
      max: int,
      omittedSkus: int,
    }),
  ),
  returns: named(
    'ReturnsReport',
    z.object({
      range: Range,
      shippedUnits: int,
      returnedUnits: int,
      rate: share,
      bySku: z.array(z.object({ sku: z.string(), shippedUnits: int, returnedUnits: int, rate: share, sellable: int, damaged: int })),
      byReason: z.array(z.object({ reason: z.string(), returns: int, units: int, share })),
      bySkuReason: z.array(z.object({ sku: z.string(), reason: z.string(), units: int })),
    }),
  ),
};
