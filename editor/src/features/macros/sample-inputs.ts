// Inputs for running a macro hook by hand, built from a sample order and the catalogue, in the
// shapes sandbox/macro-api.d.ts gives pack, decide and score.
import type { DryRunOrder, MacroHook, Product } from '../../api/types.ts';

function macroOrder(o: DryRunOrder) {
  return { id: 'ord_sample', ...o, serviceLevel: o.serviceLevel ?? 'standard' };
}

const COUNTRY: Record<string, string> = { 'UK-MAN': 'GB', 'DE-BER': 'DE', 'US-NJ': 'US' };

/** A plausible input for `hook` on order `o`; facts and costs are illustrative (the dry run computes real ones). */
export function sampleInput(hook: MacroHook, o: DryRunOrder, products: ReadonlyMap<string, Product>): unknown {
  const order = macroOrder(o);
  if (hook === 'pack') {
    return {
      order,
      fulfillment: {
        warehouseId: 'UK-MAN',
        lines: o.lines.map((l) => {
          const p = products.get(l.sku);
          const product = p
            ? {
                weightKg: p.weightKg,
                volumeLitres: p.volumeLitres,
                shippingClass: p.shippingClass,
                liquid: p.liquid,
                hazardous: p.hazardous,
              }
            : { weightKg: 1, volumeLitres: 0, shippingClass: 'parcel', liquid: false, hazardous: false };
          return { sku: l.sku, quantity: l.quantity, product };
        }),
      },
    };
  }
  if (hook === 'decide') {
    const units = o.lines.reduce((n, l) => n + l.quantity, 0);
    return {
      order,
      facts: {
        channel: o.channelId,
        destinationCountry: o.shipTo.country,
        serviceLevel: order.serviceLevel,
        orderValue: o.lines.reduce((n, l) => n + l.quantity * l.unitPrice, 0),
        lineCount: o.lines.length,
        unitCount: units,
        hasLiquids: o.lines.some((l) => products.get(l.sku)?.liquid),
        skus: o.lines.map((l) => l.sku),
      },
    };
  }
  return {
    order,
    candidates: Object.entries(COUNTRY).map(([warehouseId, country], i) => ({
      warehouseId,
      country,
      cost: {
        shipping: 650 + i * 900,
        handling: 120,
        duties: country === o.shipTo.country ? 0 : 300,
        total: 770 + i * 900 + (country === o.shipTo.country ? 0 : 300),
      },
      eta: `2026-11-2${6 + i}T17:00:00Z`,
      stock: Object.fromEntries(o.lines.map((l) => [l.sku, 10 - i * 4])),
    })),
  };
}

/** A new macro's starting text: a documented decide hook over the macro API types. */
export const NEW_MACRO_SOURCE = `// What this macro decides, and why.
import type { DecideInput, DecideResult } from '../../sandbox/macro-api.d.ts';

export function decide(input: DecideInput): DecideResult {
  if (input.order.shipTo.country === 'GB') {
    return [{ type: 'prefer-warehouses', params: { warehouses: ['UK-MAN'] } }];
  }
  return [];
}
`;
