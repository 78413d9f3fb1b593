import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { PackLine } from '../../sandbox/macro-api.d.ts';
import { MacroRunner } from '../../sandbox/runner.ts';
import { compiled, packInput, product, sampleSource } from '../../sandbox/test-support.ts';
import { validatePackResult, type PackedPackage } from '../../sandbox/validate-results.ts';

const { js, hooks } = compiled(sampleSource('split-liquids'));
const runner = new MacroRunner({ poolSize: 1 });
afterAll(() => runner.dispose());

const liquid = (sku: string, litres: number, quantity = 1, kg = litres): PackLine => ({
  sku,
  quantity,
  product: product({ liquid: true, volumeLitres: litres, weightKg: kg }),
});

async function pack(lines: PackLine[]): Promise<PackedPackage[]> {
  const result = await runner.run({
    macro: { name: 'split-liquids', version: 1, js },
    hook: 'pack',
    input: packInput(lines),
    seed: 'ord_1',
  });
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  const checked = validatePackResult(result.value, lines);
  if (!checked.ok) throw new Error(checked.message);
  return checked.packages;
}

function load(pkg: PackedPackage, lines: PackLine[]): { litres: number; kg: number } {
  let litres = 0;
  let kg = 0;
  for (const line of pkg.lines) {
    const found = lines.find((candidate) => candidate.sku === line.sku);
    litres += (found?.product.volumeLitres ?? 0) * line.quantity;
    kg += (found?.product.weightKg ?? 0) * line.quantity;
  }
  return { litres, kg };
}

/** The fewest parcels by exhaustive search, for checking the macro's optimum on small orders. */
function fewestParcels(sizes: { ml: number; g: number }[]): number {
  let best = sizes.length;
  const bins: { ml: number; g: number }[] = [];
  const visit = (i: number): void => {
    if (bins.length >= best) return;
    if (i === sizes.length) return void (best = bins.length);
    const unit = sizes[i] as { ml: number; g: number };
    for (const bin of bins) {
      if (bin.ml + unit.ml > 5000 || bin.g + unit.g > 30000) continue;
      bin.ml += unit.ml;
      bin.g += unit.g;
      visit(i + 1);
      bin.ml -= unit.ml;
      bin.g -= unit.g;
    }
    bins.push({ ...unit });
    visit(i + 1);
    bins.pop();
  };
  visit(0);
  return best;
}

describe('split-liquids', () => {
  it('compiles to a pack hook', () => {
    expect(hooks).toEqual(['pack']);
  });

  it('packs 4 L + 2 L + 2 L + 2 L into exactly three parcels of at most 5 L', async () => {
    const lines = [liquid('OIL-4L', 4), liquid('VINEGAR-2L', 2, 3)];
    const packages = await pack(lines);
    expect(packages).toHaveLength(3);
    for (const pkg of packages) expect(load(pkg, lines).litres).toBeLessThanOrEqual(5);
    expect(packages.every((pkg) => pkg.shippingClass === 'parcel')).toBe(true);
  });

  it('finds the two-parcel packing that first-fit-decreasing misses', async () => {
    // First-fit-decreasing packs 2+2, 1.5+1.5+1.5, 1.5: three parcels. 2+1.5+1.5 twice is two.
    const packages = await pack([liquid('JUICE-2L', 2, 2), liquid('MILK-1.5L', 1.5, 4)]);
    expect(packages).toHaveLength(2);
  });

  it('keeps every parcel under 30 kg as well as 5 L', async () => {
    const lines = [liquid('HONEY-1L', 1, 6, 6)];
    const packages = await pack(lines);
    expect(packages).toHaveLength(2);
    for (const pkg of packages) expect(load(pkg, lines).kg).toBeLessThanOrEqual(30);
  });

  it('puts the other goods together in one more package of their largest class', async () => {
    const lines = [
      liquid('OIL-1L', 1, 2),
      { sku: 'BOOK', quantity: 2, product: product({ shippingClass: 'packet' }) },
      { sku: 'PAN', quantity: 1, product: product({ shippingClass: 'parcel' }) },
    ];
    const packages = await pack(lines);
    expect(packages).toEqual([
      { lines: [{ sku: 'OIL-1L', quantity: 2 }], shippingClass: 'parcel' },
      {
        lines: [
          { sku: 'BOOK', quantity: 2 },
          { sku: 'PAN', quantity: 1 },
        ],
        shippingClass: 'parcel',
      },
    ]);
  });

  it('sends a liquid over the limit alone, since no parcel can take it', async () => {
    const packages = await pack([liquid('DRUM-10L', 10), liquid('OIL-1L', 1)]);
    expect(packages).toHaveLength(2);
    expect(packages.find((pkg) => pkg.lines.some((line) => line.sku === 'DRUM-10L'))?.lines).toEqual([{ sku: 'DRUM-10L', quantity: 1 }]);
  });

  it('packs small orders in the fewest parcels there are, within the limits', async () => {
    const litres = fc.constantFrom(0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4, 5);
    const line = fc.record({ litres, kg: fc.constantFrom(0.3, 1, 2.5, 6, 12), quantity: fc.integer({ min: 1, max: 3 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 4 }), async (specs) => {
        const lines = specs.map((spec, i) => liquid(`L${i}`, spec.litres, spec.quantity, spec.kg));
        const packages = await pack(lines);
        for (const pkg of packages) {
          const { litres: l, kg } = load(pkg, lines);
          expect(l).toBeLessThanOrEqual(5 + 1e-9);
          expect(kg).toBeLessThanOrEqual(30 + 1e-9);
        }
        const units = specs.flatMap((spec) => Array.from({ length: spec.quantity }, () => ({ ml: spec.litres * 1000, g: spec.kg * 1000 })));
        expect(packages).toHaveLength(fewestParcels(units));
      }),
      { numRuns: 100 },
    );
  });

  it('still packs a large order validly, past the exact search', async () => {
    const lines = [liquid('A', 0.75, 17), liquid('B', 1.5, 11), liquid('C', 3, 5)];
    const packages = await pack(lines);
    for (const pkg of packages) expect(load(pkg, lines).litres).toBeLessThanOrEqual(5);
    expect(packages.length).toBeGreaterThanOrEqual(Math.ceil((17 * 0.75 + 11 * 1.5 + 5 * 3) / 5));
  });
});
