// What a warehouse's shipments to one destination at one service level look like, whatever the
// order: the rates that serve it, its customs facts, which products it cannot ship and why, and the
// rate figures the search's bounds start from. Catalogue warehouses and products are shared by
// every order and never changed, so a lane is remembered per warehouse object (a pure function's
// memo: same warehouse, same answer).
import { rateServes } from './costs.ts';
import { customsTerritoryOf, dutyRuleFor, type DutyRule, type DutyTable } from './duties.ts';
import type { Rate, ServiceLevel, ShippingClass, Warehouse } from './types.ts';

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
  customsTo: string;
  crossesCustoms: boolean;
  dutyRule: DutyRule | undefined;
  /** Lateness premiums already worked out (see routing-bounds.ts). */
  lates: LateMemo[];
  /** Package price figures of the bounds, with prices rounded (index 0) and whole (1). */
  bases: (RateBases | undefined)[];
}

/** The rate figures of SiteShape that depend on the lane's rates alone (see routing-bounds.ts). */
export interface RateBases {
  packageBase: number[];
  unitSlack: number[];
  perKg: number[];
  anyBase: number;
  anyPerKg: number;
  anyUnitSlack: number;
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

/** A warehouse's lanes by destination, and the one asked for last (orders come in runs). */
interface Lanes {
  last: Lane;
  byCountry: Map<string, Lane[]>;
}

const lanes = new WeakMap<Warehouse, Lanes>();

/** Destinations remembered per warehouse before the memo starts over (a bound against odd input). */
const MAX_COUNTRIES = 512;

/** The lane from a warehouse to a country at a service level, under a duty table. */
export function laneOf(w: Warehouse, country: string, serviceLevel: ServiceLevel, table: DutyTable): Lane {
  const known = lanes.get(w);
  if (known) {
    const last = known.last;
    if (last.country === country && last.serviceLevel === serviceLevel && last.table === table) return last;
    let list = known.byCountry.get(country);
    if (!list) {
      if (known.byCountry.size >= MAX_COUNTRIES) known.byCountry.clear();
      known.byCountry.set(country, (list = []));
    }
    // One lane per service level: a lane under another duty table (settings reloaded as new
    // objects) is replaced, so the memo stays bounded however often tables change.
    const at = list.findIndex((l) => l.serviceLevel === serviceLevel);
    let lane = list[at];
    if (!lane || lane.table !== table) {
      lane = buildLane(w, country, serviceLevel, table);
      if (at >= 0) list[at] = lane;
      else list.push(lane);
    }
    known.last = lane;
    return lane;
  }
  const lane = buildLane(w, country, serviceLevel, table);
  lanes.set(w, { last: lane, byCountry: new Map([[country, [lane]]]) });
  return lane;
}

function buildLane(w: Warehouse, country: string, serviceLevel: ServiceLevel, table: DutyTable): Lane {
  const rates: Record<ShippingClass, Rate[]> = { packet: [], parcel: [], pallet: [] };
  for (const r of w.rates) if (rateServes(r, country, serviceLevel)) rates[r.shippingClass].push(r);
  const all = [...rates.packet, ...rates.parcel, ...rates.pallet];
  const customsFrom = customsTerritoryOf(w.country, table);
  const customsTo = customsTerritoryOf(country, table);
  const crossesCustoms = customsFrom !== customsTo;
  return {
    country,
    serviceLevel,
    table,
    rates,
    all,
    allWhole: all.every((r) => Number.isInteger(r.baseCost) && Number.isInteger(r.perKg)),
    wholeDays: all.every((r) => Number.isInteger(r.transitDays)),
    customsFrom,
    customsTo,
    crossesCustoms,
    dutyRule: crossesCustoms ? dutyRuleFor(country, table) : undefined,
    lates: [],
    bases: [undefined, undefined],
  };
}
