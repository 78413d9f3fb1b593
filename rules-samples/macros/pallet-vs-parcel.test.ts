import { afterAll, describe, expect, it } from 'vitest';
import type { PackLine } from '../../sandbox/macro-api.d.ts';
import { MacroRunner } from '../../sandbox/runner.ts';
import { compiled, packInput, product, sampleSource } from '../../sandbox/test-support.ts';
import { validatePackResult, type PackedPackage } from '../../sandbox/validate-results.ts';

const { js, hooks } = compiled(sampleSource('pallet-vs-parcel'));
const runner = new MacroRunner({ poolSize: 1 });
afterAll(() => runner.dispose());

async function pack(lines: PackLine[]): Promise<PackedPackage[]> {
  const result = await runner.run({
    macro: { name: 'pallet-vs-parcel', version: 1, js },
    hook: 'pack',
    input: packInput(lines),
    seed: 'ord_1',
  });
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  const checked = validatePackResult(result.value, lines);
  if (!checked.ok) throw new Error(checked.message);
  return checked.packages;
}

const line = (sku: string, quantity: number, shippingClass: 'packet' | 'parcel' | 'pallet', weightKg: number): PackLine => ({
  sku,
  quantity,
  product: product({ shippingClass, weightKg }),
});

describe('pallet-vs-parcel', () => {
  it('compiles to a pack hook', () => {
    expect(hooks).toEqual(['pack']);
  });

  it('puts bulky goods on a pallet, light media in a packet and the rest in a parcel', async () => {
    const packages = await pack([line('BBQ', 2, 'pallet', 40), line('BOOK', 3, 'packet', 0.3), line('KETTLE', 1, 'parcel', 2)]);
    expect(packages).toEqual([
      { lines: [{ sku: 'BBQ', quantity: 2 }], shippingClass: 'pallet' },
      { lines: [{ sku: 'KETTLE', quantity: 1 }], shippingClass: 'parcel' },
      { lines: [{ sku: 'BOOK', quantity: 3 }], shippingClass: 'packet' },
    ]);
  });

  it('sends packet-class goods that are not light as parcels', async () => {
    expect(await pack([line('ATLAS', 1, 'packet', 1.2)])).toEqual([{ lines: [{ sku: 'ATLAS', quantity: 1 }], shippingClass: 'parcel' }]);
  });

  it('opens another packet or parcel at its weight cap', async () => {
    const packets = await pack([line('CD', 10, 'packet', 0.3)]);
    expect(packets.map((pkg) => pkg.lines)).toEqual([[{ sku: 'CD', quantity: 6 }], [{ sku: 'CD', quantity: 4 }]]);
    const parcels = await pack([line('TILE', 4, 'parcel', 10), line('MUG', 1, 'parcel', 5)]);
    expect(parcels.map((pkg) => pkg.lines)).toEqual([
      [{ sku: 'TILE', quantity: 3 }],
      [
        { sku: 'TILE', quantity: 1 },
        { sku: 'MUG', quantity: 1 },
      ],
    ]);
  });
});
