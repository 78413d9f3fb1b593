import { afterAll, describe, expect, it } from 'vitest';
import type { ScoreCandidate, ScoreInput } from '../../sandbox/macro-api.d.ts';
import { MacroRunner } from '../../sandbox/runner.ts';
import { compiled, macroOrder, sampleSource } from '../../sandbox/test-support.ts';
import { validateScoreResult } from '../../sandbox/validate-results.ts';

const { js, hooks } = compiled(sampleSource('keep-last-units'));
const runner = new MacroRunner({ poolSize: 1 });
afterAll(() => runner.dispose());

const candidate = (warehouseId: string, stock: Record<string, number>): ScoreCandidate => ({
  warehouseId,
  cost: { shipping: 450, handling: 120, duties: 0, total: 570 },
  eta: '2026-11-26T18:00:00Z',
  country: 'GB',
  stock,
});

async function score(input: ScoreInput): Promise<Record<string, number | null>> {
  const result = await runner.run({ macro: { name: 'keep-last-units', version: 1, js }, hook: 'score', input, seed: input.order.id });
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  const checked = validateScoreResult(
    result.value,
    input.candidates.map((c) => c.warehouseId),
  );
  if (!checked.ok) throw new Error(checked.message);
  return checked.adjustments;
}

describe('keep-last-units', () => {
  it('compiles to a score hook', () => {
    expect(hooks).toEqual(['score']);
  });

  it('charges a warehouse that this order would leave with its last unit, and not one with stock to spare', async () => {
    const order = macroOrder({ lines: [{ sku: 'OIL-5L', quantity: 2, unitPrice: 1299 }] });
    const adjustments = await score({ order, candidates: [candidate('MAN', { 'OIL-5L': 3 }), candidate('LON', { 'OIL-5L': 10 })] });
    // 300 flat plus a tenth of the line's 2 x 1299.
    expect(adjustments).toEqual({ MAN: 560, LON: 0 });
  });

  it('adds a charge for each SKU the warehouse would run down', async () => {
    const order = macroOrder({
      lines: [
        { sku: 'A', quantity: 1, unitPrice: 1000 },
        { sku: 'B', quantity: 1, unitPrice: 500 },
      ],
    });
    const adjustments = await score({ order, candidates: [candidate('MAN', { A: 2, B: 1 }), candidate('LON', { A: 5 })] });
    expect(adjustments).toEqual({ MAN: 400 + 350, LON: 350 });
  });
});
