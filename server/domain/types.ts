// The order-management vocabulary shared by the server, the sandbox and the editor.
// Plain data only: everything here can be copied into an isolate or sent as JSON.

export const SHIPPING_CLASSES = ['packet', 'parcel', 'pallet'] as const;
export type ShippingClass = (typeof SHIPPING_CLASSES)[number];

/** What a warehouse can physically handle: the shipping classes plus special goods. */
export const CAPABILITIES = ['packet', 'parcel', 'pallet', 'liquids', 'hazmat'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Ordered slowest to fastest: a rate of a faster service also serves a slower level. */
export const SERVICE_LEVELS = ['economy', 'standard', 'express', 'next_day'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

export const ORDER_STATUSES = [
  'routed',
  'partially_shipped',
  'on_hold',
  'backordered',
  'cancelled',
  'shipped',
  'delivered',
  'returned',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const FULFILLMENT_STATUSES = ['allocated', 'shipped', 'delivered', 'cancelled'] as const;
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

export type Money = number; // integer minor units (pence, cents)

export interface Rate {
  carrier: string;
  service: ServiceLevel;
  shippingClass: ShippingClass;
  /** ISO country codes served, or ['*'] for everywhere. */
  to: string[];
  baseCost: Money;
  perKg: Money;
  transitDays: number;
}

export interface Warehouse {
  id: string;
  name: string;
  country: string;
  lat: number;
  lon: number;
  capabilities: Capability[];
  handlingCost: Money;
  /** Hour of day (UTC, 0-24) after which an order ships the next day. */
  cutoffHour: number;
  rates: Rate[];
}

export interface Product {
  sku: string;
  name: string;
  weightKg: number;
  volumeLitres: number;
  shippingClass: ShippingClass;
  liquid: boolean;
  hazardous: boolean;
  /**
   * A kit or bundle sold as one unit but stocked as its components: one unit of the kit consumes
   * `quantity` of each component at the warehouse that builds it, and ships with the kit's own
   * weight and class. Its availability follows from the components' stock, never its own.
   */
  kit?: { components: SkuQuantity[] } | undefined;
}

export interface Address {
  name: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  region?: string | undefined;
  postalCode: string;
  country: string;
  lat?: number | undefined;
  lon?: number | undefined;
}

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPrice: Money;
}

export interface Customer {
  id?: string | undefined;
  email?: string | undefined;
}

/** What a channel posts. */
export interface OrderInput {
  externalId: string;
  placedAt: string;
  serviceLevel: ServiceLevel;
  shipTo: Address;
  lines: OrderLine[];
  customer?: Customer | undefined;
}

export interface SkuQuantity {
  sku: string;
  quantity: number;
}

export interface Package {
  lines: SkuQuantity[];
  weightKg: number;
  volumeLitres: number;
  shippingClass: ShippingClass;
}

export interface CostBreakdown {
  shipping: Money;
  handling: Money;
  duties: Money;
  total: Money;
}

/** Import duties and taxes on a shipment that crosses a customs border, paid by the merchant (DDP). */
export interface DutyDetail {
  /** Delivered duty paid: the merchant pays, so the buyer is never charged on delivery. */
  incoterm: 'DDP';
  /** Customs territories: 'EU' for the 27, otherwise the country (GB, US, CH ...). */
  from: string;
  to: string;
  goodsValue: Money;
  duty: Money;
  vat: Money;
  /** The rule applied, in words (thresholds and rates). */
  rule: string;
}

export interface Fulfillment {
  id: string;
  warehouseId: string;
  status: FulfillmentStatus;
  lines: SkuQuantity[];
  packages: Package[];
  carrier: string;
  service: ServiceLevel;
  crossBorder: boolean;
  cost: CostBreakdown;
  eta: string;
  /** Days past the service level's promised delivery date (0 or absent: on time). */
  lateDays?: number | undefined;
  /** Duties and import taxes included in `cost.duties`, with the rule that set them. */
  duties?: DutyDetail | undefined;
  /** Stock units to reserve: the lines with every kit replaced by its components. */
  reservations?: SkuQuantity[] | undefined;
  trackingNumber?: string | undefined;
  shippedAt?: string | undefined;
  deliveredAt?: string | undefined;
}

export interface Hold {
  reason: string;
  message?: string | undefined;
  macro?: string | undefined;
  /** Units this hold covers (backorders); absent when the whole order is held. */
  lines?: SkuQuantity[] | undefined;
}

export interface Decision {
  policyVersion: number | null;
  macros: Record<string, number>;
  trace: DecisionTrace;
}

export interface OrderEvent {
  type: string;
  at: string;
  data: Record<string, unknown>;
}

export interface Order extends OrderInput {
  id: string;
  channelId: string;
  status: OrderStatus;
  fulfillments: Fulfillment[];
  holds: Hold[];
  tags: string[];
  decision: Decision;
  createdAt: string;
  updatedAt: string;
}

/** A directive from a policy action or a macro's decide hook. */
export type Directive =
  | { type: 'restrict-warehouses'; params: { warehouses: string[] } }
  | { type: 'exclude-warehouses'; params: { warehouses: string[] } }
  | { type: 'prefer-warehouses'; params: { warehouses: string[] } }
  | { type: 'forbid-split'; params?: Record<string, never> }
  | { type: 'forbid-cross-border'; params?: Record<string, never> }
  | { type: 'hold'; params: { reason: string } }
  | { type: 'set-service-level'; params: { serviceLevel: ServiceLevel } }
  | { type: 'tag'; params: { tag: string } }
  | { type: 'run-macro'; params: { macro: string } };
export type DirectiveType = Directive['type'];

/** What policies and macros decided, combined, as routing consumes it. */
export interface RoutingConstraints {
  /** null: every warehouse allowed. */
  allowedWarehouses: string[] | null;
  excludedWarehouses: string[];
  preferredWarehouses: string[];
  forbidSplit: boolean;
  forbidCrossBorder: boolean;
  /** Extra cost per warehouse from score macros; null vetoes the warehouse. */
  scoreAdjustments: Record<string, Money | null>;
  /** Let a kit's components come from different warehouses (shipped unbuilt); default false. */
  allowKitSplit?: boolean | undefined;
}

/** Candidate warehouses and why each won or lost; the decision trace's routing part. */
export interface CandidateTrace {
  warehouseId: string;
  eligible: boolean;
  reasons: string[];
  /** Units of the order this warehouse could ship now. */
  coverableUnits: number;
  cost?: CostBreakdown | undefined;
  adjustment?: Money | undefined;
  eta?: string | undefined;
  /** Days late against the service level's promise, for the units this warehouse could ship. */
  lateDays?: number | undefined;
  outcome: 'chosen' | 'lost' | 'ineligible';
}

/** A runner-up plan and, in money, why it lost to the chosen one. */
export interface RoutingAlternative {
  warehouses: string[];
  /** The alternative's routing cost (landed cost plus penalties) and its difference to the winner. */
  cost: Money;
  delta: Money;
  backorderedUnits: number;
  reason: string;
}

/** The chosen plan's routing cost: what is paid (`landed`) plus the penalties it was ranked by. */
export interface RoutingObjective {
  landed: Money;
  splitPenalty: Money;
  lateness: Money;
  lookahead: Money;
  adjustments: Money;
  /** landed + penalties + adjustments: the number the optimiser minimised. */
  total: Money;
  backorderedUnits: number;
  /** Shipments from warehouses outside a non-empty preferred list (ranked before cost). */
  nonPreferredShipments: number;
}

/** How the plan was searched: which solver, how big the search was, and whether it is proven best. */
export interface RoutingSearch {
  items: number;
  warehouses: number;
  /** Search nodes expanded (warehouse-by-warehouse states for custom packers) and shipment contents priced. */
  states: number;
  evaluations: number;
  provenOptimal: boolean;
}

export interface RoutingTrace {
  strategy: 'single' | 'split' | 'none';
  candidates: CandidateTrace[];
  notes: string[];
  solver?: 'exact' | 'heuristic' | undefined;
  search?: RoutingSearch | undefined;
  objective?: RoutingObjective | undefined;
  alternatives?: RoutingAlternative[] | undefined;
}

export interface DecisionTrace {
  facts?: Record<string, unknown> | undefined;
  rules?: unknown[] | undefined;
  /** How many rules were evaluated when `rules` keeps only those that fired. */
  rulesEvaluated?: number | undefined;
  directives?: Directive[] | undefined;
  constraints?: RoutingConstraints | undefined;
  macros?: unknown[] | undefined;
  /** How directives were combined: what was dropped or overridden. */
  notes?: string[] | undefined;
  routing?: RoutingTrace | undefined;
}
