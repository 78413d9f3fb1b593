// Default packing when no macro packs a fulfillment: units of one shipping class share packages
// up to that class's weight limit, heaviest first (first-fit decreasing).
import type { Package, Product, ShippingClass, SkuQuantity } from './types.ts';

/** The heaviest a package of each class may be, in kg. */
export const PACKAGE_WEIGHT_LIMIT_KG: Record<ShippingClass, number> = {
  packet: 2,
  parcel: 30,
  pallet: 1000,
};

export interface PackableLine {
  sku: string;
  quantity: number;
  product: Product;
}

interface OpenPackage {
  shippingClass: ShippingClass;
  units: Map<string, number>;
  weightKg: number;
  volumeLitres: number;
}

/** Packs the lines of one fulfillment into packages, every unit exactly once. */
export function packByClass(lines: PackableLine[]): Package[] {
  let hasParcels = false;
  let plain = true;
  for (const l of lines) {
    if (l.product.shippingClass === 'parcel') hasParcels = true;
    if (!Number.isFinite(l.product.weightKg) || !Number.isInteger(l.quantity) || l.quantity < 0) plain = false;
  }
  const open: OpenPackage[] = [];
  if (plain) {
    // A line's units sort together, so sorting the lines (stably, like the units) orders the units the same.
    for (const l of lines.length > 1 ? [...lines].sort(heavierLine) : lines)
      for (let n = 0; n < l.quantity; n++) place(open, l.product, hasParcels);
  } else {
    const units = lines.flatMap((l) => Array.from({ length: l.quantity }, () => l.product)).sort(heavier);
    for (const product of units) place(open, product, hasParcels);
  }
  return open.map(toPackage);
}

/** Heaviest first, then by SKU. */
const heavier = (a: Product, b: Product): number => b.weightKg - a.weightKg || a.sku.localeCompare(b.sku);
const heavierLine = (a: PackableLine, b: PackableLine): number => heavier(a.product, b.product);

/** Puts a unit in the first open package of its class it fits, or a new one. */
function place(open: OpenPackage[], product: Product, hasParcels: boolean): void {
  // A packet item rides along in a parcel that is going anyway: one package is cheaper than two.
  const cls: ShippingClass = product.shippingClass === 'packet' && hasParcels ? 'parcel' : product.shippingClass;
  const limit = PACKAGE_WEIGHT_LIMIT_KG[cls];
  let target: OpenPackage | undefined;
  for (const p of open) {
    if (p.shippingClass === cls && p.weightKg + product.weightKg <= limit) {
      target = p;
      break;
    }
  }
  if (!target) {
    target = { shippingClass: cls, units: new Map(), weightKg: 0, volumeLitres: 0 };
    open.push(target);
  }
  target.units.set(product.sku, (target.units.get(product.sku) ?? 0) + 1);
  target.weightKg += product.weightKg;
  target.volumeLitres += product.volumeLitres;
}

function toPackage(p: OpenPackage): Package {
  return {
    lines: linesOf(p.units),
    weightKg: round3(p.weightKg),
    volumeLitres: round3(p.volumeLitres),
    shippingClass: p.shippingClass,
  };
}

/**
 * Builds packages from a macro's grouping: weight and volume follow from the products, and the
 * class is the macro's choice or the largest class among the package's items.
 */
export function measurePackages(
  groups: { lines: SkuQuantity[]; shippingClass?: ShippingClass | undefined }[],
  products: ReadonlyMap<string, Product>,
): Package[] {
  const rank: Record<ShippingClass, number> = { packet: 0, parcel: 1, pallet: 2 };
  return groups.map((g) => {
    let weightKg = 0;
    let volumeLitres = 0;
    let cls: ShippingClass = 'packet';
    for (const line of g.lines) {
      const product = products.get(line.sku);
      if (!product) continue;
      weightKg += product.weightKg * line.quantity;
      volumeLitres += product.volumeLitres * line.quantity;
      if (rank[product.shippingClass] > rank[cls]) cls = product.shippingClass;
    }
    return {
      lines: g.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      weightKg: round3(weightKg),
      volumeLitres: round3(volumeLitres),
      shippingClass: g.shippingClass ?? cls,
    };
  });
}

function linesOf(units: Map<string, number>): SkuQuantity[] {
  const lines: SkuQuantity[] = [];
  for (const [sku, quantity] of units) lines.push({ sku, quantity });
  return lines;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;
