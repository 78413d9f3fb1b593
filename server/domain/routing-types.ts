// The shapes routing takes and returns; routing.ts re-exports them for its callers.
import type { ShipmentQuote } from './costs.ts';
import type { PackableLine } from './packing.ts';
import type { RoutingOptionsInput } from './routing-options.ts';
import type {
  DutyDetail,
  Money,
  Package,
  Product,
  RoutingConstraints,
  RoutingTrace,
  ServiceLevel,
  SkuQuantity,
  Warehouse,
} from './types.ts';

/** Available units per warehouse and SKU at the moment of routing (kits: their components' SKUs). */
export type StockView = ReadonlyMap<string, ReadonlyMap<string, number>>;

export type Packer = (warehouse: Warehouse, lines: PackableLine[]) => Package[];

export interface RoutingRequest {
  /** Units to place, one entry per SKU. */
  lines: SkuQuantity[];
  country: string;
  serviceLevel: ServiceLevel;
  placedAt: string;
  products: ReadonlyMap<string, Product>;
  warehouses: Warehouse[];
  stock: StockView;
  constraints: RoutingConstraints;
  /** Sync packer used to price shipments; default `packByClass`. */
  pack?: Packer | undefined;
  /** Unit price per ordered SKU (see `unitPricesOf`), the goods value duties are charged on; absent: 0. */
  unitPrices?: Readonly<Record<string, Money>> | undefined;
  /** Recent demand per warehouse and SKU in units per day, for the stock look-ahead; absent: off. */
  demand?: Readonly<Record<string, Readonly<Record<string, number>>>> | undefined;
  options?: RoutingOptionsInput | undefined;
}

export interface PlannedShipment {
  warehouseId: string;
  /** Ordered SKUs (a built kit is one line) in this shipment. */
  lines: SkuQuantity[];
  /** Stock units to reserve: `lines` with every built kit replaced by its components. */
  reservations: SkuQuantity[];
  quote: ShipmentQuote;
  crossBorder: boolean;
  /** Duties and import VAT, included in `quote.cost.duties`, when it crosses a customs border. */
  duties?: DutyDetail | undefined;
  lateDays: number;
  /** What this shipment added to the routing cost besides `quote.cost.total`. */
  penalties: { lateness: Money; lookahead: Money; adjustment: Money };
}

export interface RoutingPlan {
  shipments: PlannedShipment[];
  backordered: SkuQuantity[];
  trace: RoutingTrace;
}
