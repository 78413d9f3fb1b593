// KPIs of one variant over a replay, accumulated order by order in bounded memory. Cost, split,
// package and delivery figures describe the decisions at placement (what the diff compares);
// units that a replenishment later fills are counted under backorderFills and in warehouse load.
import { byCode, DaysHistogram, rate, round, type DaysSummary } from './histogram.ts';
import type { DecisionSummary, PromisedDays, SimOrder } from './types.ts';
import { daysBetween } from './summary.ts';

export interface WarehouseLoad {
  shipments: number;
  units: number;
  landedCost: number;
  /** Times a SKU ran out there. */
  stockOuts: number;
}

export interface VariantKpis {
  orders: number;
  units: number;
  /** Orders with every unit allocated at placement. */
  routed: number;
  /** Orders with units waiting for stock (some may have shipped the rest). */
  backordered: number;
  backorderedUnits: number;
  onHold: number;
  holds: Record<string, number>;
  /** Minor units; per order = over orders that shipped anything at placement. */
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
  /** Share of shipping orders that left in more than one shipment. */
  splitRate: number;
  packagesPerOrder: number;
  /** Fully routed orders: days from order date to the last delivery. */
  deliveryDays: DaysSummary;
  /** Share of fully routed orders delivered within the promise (history's own, else per service level). */
  onTimeRate: number;
  /** Share of shipping orders with a cross-border shipment. */
  crossBorderShare: number;
  macroFailures: { total: number; byMacro: Record<string, number> };
  backorderFills: { orders: number; units: number; landedCost: number; waitDays: DaysSummary; openOrders: number; openUnits: number };
  warehouses: Record<string, WarehouseLoad>;
}

/** Adds up one variant's decisions. */
export class KpiAccumulator {
  private orders = 0;
  private units = 0;
  private routed = 0;
  private backordered = 0;
  private backorderedUnits = 0;
  private onHold = 0;
  private shipping = 0;
  private handling = 0;
  private duties = 0;
  private landed = 0;
  private shippedOrders = 0;
  private splitOrders = 0;
  private crossBorderOrders = 0;
  private shipments = 0;
  private packages = 0;
  private onTime = 0;
  private readonly delivery = new DaysHistogram();
  private readonly holds = new Map<string, number>();
  private readonly macroFailures = new Map<string, number>();
  private readonly loads = new Map<string, WarehouseLoad>();
  private readonly fills = { orders: 0, units: 0, landedCost: 0, wait: new DaysHistogram() };

  constructor(private readonly promised: PromisedDays) {}

  /** Counts one order's decision; of the order it reads only its date, requested service level and promise. */
  addDecision(order: PromiseOf, d: DecisionSummary): void {
    this.orders++;
    this.units += d.items.reduce((n, i) => n + i.quantity, 0);
    const waiting = d.items.reduce((n, i) => n + i.backordered, 0);
    if (d.status === 'routed') this.routed++;
    if (d.status === 'on_hold') this.onHold++;
    if (waiting > 0) {
      this.backordered++;
      this.backorderedUnits += waiting;
    }
    for (const h of d.holds) {
      bump(this.holds, h.reason);
      if (h.reason === 'macro_failed') bump(this.macroFailures, h.macro ?? 'unknown');
    }
    if (d.shipments.length > 0) this.addShipments(d);
    if (d.deliveryDays !== null) {
      this.delivery.add(d.deliveryDays);
      if (d.deliveryDays <= this.promiseOf(order)) this.onTime++;
    }
  }

  /** Units a replenishment let an earlier backorder ship. */
  addFill(order: SimOrder, fill: { at: string; units: number; landedCost: number; first: boolean }): void {
    this.fills.units += fill.units;
    this.fills.landedCost += fill.landedCost;
    if (fill.first) {
      this.fills.orders++;
      this.fills.wait.add(daysBetween(order.placedAt, fill.at));
    }
  }

  /** Units leaving a warehouse (at placement or by a fill). */
  addLoad(warehouseId: string, units: number, landedCost: number, stockOuts: number): void {
    let load = this.loads.get(warehouseId);
    if (!load) {
      load = { shipments: 0, units: 0, landedCost: 0, stockOuts: 0 };
      this.loads.set(warehouseId, load);
    }
    load.shipments++;
    load.units += units;
    load.landedCost += landedCost;
    load.stockOuts += stockOuts;
  }

  finish(open: { orders: number; units: number }): VariantKpis {
    const landed = this.landed;
    const per = (x: number) => (this.shippedOrders === 0 ? 0 : round(x / this.shippedOrders, 2));
    return {
      orders: this.orders,
      units: this.units,
      routed: this.routed,
      backordered: this.backordered,
      backorderedUnits: this.backorderedUnits,
      onHold: this.onHold,
      holds: sorted(this.holds),
      cost: {
        landed,
        shipping: this.shipping,
        handling: this.handling,
        duties: this.duties,
        landedPerOrder: per(landed),
        shippingPerOrder: per(this.shipping),
        dutiesPerOrder: per(this.duties),
      },
      shipments: this.shipments,
      packages: this.packages,
      splitRate: rate(this.splitOrders, this.shippedOrders),
      packagesPerOrder: this.shippedOrders === 0 ? 0 : round(this.packages / this.shippedOrders, 4),
      deliveryDays: this.delivery.summary(),
      onTimeRate: rate(this.onTime, this.delivery.count),
      crossBorderShare: rate(this.crossBorderOrders, this.shippedOrders),
      macroFailures: { total: [...this.macroFailures.values()].reduce((a, b) => a + b, 0), byMacro: sorted(this.macroFailures) },
      backorderFills: {
        orders: this.fills.orders,
        units: this.fills.units,
        landedCost: this.fills.landedCost,
        waitDays: this.fills.wait.summary(),
        openOrders: open.orders,
        openUnits: open.units,
      },
      warehouses: Object.fromEntries([...this.loads].sort(([a], [b]) => byCode(a, b))),
    };
  }

  private addShipments(d: DecisionSummary): void {
    this.shippedOrders++;
    if (d.shipments.length > 1) this.splitOrders++;
    if (d.shipments.some((s) => s.crossBorder)) this.crossBorderOrders++;
    for (const s of d.shipments) {
      this.shipments++;
      this.packages += s.packages;
      this.shipping += s.cost.shipping;
      this.handling += s.cost.handling;
      this.duties += s.cost.duties;
      this.landed += s.cost.total;
    }
  }

  private promiseOf(order: PromiseOf): number {
    const promisedBy = order.actual?.promisedBy;
    return promisedBy ? daysBetween(order.placedAt, promisedBy) : this.promised[order.serviceLevel];
  }
}

type PromiseOf = Pick<SimOrder, 'placedAt' | 'serviceLevel' | 'actual'>;

const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
const sorted = (m: Map<string, number>): Record<string, number> => Object.fromEntries([...m].sort(([a], [b]) => byCode(a, b)));
