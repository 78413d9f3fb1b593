// pallet-vs-parcel: a pack hook. Bulky pallet-class goods go on pallets, small light media
// (packet class) into packets, and everything else into parcels; each kind of package has a
// weight cap and is filled heaviest unit first (first-fit-decreasing).
import type { MacroPackage, PackInput, PackLine, PackResult, ShippingClass } from '../../sandbox/macro-api.d.ts';

/** Weight caps in grams, and the heaviest unit a packet takes. */
const CAP_G: Record<ShippingClass, number> = { pallet: 1_000_000, parcel: 30_000, packet: 2_000 };
const PACKET_UNIT_MAX_G = 500;

interface Unit {
  sku: string;
  g: number;
}

export function pack(input: PackInput): PackResult {
  const groups: Record<ShippingClass, Unit[]> = { pallet: [], parcel: [], packet: [] };
  for (const line of input.fulfillment.lines) {
    const kind = classify(line);
    const g = Math.round(line.product.weightKg * 1000);
    for (let i = 0; i < line.quantity; i++) groups[kind].push({ sku: line.sku, g });
  }
  const order: ShippingClass[] = ['pallet', 'parcel', 'packet'];
  return order.flatMap((kind) => fill(groups[kind], kind));
}

function classify(line: PackLine): ShippingClass {
  const { shippingClass, weightKg } = line.product;
  if (shippingClass === 'pallet') return 'pallet';
  if (shippingClass === 'packet' && weightKg * 1000 <= PACKET_UNIT_MAX_G) return 'packet';
  return 'parcel';
}

function fill(units: Unit[], kind: ShippingClass): MacroPackage[] {
  const cap = CAP_G[kind];
  const bins: { g: number; units: Unit[] }[] = [];
  for (const unit of [...units].sort((a, b) => b.g - a.g)) {
    // A unit heavier than the cap still ships: alone, in a package of its own.
    const bin = bins.find((candidate) => candidate.g + unit.g <= cap);
    if (bin === undefined) bins.push({ g: unit.g, units: [unit] });
    else {
      bin.g += unit.g;
      bin.units.push(unit);
    }
  }
  return bins.map((bin) => ({ lines: countBySku(bin.units), shippingClass: kind }));
}

function countBySku(units: Unit[]): { sku: string; quantity: number }[] {
  const counts = new Map<string, number>();
  for (const unit of units) counts.set(unit.sku, (counts.get(unit.sku) ?? 0) + 1);
  return [...counts].map(([sku, quantity]) => ({ sku, quantity }));
}
