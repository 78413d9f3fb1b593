// What a warehouse's shipments to one destination at one service level look like, whatever the
// order: the rates that serve it, its customs facts, which products it cannot ship and why, and the
// rate figures the search's bounds start from. Catalogue warehouses and products are shared by
// every order and never changed, so a lane is remembered per warehouse object (a pure function's
// memo: same warehouse, same answer).
import { rateServes } from './costs.ts';
import { customsTerritoryOf, dutyRuleFor, type DutyRule, type DutyTable } from './duties.ts';
import type { Product, Rate, ServiceLevel, ShippingClass, Warehouse } from './types.ts';

export interface Lane {
  country: string;
  serviceLevel: ServiceLevel;
  table: DutyTable;
  /** Rates serving the destination at the service level, by the class of package they carry. */
  rates: Record<ShippingClass, Rate[]>;
  /** The rates of every class, packets' first. */
  all: Rate[];
  /** Whether every rate's base and per kg are whole. */
  allWhole: boolean;
  /** Whether every rate's transit is whole days (lateness then depends on the ship day's offset only). */
  wholeDays: boolean;
  customsFrom: string;
  crossesCustoms: boolean;
  dutyRule: DutyRule | undefined;
  /** Why the warehouse cannot ship a product that is not a kit (undefined: it can). */
  why: WeakMap<Product, string | undefined>;
  /** Lateness premiums already worked out (see routing-bounds.ts). */
  lates: LateMemo[];
}

/** The lateness figures of a lane's rates for one way of counting days late. */
export interface LateMemo {
  shiftMs: number;
  promised: number;
  perDay: number;
  /** Per class (packet, parcel, pallet), then over every rate. */
  late: number[];
  lateAll: number;
}

const lanes = new WeakMap<Warehouse, Map<string, Lane[]>>();

/** The lane from a warehouse to a country at a service level, under a duty table. */
export function laneOf(w: Warehouse, country: string, serviceLevel: ServiceLevel, table: DutyTable): Lane {
  let byCountry = lanes.get(w);
  if (!byCountry) lanes.set(w, (byCountry = new Map()));
  let list = byCountry.get(country);
  if (!list) byCountry.set(country, (list = []));
  for (const lane of list) if (lane.serviceLevel === serviceLevel && lane.table === table) return lane;
  const lane = buildLane(w, country, serviceLevel, table);
  list.push(lane);
  return lane;
}

function buildLane(w: Warehouse, country: string, serviceLevel: ServiceLevel, table: DutyTable): Lane {
  const rates: Record<ShippingClass, Rate[]> = { packet: [], parcel: [], pallet: [] };
  for (const r of w.rates) if (rateServes(r, country, serviceLevel)) rates[r.shippingClass].push(r);
  const all = [...rates.packet, ...rates.parcel, ...rates.pallet];
  const customsFrom = customsTerritoryOf(w.country, table);
  const crossesCustoms = customsFrom !== customsTerritoryOf(country, table);
  return {
    country,
    serviceLevel,
    table,
    rates,
    all,
    allWhole: all.every((r) => Number.isInteger(r.baseCost) && Number.isInteger(r.perKg)),
    wholeDays: all.every((r) => Number.isInteger(r.transitDays)),
    customsFrom,
    crossesCustoms,
    dutyRule: crossesCustoms ? dutyRuleFor(country, table) : undefined,
    why: new WeakMap(),
    lates: [],
  };
}
