// The port between order intake and whatever decides how an order may be routed: policies and
// macros once published, or nothing at all (every warehouse allowed, default packing).
import type { PackableLine } from '../domain/packing.ts';
import type { DemandRates } from '../domain/demand.ts';
import { NO_CONSTRAINTS, type RoutingOptionsInput, type RoutingPlan, type StockView } from '../domain/routing.ts';
import type {
  DecisionTrace,
  Hold,
  OrderInput,
  Product,
  RoutingConstraints,
  ServiceLevel,
  ShippingClass,
  SkuQuantity,
  Warehouse,
} from '../domain/types.ts';

export interface DecisionContext {
  order: OrderInput & { id: string; channelId: string };
  products: ReadonlyMap<string, Product>;
  warehouses: Warehouse[];
  customerOrderCount: number;
  stock: StockView;
  /** Recent units per day per warehouse and SKU, when routing looks ahead to keep local stock. */
  demand?: DemandRates | undefined;
  /** The routing settings in force (split penalty, promises, duties, look-ahead); absent: the defaults. */
  routing?: RoutingOptionsInput | undefined;
}

/** A macro's packing: which units share a package (weights and prices follow from the products). */
export interface PackGroup {
  lines: SkuQuantity[];
  shippingClass?: ShippingClass | undefined;
}

export type PackOutcome = { ok: true; packages: PackGroup[]; macro: string } | { ok: false; hold: Hold };

export interface DecisionOutcome {
  constraints: RoutingConstraints;
  /** Whole-order holds: the order is stored but nothing is routed or reserved. */
  holds: Hold[];
  tags: string[];
  serviceLevel: ServiceLevel;
  policyVersion: number | null;
  /** Versions of the macros that took part, by name. */
  macros: Record<string, number>;
  trace: DecisionTrace;
  /** Packs one chosen shipment; absent means the default packing stands. */
  pack?: ((warehouse: Warehouse, lines: PackableLine[]) => Promise<PackOutcome>) | undefined;
  /**
   * The whole order routed on the context's stock under these very constraints, when deciding did
   * that already (score macros see the candidates of such a routing, and when they change nothing
   * it is the routing planOrder would do again).
   */
  routed?: RoutingPlan | undefined;
}

export interface OrderDecider {
  decide(ctx: DecisionContext): Promise<DecisionOutcome>;
}

/** No policy published: route freely at the requested service level. */
export const unconstrainedDecider: OrderDecider = {
  decide: async (ctx) => ({
    constraints: NO_CONSTRAINTS,
    holds: [],
    tags: [],
    serviceLevel: ctx.order.serviceLevel,
    policyVersion: null,
    macros: {},
    trace: {},
  }),
};
