// The vocabulary of simulation: a replayed order, stock inputs, the variants compared, and the
// compact decision summary kept for every order of every variant.
import type { CostBreakdown, Hold, OrderInput, OrderStatus, ServiceLevel, SkuQuantity } from '../domain/types.ts';
import type { PolicySelector } from '../services/policies.ts';

/** What really happened to a historical order, when the history knows (Olist does). */
export interface ActualOutcome {
  /** When the buyer received it (ISO 8601). */
  deliveredAt?: string | undefined;
  /** The delivery date the buyer was promised (ISO 8601); on-time is measured against it. */
  promisedBy?: string | undefined;
  /** How many shipments it really left in. */
  shipments?: number | undefined;
}

/** One historical order: the POST /v1/orders body plus its channel (and, optionally, what really happened). */
export interface SimOrder extends OrderInput {
  channelId: string;
  actual?: ActualOutcome | undefined;
}

export interface StockLine {
  sku: string;
  warehouseId: string;
  onHand: number;
}

/** Stock arriving (or leaving, when negative) at a moment of the replay. */
export interface Replenishment {
  at: string;
  sku: string;
  warehouseId: string;
  delta: number;
}

/** A factor for every warehouse, or per warehouse id (missing ids keep 1). */
export type Multiplier = number | Record<string, number>;

/** One side of the comparison: a policy version plus what-if changes to the network. */
export interface VariantSpec {
  name: string;
  policy: PolicySelector;
  stockMultiplier?: Multiplier | undefined;
  rateMultiplier?: Multiplier | undefined;
  disabledWarehouses?: string[] | undefined;
  /**
   * Look-ahead: routing spares stock its warehouse's demand over this many past days says it needs;
   * 0 turns it off. Absent: as the live routing settings say.
   */
  lookaheadDays?: number | undefined;
}

/** Promised delivery days per requested service level, for the on-time rate. */
export type PromisedDays = Record<ServiceLevel, number>;

export const DEFAULT_PROMISED_DAYS: PromisedDays = { economy: 12, standard: 5, express: 2, next_day: 1 };

/** A shipment as the summary keeps it. */
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

/** Where each unit of one SKU went. */
export interface ItemSummary {
  sku: string;
  quantity: number;
  /** Units per warehouse. */
  from: Record<string, number>;
  backordered: number;
}

/** How one variant decided one order: enough to compare, count and explain it without the trace. */
export interface DecisionSummary {
  status: OrderStatus;
  serviceLevel: ServiceLevel;
  policyVersion: number | null;
  shipments: ShipmentSummary[];
  items: ItemSummary[];
  holds: Hold[];
  tags: string[];
  /** Names of the policy rules that matched. */
  rules: string[];
  macros: Record<string, number>;
  /** Landed cost of the shipments (shipping, handling and duties). */
  cost: number;
  /** Days from the order's date to its last delivery; null unless every unit is routed. */
  deliveryDays: number | null;
  /** Routing's own explanation (which warehouse won and why). */
  notes: string[];
}

export interface PolicyInfo {
  selector: PolicySelector;
  /** The version actually replayed; null for the draft or when nothing is published. */
  version: number | null;
  rules: number;
}
