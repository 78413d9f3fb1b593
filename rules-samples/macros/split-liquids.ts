// split-liquids: a pack hook. Liquids travel in parcels of at most 5 litres and 30 kg each, in as
// few parcels as possible; everything else goes together in one more package.
// Bin packing is NP-hard, but a fulfillment is small: up to EXACT_UNITS liquid units are packed
// optimally (branch and bound from a first-fit-decreasing start); larger ones get first-fit-decreasing.
import type { PackInput, PackLine, PackResult, ShippingClass } from '../../sandbox/macro-api.d.ts';

const MAX_ML = 5000; // per parcel, in millilitres so sums stay exact
const MAX_G = 30000; // per parcel, in grams
const EXACT_UNITS = 20;
const SEARCH_BUDGET = 200_000; // nodes; beyond this the best packing found so far stands

interface Unit {
  sku: string;
  ml: number;
  g: number;
}

interface Bin {
  ml: number;
  g: number;
  units: Unit[];
}

export function pack(input: PackInput): PackResult {
  const liquids = input.fulfillment.lines.filter((line) => line.product.liquid);
  const others = input.fulfillment.lines.filter((line) => !line.product.liquid);
  const bins = packUnits(expand(liquids));
  const packages: PackResult = bins.map((bin) => ({ lines: countBySku(bin.units), shippingClass: 'parcel' }));
  if (others.length > 0) {
    packages.push({ lines: others.map((line) => ({ sku: line.sku, quantity: line.quantity })), shippingClass: largestClass(others) });
  }
  return packages;
}

function expand(lines: PackLine[]): Unit[] {
  const units: Unit[] = [];
  for (const line of lines) {
    const ml = Math.round(line.product.volumeLitres * 1000);
    const g = Math.round(line.product.weightKg * 1000);
    for (let i = 0; i < line.quantity; i++) units.push({ sku: line.sku, ml, g });
  }
  // Largest first: both first-fit-decreasing and the search need it.
  return units.sort((a, b) => b.ml - a.ml || b.g - a.g);
}

function fits(bin: Bin, unit: Unit): boolean {
  return bin.ml + unit.ml <= MAX_ML && bin.g + unit.g <= MAX_G;
}

function place(bins: Bin[], unit: Unit): void {
  const bin = bins.find((candidate) => fits(candidate, unit));
  if (bin === undefined) bins.push({ ml: unit.ml, g: unit.g, units: [unit] });
  else {
    bin.ml += unit.ml;
    bin.g += unit.g;
    bin.units.push(unit);
  }
}

function packUnits(units: Unit[]): Bin[] {
  // A unit over the limits on its own can only travel alone.
  const oversize = units.filter((unit) => unit.ml > MAX_ML || unit.g > MAX_G);
  const regular = units.filter((unit) => unit.ml <= MAX_ML && unit.g <= MAX_G);
  const greedy: Bin[] = [];
  for (const unit of regular) place(greedy, unit);
  const best = regular.length <= EXACT_UNITS && greedy.length > lowerBound(regular) ? search(regular, greedy) : greedy;
  return [...best, ...oversize.map((unit) => ({ ml: unit.ml, g: unit.g, units: [unit] }))];
}

/** No packing can use fewer bins: total volume, total weight, and units too big to share a bin. */
function lowerBound(units: Unit[]): number {
  const ml = units.reduce((sum, unit) => sum + unit.ml, 0);
  const g = units.reduce((sum, unit) => sum + unit.g, 0);
  const big = units.filter((unit) => unit.ml * 2 > MAX_ML || unit.g * 2 > MAX_G).length;
  return Math.max(Math.ceil(ml / MAX_ML), Math.ceil(g / MAX_G), big);
}

/** Depth-first: each unit goes into an open bin or a new one; stops at the lower bound. */
function search(units: Unit[], greedy: Bin[]): Bin[] {
  const floor = lowerBound(units);
  let best = greedy;
  let nodes = 0;
  const bins: Bin[] = [];
  const visit = (index: number): boolean => {
    if (++nodes > SEARCH_BUDGET) return true;
    if (bins.length >= best.length) return false;
    if (index === units.length) {
      best = bins.map((bin) => ({ ...bin, units: [...bin.units] }));
      return best.length <= floor;
    }
    const unit = units[index] as Unit;
    const seen = new Set<string>();
    for (const bin of bins) {
      const key = `${bin.ml}/${bin.g}`; // bins with equal load are interchangeable
      if (seen.has(key) || !fits(bin, unit)) continue;
      seen.add(key);
      bin.ml += unit.ml;
      bin.g += unit.g;
      bin.units.push(unit);
      const done = visit(index + 1);
      bin.units.pop();
      bin.ml -= unit.ml;
      bin.g -= unit.g;
      if (done) return true;
    }
    bins.push({ ml: unit.ml, g: unit.g, units: [unit] });
    const done = visit(index + 1);
    bins.pop();
    return done;
  };
  visit(0);
  return best;
}

function countBySku(units: Unit[]): { sku: string; quantity: number }[] {
  const counts = new Map<string, number>();
  for (const unit of units) counts.set(unit.sku, (counts.get(unit.sku) ?? 0) + 1);
  return [...counts].map(([sku, quantity]) => ({ sku, quantity }));
}

function largestClass(lines: PackLine[]): ShippingClass {
  const classes = lines.map((line) => line.product.shippingClass);
  if (classes.includes('pallet')) return 'pallet';
  return classes.includes('parcel') ? 'parcel' : 'packet';
}
