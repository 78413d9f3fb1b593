import { describe, expect, it } from 'vitest';
import { reservesItsLines } from './order.ts';

describe('reservesItsLines', () => {
  const lines = [
    { sku: 'B', quantity: 2 },
    { sku: 'A', quantity: 1 },
  ];

  it('holds for reservations equal to the lines, in their order or another', () => {
    expect(reservesItsLines(undefined, lines)).toBe(true);
    expect(reservesItsLines([...lines], lines)).toBe(true);
    expect(reservesItsLines([lines[1], lines[0]] as typeof lines, lines)).toBe(true);
  });

  it("does not hold for a kit's components or other quantities", () => {
    expect(
      reservesItsLines(
        [
          { sku: 'B', quantity: 2 },
          { sku: 'A', quantity: 2 },
        ],
        lines,
      ),
    ).toBe(false);
    expect(
      reservesItsLines(
        [
          { sku: 'B', quantity: 2 },
          { sku: 'A1', quantity: 1 },
          { sku: 'A2', quantity: 1 },
        ],
        lines,
      ),
    ).toBe(false);
    expect(reservesItsLines([{ sku: 'B', quantity: 2 }], lines)).toBe(false);
  });
});
