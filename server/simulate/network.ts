// The ship-from network a replay routes over: the live catalogue by default, or an imported one
// (Olist) whose rate cards depend on each order's destination. Variants change it for what-ifs.
import type { Product, Rate, Warehouse } from '../domain/types.ts';
import type { Multiplier, SimOrder, VariantSpec } from './types.ts';

export interface SimNetwork {
  products: ReadonlyMap<string, Product>;
  /** Every warehouse id of the network, for validating variants. */
  warehouseIds: readonly string[];
  /** The warehouses (with rate cards) this order may ship from. */
  warehousesFor(order: SimOrder): Warehouse[];
}

/** A network whose warehouses are the same for every order (the catalogue's). */
export function staticNetwork(warehouses: Warehouse[], products: ReadonlyMap<string, Product>): SimNetwork {
  return { products, warehouseIds: warehouses.map((w) => w.id), warehousesFor: () => warehouses };
}

/** The factor a multiplier gives one warehouse. */
export const factorFor = (m: Multiplier | undefined, warehouseId: string): number =>
  m === undefined ? 1 : typeof m === 'number' ? m : (m[warehouseId] ?? 1);

/** The network as a variant sees it: disabled warehouses gone, rate cards scaled. */
export function variantNetwork(base: SimNetwork, spec: VariantSpec): SimNetwork {
  const disabled = new Set(spec.disabledWarehouses ?? []);
  const { rateMultiplier } = spec;
  if (disabled.size === 0 && rateMultiplier === undefined) return base;
  // Static networks hand back the same array every time, so the changed copy is made once per array.
  const cache = new WeakMap<Warehouse[], Warehouse[]>();
  const change = (list: Warehouse[]): Warehouse[] =>
    list
      .filter((w) => !disabled.has(w.id))
      .map((w) => {
        const f = factorFor(rateMultiplier, w.id);
        return f === 1 ? w : { ...w, rates: w.rates.map((r) => scaleRate(r, f)) };
      });
  return {
    products: base.products,
    warehouseIds: base.warehouseIds,
    warehousesFor(order) {
      const list = base.warehousesFor(order);
      let changed = cache.get(list);
      if (!changed) {
        changed = change(list);
        cache.set(list, changed);
      }
      return changed;
    },
  };
}

const scaleRate = (r: Rate, f: number): Rate => ({ ...r, baseCost: Math.round(r.baseCost * f), perKg: r.perKg * f });

/** Ids a variant names that the network does not have. */
export function unknownWarehouses(network: SimNetwork, spec: VariantSpec): string[] {
  const known = new Set(network.warehouseIds);
  const named = [
    ...(spec.disabledWarehouses ?? []),
    ...(typeof spec.stockMultiplier === 'object' ? Object.keys(spec.stockMultiplier) : []),
    ...(typeof spec.rateMultiplier === 'object' ? Object.keys(spec.rateMultiplier) : []),
  ];
  return [...new Set(named.filter((id) => !known.has(id)))];
}
