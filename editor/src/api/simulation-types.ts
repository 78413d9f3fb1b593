// What the simulation routes answer, as the editor reads it. The server declares these shapes in
// modules that import Node (simulate/engine.ts, kpis.ts, store/simulation-repo.ts), so they are
// restated here over the server's Node-free types; test/editor/support/api-shapes.ts holds the
// server's own types to them, so a change there is a type error in `npm run typecheck`.
import type { z } from 'zod';
import type { CostBreakdown, DecisionTrace, Hold, OrderStatus, ServiceLevel, SkuQuantity } from '../../../server/domain/types.ts';
import type { DaysSummary } from '../../../server/simulate/histogram.ts';
// The zod schema and its output type share this name: `typeof` reads the schema, the plain name the type.
import type {
  SimulationRequest as SimulationRequestOut,
  SimulationRequest as SimulationRequestSchema,
} from '../../../server/simulate/request-schema.ts';
import type { Timeline } from '../../../server/simulate/timeline.ts';

export type { DaysSummary, Timeline };

export type PolicySelector = 'draft' | 'published' | number;
export type Multiplier = number | Record<string, number>;

export interface ShipmentSummary {
  warehouseId: string;
  lines: SkuQuantity[];
  packages: number;
  carrier: string;
  service: ServiceLevel;
  crossBorder: boolean;
  cost: CostBreakdown;
  eta: string;
}

/** How one variant decided one replayed order. */
export interface DecisionSummary {
  status: OrderStatus;
  serviceLevel: ServiceLevel;
  policyVersion: number | null;
  shipments: ShipmentSummary[];
  items: { sku: string; quantity: number; from: Record<string, number>; backordered: number }[];
  holds: Hold[];
  tags: string[];
  /** Names of the policy rules that matched. */
  rules: string[];
  macros: Record<string, number>;
  cost: number;
  deliveryDays: number | null;
  notes: string[];
}

export interface VariantKpis {
  orders: number;
  units: number;
  routed: number;
  backordered: number;
  backorderedUnits: number;
  onHold: number;
  holds: Record<string, number>;
  cost: {
    landed: number;
    shipping: number;
    handling: number;
    duties: number;
    landedPerOrder: number;
    shippingPerOrder: number;
    dutiesPerOrder: number;
  };
  shipments: number;
  packages: number;
  splitRate: number;
  packagesPerOrder: number;
  deliveryDays: DaysSummary;
  onTimeRate: number;
  crossBorderShare: number;
  macroFailures: { total: number; byMacro: Record<string, number> };
  warehouses: Record<string, { shipments: number; units: number; landedCost: number; stockOuts: number }>;
}

export interface VariantResult {
  name: string;
  policy: { selector: PolicySelector; version: number | null; rules: number };
  changes: { stockMultiplier?: Multiplier | undefined; rateMultiplier?: Multiplier | undefined; disabledWarehouses?: string[] | undefined };
  kpis: VariantKpis;
  /** Per policy rule: orders it was evaluated on and matched (0 matched: a dead rule). */
  rules?: RuleOutcome[] | undefined;
  /** Per macro the policy names: calls, failures, holds (absent in results stored before coverage existed). */
  macros?: MacroOutcome[] | undefined;
  timeline: Timeline;
}

export interface RuleOutcome {
  rule: string;
  action: string;
  params: unknown;
  evaluated: number;
  matched: number;
  outcomes: Partial<Record<OrderStatus, number>>;
  splits: number;
  landedCost: number;
}

export interface MacroOutcome {
  macro: string;
  /** Named by a run-macro rule of the policy. */
  referenced: boolean;
  /** Orders it ran on at least once (0: it never ran). */
  orders: number;
  calls: number;
  failures: number;
  errors: Record<string, number>;
  hooks: Record<string, { calls: number; failures: number }>;
  /** Orders held because of it. */
  holds: number;
  /** Mean call time in microseconds (shadows only: replays keep no timings). */
  meanDurationUs?: number | undefined;
}

export interface HistoryStats {
  orders: number;
  replayed: number;
  firstPlacedAt: string | null;
  lastPlacedAt: string | null;
  rejected: { orders: number; examples: { channelId: string; externalId: string; reason: string }[] };
}

/** How many orders a candidate changed, and how (an order may count under several kinds). */
export interface DiffStats {
  candidate: string;
  index: number;
  changed: number;
  byChange: Record<string, number>;
}

export interface TradeOffPoint {
  variant: string;
  landedPerOrder: number;
  meanDeliveryDays: number;
  p95DeliveryDays: number;
  splitRate: number;
  onTimeRate: number;
  backordered: number;
  onHold: number;
}

/** A replay's outcome: the history's figures, every variant, the diff counts and the trade-off points. */
export interface SimulationResult {
  history: HistoryStats;
  variants: VariantResult[];
  diff: DiffStats[];
  tradeOff: TradeOffPoint[];
  cancelled: boolean;
}

/** A stored order history (`GET /v1/simulation-histories`). */
export interface SimulationHistory {
  id: string;
  name: string;
  orders: number;
  firstPlacedAt: string | null;
  lastPlacedAt: string | null;
  createdAt: string;
  createdBy: string;
}

/** A job's status; `interrupted`: it stopped reporting (its server restarted). */
export type SimulationStatus = 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

/** `POST /v1/simulations` as the editor sends it (defaults left to the server). */
export type SimulationRequest = z.input<typeof SimulationRequestSchema>;
export type CandidateSpec = SimulationRequest['candidates'][number];
export type PolicyRef = SimulationRequest['candidates'][number]['policy'];

/** `GET /v1/simulations/:id` (the list leaves out `result` and `diff`). */
export interface Simulation {
  id: string;
  name: string;
  status: SimulationStatus;
  progress: { processed: number; total: number | null };
  cancelRequested: boolean;
  createdAt: string;
  createdBy: string;
  finishedAt: string | null;
  error?: string;
  /** The request as stored: large inputs by reference (`orders` is a generator or a stored history). */
  request: StoredSimulationRequest;
  /** Interim KPIs while running (saved every few seconds), the full result once done. */
  result?: SimulationResult | null;
  diff?: SimulationDiffPage;
}

export type StoredSimulationRequest = Omit<SimulationRequestOut, 'orders'> & {
  orders: { source: 'generate'; count: number; seed: number | string; days?: number } | { source: 'stored'; historyId: string };
};

export interface SimulationDiffItem {
  seq: number;
  channelId: string;
  externalId: string;
  placedAt: string;
  /** What differs: status, warehouses, packages, holds, cost, service, delivery. */
  changes: string[];
  baseline: DecisionSummary;
  candidate: DecisionSummary;
}

/** `GET /v1/simulations/:id/diff`: orders one candidate decided differently, a page at a time. */
export interface SimulationDiffPage {
  candidate: string;
  total: number;
  offset: number;
  limit: number;
  items: SimulationDiffItem[];
}

/** `GET /v1/simulations/:id/orders/:externalId`: one replayed order under every variant. */
export interface SimulatedOrder {
  seq: number;
  channelId: string;
  externalId: string;
  placedAt: string;
  variants: { name: string; decision: DecisionSummary | null; trace: DecisionTrace | null }[];
  note?: string;
}

export type * from './shadow-types.ts';
