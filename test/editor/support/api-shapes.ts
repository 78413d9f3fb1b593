// Compile-time only: the server's own simulation and analytics types must fit the shapes the
// editor restates (editor/src/api/{simulation,analytics}-types.ts, kept free of Node imports).
// A renamed or removed field the editor reads fails `npm run typecheck` here.
import type * as Editor from '../../../editor/src/api/types.ts';
import type { SimulationResult } from '../../../server/simulate/engine.ts';
import type { ShadowResult } from '../../../server/simulate/shadow-results.ts';
import type { DecisionSummary } from '../../../server/simulate/types.ts';
import type { HistoryRecord } from '../../../server/store/simulation-repo.ts';
import type { LandedCostReport, OrdersReport } from '../../../server/services/analytics-orders.ts';
import type { FulfillmentReport } from '../../../server/services/analytics-fulfillment.ts';
import type { ReturnsReport } from '../../../server/services/analytics-returns.ts';
import type { StockOutReport, inventoryReport } from '../../../server/services/analytics-stock.ts';
import type { VelocityMatrix } from '../../../server/services/analytics-velocity.ts';

/** `true` when the server's `S` can be read as the editor's `E`. */
type Fits<S extends E, E> = S extends E ? true : never;

export type ServerShapesFitTheEditor = [
  Fits<SimulationResult, Editor.SimulationResult>,
  Fits<ShadowResult, Editor.ShadowResult>,
  Fits<DecisionSummary, Editor.DecisionSummary>,
  Fits<HistoryRecord, Editor.SimulationHistory>,
  Fits<OrdersReport, Editor.OrdersReport>,
  Fits<LandedCostReport, Editor.LandedCostReport>,
  Fits<FulfillmentReport, Editor.FulfillmentReport>,
  Fits<StockOutReport, Editor.StockOutReport>,
  Fits<Awaited<ReturnType<typeof inventoryReport>>, Editor.InventoryReport>,
  Fits<VelocityMatrix, Editor.VelocityMatrix>,
  Fits<ReturnsReport, Editor.ReturnsReport>,
];
