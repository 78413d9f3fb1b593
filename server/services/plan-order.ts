// Deciding an order without storing anything: policies and macros, then routing on a stock view,
// then packing the chosen shipments. Intake, dry-runs and simulation all take this one path.
import { quoteShipment } from '../domain/costs.ts';
import { reservesFacing } from '../domain/demand.ts';
import { unitPricesOf } from '../domain/duties.ts';
import { aggregateLines, backorderHold } from '../domain/order.ts';
import { measurePackages } from '../domain/packing.ts';
import { routeOrder, type PlannedShipment, type RoutingPlan, type StockView } from '../domain/routing.ts';
import type { Hold, Product, SkuQuantity, Warehouse } from '../domain/types.ts';
import type { DecisionContext, DecisionOutcome } from './decide.ts';

export interface OrderPlan {
  outcome: DecisionOutcome;
  routing: RoutingPlan | undefined;
  shipments: PlannedShipment[];
  holds: Hold[];
}

/** Routes the given units (the whole order, or its backordered rest) under a decision. */
export function routeUnits(ctx: DecisionContext, outcome: DecisionOutcome, units: SkuQuantity[], stock: StockView): RoutingPlan {
  return routeOrder({
    lines: units,
    country: ctx.order.shipTo.country,
    serviceLevel: outcome.serviceLevel,
    placedAt: ctx.order.placedAt,
    products: ctx.products,
    warehouses: ctx.warehouses,
    stock,
    constraints: outcome.constraints,
    unitPrices: unitPricesOf(ctx.order.lines),
    demand: reservesFacing(ctx.demand, ctx.order.shipTo.country, ctx.warehouses, ctx.routing?.duties),
    options: ctx.routing,
  });
}

/** Packs each planned shipment with the decision's packer and prices what it packed. */
export async function packShipments(
  ctx: DecisionContext,
  outcome: DecisionOutcome,
  shipments: PlannedShipment[],
): Promise<{ shipments: PlannedShipment[]; holds: Hold[] }> {
  if (!outcome.pack) return { shipments, holds: [] };
  const packed: PlannedShipment[] = [];
  for (const s of shipments) {
    const warehouse = ctx.warehouses.find((w) => w.id === s.warehouseId) as Warehouse;
    const lines = s.lines.map((l) => ({ ...l, product: ctx.products.get(l.sku) as Product }));
    const result = await outcome.pack(warehouse, lines);
    if (!result.ok) return { shipments: [], holds: [result.hold] };
    const packages = measurePackages(result.packages, ctx.products);
    const quote = quoteShipment({
      warehouse,
      packages,
      country: ctx.order.shipTo.country,
      serviceLevel: outcome.serviceLevel,
      placedAt: ctx.order.placedAt,
      duties: s.duties,
    });
    if (!quote.ok) {
      return {
        shipments: [],
        holds: [{ reason: 'no_rate', macro: result.macro, message: `${result.macro} packed for ${s.warehouseId}: ${quote.reason}` }],
      };
    }
    packed.push({ ...s, quote: quote.quote });
  }
  return { shipments: packed, holds: [] };
}

/** Decides, routes and packs an order against a stock view. Stores and reserves nothing. */
export async function planOrder(ctx: DecisionContext, decide: (ctx: DecisionContext) => Promise<DecisionOutcome>): Promise<OrderPlan> {
  const outcome = await decide(ctx);
  if (outcome.holds.length > 0) return { outcome, routing: undefined, shipments: [], holds: outcome.holds };
  const routing = outcome.routed ?? routeUnits(ctx, outcome, aggregateLines(ctx.order.lines), ctx.stock);
  const packed = await packShipments(ctx, outcome, routing.shipments);
  if (packed.holds.length > 0) return { outcome, routing, shipments: [], holds: packed.holds };
  const holds = routing.backordered.length > 0 ? [backorderHold(routing.backordered)] : [];
  return { outcome, routing, shipments: packed.shipments, holds };
}

/** Whether two plans put the same units in the same warehouses (packing aside). */
export function sameAllocation(a: RoutingPlan, b: RoutingPlan): boolean {
  const key = (p: RoutingPlan) =>
    JSON.stringify([
      p.shipments.map((s) => [s.warehouseId, [...s.lines].sort((x, y) => x.sku.localeCompare(y.sku))]),
      [...p.backordered].sort((x, y) => x.sku.localeCompare(y.sku)),
    ]);
  return key(a) === key(b);
}
