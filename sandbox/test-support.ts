// Fixtures for tests of macros (sandbox/ and rules-samples/macros/): a macro order, pack inputs,
// and compiling a source or a sample to a runnable macro. Test-only; the server never imports it.
import { readFileSync } from 'node:fs';
import { compileMacro } from './compile.ts';
import type { MacroOrder, MacroProduct, PackInput, PackLine } from './macro-api.d.ts';
import type { MacroCall } from './runner.ts';

const SAMPLES_DIR = new URL('../rules-samples/macros/', import.meta.url);

export function macroOrder(overrides: Partial<MacroOrder> = {}): MacroOrder {
  return {
    id: 'ord_1',
    externalId: 'WEB-1001',
    channelId: 'webshop',
    placedAt: '2026-11-24T10:00:00Z',
    serviceLevel: 'standard',
    shipTo: { name: 'A. Buyer', line1: '1 High St', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' },
    lines: [{ sku: 'OIL-5L', quantity: 2, unitPrice: 1299 }],
    ...overrides,
  };
}

export function product(overrides: Partial<MacroProduct> = {}): MacroProduct {
  return { weightKg: 1, volumeLitres: 1, shippingClass: 'parcel', liquid: false, hazardous: false, ...overrides };
}

/** A pack input whose order lines match the fulfillment lines. */
export function packInput(lines: PackLine[], warehouseId = 'MAN'): PackInput {
  const orderLines = lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitPrice: 500 }));
  return { order: macroOrder({ lines: orderLines }), fulfillment: { warehouseId, lines } };
}

/** Compiles TypeScript macro source, failing the test with its diagnostics when it does not compile. */
export function compiled(source: string): { js: string; hooks: string[] } {
  const result = compileMacro(source);
  if (!result.ok) throw new Error(`macro does not compile: ${JSON.stringify(result.diagnostics)}`);
  return result;
}

export function sampleSource(name: string): string {
  return readFileSync(new URL(`${name}.ts`, SAMPLES_DIR), 'utf8');
}

/** A call of `hook` on a macro compiled from source; name and version key the script cache. */
export function macroCall(
  source: string,
  hook: MacroCall['hook'],
  input: unknown,
  options: { name?: string; seed?: string } = {},
): MacroCall {
  const { js } = compiled(source);
  return { macro: { name: options.name ?? 'test', version: 1, js }, hook, input, seed: options.seed ?? 'ord_1' };
}
