// Routing: which warehouses ship which units of an order, at the least landed cost. A plan is
// ranked by fewest backordered units, then (when a policy prefers warehouses) by using only
// preferred ones, then by its routing cost: carrier rates per package, handling, duties and import
// VAT (DDP), a penalty per extra shipment, lateness against the service level's promise, stock
// look-ahead and score-macro adjustments. See optimizer.ts for how the plan is found.
import { buildModel, type RoutingModel } from './routing-model.ts';
import { contentLines } from './routing-cost.ts';
import { optimise, type OptimiseResult } from './optimizer.ts';
import { alternativesFor, breakdownOf, describeCandidates, etaOf, objectiveOf } from './routing-trace.ts';
import type { Allocation } from './optimizer-plan.ts';
import type { PlannedShipment, RoutingPlan, RoutingRequest } from './routing-types.ts';
import type { RoutingConstraints, RoutingTrace, SkuQuantity } from './types.ts';

export type { Packer, PlannedShipment, RoutingPlan, RoutingRequest, StockView } from './routing-types.ts';
export { DEFAULT_ROUTING_OPTIONS, type RoutingOptions, type RoutingOptionsInput } from './routing-options.ts';

export const NO_CONSTRAINTS: RoutingConstraints = {
  allowedWarehouses: null,
  excludedWarehouses: [],
  preferredWarehouses: [],
  forbidSplit: false,
  forbidCrossBorder: false,
  scoreAdjustments: {},
};

/** Plans the shipments for an order. Pure: same request, same plan. */
export function routeOrder(req: RoutingRequest): RoutingPlan {
  const model = buildModel(req);
  const result = optimise(model);
  describeCandidates(model, result);
  const ordered = [...result.plan.shipments].sort(bySite);
  const shipments = ordered.map((a) => toShipment(model, a));
  const backordered = backorderedLines(model, result);
  const strategy: RoutingTrace['strategy'] = shipments.length === 0 ? 'none' : shipments.length === 1 ? 'single' : 'split';
  const trace: RoutingTrace = {
    strategy,
    candidates: model.sites.map((s) => s.trace),
    notes: [...result.notes, ...summaryNotes(model, result, ordered, backordered)],
    solver: result.solver,
    search: result.search,
    objective: objectiveOf(model, result.plan),
    alternatives: alternativesFor(model, result),
  };
  return { shipments, backordered, trace };
}

/** In the request's warehouse order (a site's index is its position in the model's sites). */
const bySite = (a: Allocation, b: Allocation): number => a.site.index - b.site.index;

function toShipment(model: RoutingModel, a: Allocation): PlannedShipment {
  const c = a.cost;
  return {
    warehouseId: a.site.warehouse.id,
    lines: contentLines(model, a.content, 'lines'),
    reservations: contentLines(model, a.content, 'reservations'),
    quote: {
      cost: breakdownOf(c),
      carrier: c.main.rate.carrier,
      service: c.main.rate.service,
      transitDays: c.transitDays,
      eta: etaOf(c),
      packages: c.packages,
    },
    crossBorder: a.site.crossBorder,
    ...(c.duties ? { duties: c.duties } : {}),
    lateDays: c.lateDays,
    penalties: { lateness: c.lateness, lookahead: c.lookahead, adjustment: a.site.adjustment },
  };
}

/** Units no shipment carries, per SKU in the order's line order. */
function backorderedLines(model: RoutingModel, result: OptimiseResult): SkuQuantity[] {
  const left = model.items.map((i) => i.quantity);
  for (const s of result.plan.shipments) s.content.forEach((n, j) => (left[j] = (left[j] ?? 0) - n));
  return contentLines(model, left, 'lines');
}

function shipsAll(model: RoutingModel, content: number[]): boolean {
  for (let j = 0; j < content.length; j++) if (content[j] !== model.items[j]?.quantity) return false;
  return true;
}

function summaryNotes(model: RoutingModel, result: OptimiseResult, shipments: Allocation[], backordered: SkuQuantity[]): string[] {
  const notes: string[] = [];
  let whole = 0;
  for (const c of result.singles.values()) if (c && shipsAll(model, c.content)) whole++;
  if (whole > 0) notes.push(`${whole} warehouse(s) can ship the whole order`);
  const { solver, search } = result;
  notes.push(
    `${solver} search over ${search.warehouses} warehouse(s) and ${search.items} item(s): ${search.states} state(s), ${search.evaluations} shipment(s) priced${search.provenOptimal ? ', proven optimal' : ''}`,
  );
  for (const a of shipments) {
    const units = a.content.reduce((n, x) => n + x, 0);
    const duty = a.cost.duties ? `, ${a.cost.duties.incoterm} duties ${a.cost.dutyAmount} (${a.cost.duties.rule})` : '';
    const late = a.cost.lateDays > 0 ? `, ${a.cost.lateDays} day(s) late` : '';
    notes.push(`${a.site.warehouse.id} ships ${units} unit(s) for ${a.cost.landed}${duty}${late}`);
  }
  const units = backordered.reduce((n, l) => n + l.quantity, 0);
  if (units > 0) notes.push(`${units} unit(s) have no eligible stock and are backordered`);
  return notes;
}
