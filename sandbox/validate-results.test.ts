import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SkuQuantity } from '../server/domain/types.ts';
import { checkPackShape, validateDecideResult, validatePackResult, validateScoreResult } from './validate-results.ts';

const LINES: SkuQuantity[] = [
  { sku: 'OIL-5L', quantity: 3 },
  { sku: 'BBQ-1', quantity: 1 },
];

describe('validatePackResult', () => {
  it('accepts packages that pack every unit exactly once', () => {
    const packages = [
      { lines: [{ sku: 'OIL-5L', quantity: 2 }], shippingClass: 'parcel' },
      {
        lines: [
          { sku: 'OIL-5L', quantity: 1 },
          { sku: 'BBQ-1', quantity: 1 },
        ],
      },
    ];
    expect(validatePackResult(packages, LINES)).toEqual({ ok: true, packages });
  });

  it.each([
    [
      'a missing unit',
      [{ lines: [{ sku: 'OIL-5L', quantity: 3 }] }],
      'SKU "BBQ-1": 0 of 1 units packed; each unit must be packed exactly once',
    ],
    [
      'a unit packed twice',
      [
        {
          lines: [
            { sku: 'OIL-5L', quantity: 4 },
            { sku: 'BBQ-1', quantity: 1 },
          ],
        },
      ],
      'SKU "OIL-5L": 4 of 3 units packed; each unit must be packed exactly once',
    ],
    [
      'an unknown SKU',
      [
        {
          lines: [
            { sku: 'OIL-5L', quantity: 3 },
            { sku: 'GHOST', quantity: 1 },
          ],
        },
      ],
      'packages[0].lines[1].sku: "GHOST" is not in this fulfillment',
    ],
    ['a zero quantity', [{ lines: [{ sku: 'OIL-5L', quantity: 0 }] }], 'packages[0].lines[0].quantity: must be at least 1'],
    ['a negative quantity', [{ lines: [{ sku: 'OIL-5L', quantity: -1 }] }], 'packages[0].lines[0].quantity: must be at least 1'],
    [
      'a fractional quantity',
      [{ lines: [{ sku: 'OIL-5L', quantity: 1.5 }] }],
      'packages[0].lines[0].quantity: must be a whole number of units',
    ],
    ['an empty package', [{ lines: [] }], 'packages[0].lines: a package cannot be empty'],
    [
      'an unknown shipping class',
      [{ lines: [{ sku: 'BBQ-1', quantity: 1 }], shippingClass: 'crate' }],
      expect.stringMatching(/^packages\[0\]\.shippingClass: /),
    ],
    ['an unknown field', [{ lines: [{ sku: 'BBQ-1', quantity: 1 }], weightKg: 2 }], expect.stringMatching(/^packages\[0\]: .*weightKg/)],
    ['something not a list', { lines: [] }, expect.stringMatching(/^packages: /)],
  ])('rejects %s', (_, value, message) => {
    expect(validatePackResult(value, LINES)).toEqual({ ok: false, message });
  });

  it('accepts any split of the units and rejects it once a unit is lost or added', () => {
    const lines = fc.uniqueArray(fc.record({ sku: fc.string({ minLength: 1, maxLength: 4 }), quantity: fc.integer({ min: 1, max: 6 }) }), {
      selector: (line) => line.sku,
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(lines, fc.infiniteStream(fc.nat(3)), fc.boolean(), (fulfillment, bins, addInsteadOfDrop) => {
        const packages: { lines: SkuQuantity[] }[] = [0, 1, 2, 3].map(() => ({ lines: [] }));
        for (const line of fulfillment) {
          for (let unit = 0; unit < line.quantity; unit++) packages[bins.next().value]?.lines.push({ sku: line.sku, quantity: 1 });
        }
        const packed = packages.filter((pkg) => pkg.lines.length > 0);
        expect(validatePackResult(packed, fulfillment).ok).toBe(true);
        const first = packed[0]?.lines[0];
        if (first !== undefined) first.quantity += addInsteadOfDrop ? 1 : -1;
        expect(validatePackResult(packed, fulfillment).ok).toBe(false);
      }),
    );
  });
});

describe('validateDecideResult', () => {
  it('accepts the policy vocabulary with its params', () => {
    const directives = [
      { type: 'restrict-warehouses', params: { warehouses: ['MAN'] } },
      { type: 'exclude-warehouses', params: { warehouses: [] } },
      { type: 'prefer-warehouses', params: { warehouses: ['MAN', 'LON'] } },
      { type: 'forbid-split' },
      { type: 'forbid-cross-border', params: {} },
      { type: 'hold', params: { reason: 'fraud check' } },
      { type: 'set-service-level', params: { serviceLevel: 'express' } },
      { type: 'tag', params: { tag: 'vip' } },
    ];
    expect(validateDecideResult(directives)).toEqual({ ok: true, directives });
  });

  it.each([
    ['run-macro', [{ type: 'run-macro', params: { macro: 'other' } }], 'directives[0].type: a macro cannot run another macro (run-macro)'],
    ['an unknown type', [{ type: 'teleport' }], expect.stringMatching(/^directives\[0\]\.type: must be one of restrict-warehouses, /)],
    ['a missing param', [{ type: 'hold', params: {} }], expect.stringMatching(/^directives\[0\]\.params\.reason: /)],
    [
      'an unknown service level',
      [{ type: 'set-service-level', params: { serviceLevel: 'warp' } }],
      expect.stringMatching(/^directives\[0\]\.params\.serviceLevel: /),
    ],
    [
      'params where none belong',
      [{ type: 'forbid-split', params: { now: true } }],
      expect.stringMatching(/^directives\[0\]\.params: .*now/),
    ],
    [
      'warehouses that are not ids',
      [{ type: 'prefer-warehouses', params: { warehouses: [3] } }],
      expect.stringMatching(/^directives\[0\]\.params\.warehouses\[0\]: /),
    ],
    ['something not a list', { type: 'tag' }, expect.stringMatching(/^directives: /)],
  ])('rejects %s', (_, value, message) => {
    expect(validateDecideResult(value)).toEqual({ ok: false, message });
  });
});

describe('validateScoreResult', () => {
  it('accepts integer minor units, negative ones and null vetoes for candidates', () => {
    expect(validateScoreResult({ MAN: 250, LON: -100, RTM: null }, ['MAN', 'LON', 'RTM', 'DUB'])).toEqual({
      ok: true,
      adjustments: { MAN: 250, LON: -100, RTM: null },
    });
  });

  it.each([
    ['an unknown warehouse', { MAN: 1, XXX: 2 }, 'adjustments.XXX: not a candidate warehouse'],
    ['a __proto__ key', JSON.parse('{"__proto__": 1}') as unknown, 'adjustments.__proto__: not a candidate warehouse'],
    ['a fraction', { MAN: 2.5 }, 'adjustments.MAN: must be a whole number of minor units, or null to veto'],
    ['a string', { MAN: '250' }, 'adjustments.MAN: must be a whole number of minor units, or null to veto'],
    ['a list', [250], 'adjustments: must be an object of warehouse id to extra cost or null'],
  ])('rejects %s', (_, value, message) => {
    expect(validateScoreResult(value, ['MAN'])).toEqual({ ok: false, message });
  });
});

describe('checkPackShape', () => {
  // Shows undefined-valued keys, so "same bytes" also means the same keys in the same order.
  const exact = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (x === undefined ? '<undefined>' : x));
  const same = (value: unknown): void => {
    expect(exact(checkPackShape(value))).toBe(exact(checkPackShape(value, false)));
  };
  const anything = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.constant({}),
    fc.constant([]),
  );
  const sku = fc.oneof(fc.constantFrom('OIL-5L', 'BBQ-1', ''), anything);
  const quantity = fc.oneof(fc.integer({ min: -2, max: 5 }), fc.constantFrom(2 ** 31, 2 ** 53, 1.5, Number.NaN, '1'), anything);
  const line = fc.oneof(
    fc.record({ sku, quantity }, { requiredKeys: [] }),
    fc.record({ quantity, sku }),
    fc.record({ sku, quantity, extra: anything }),
    anything,
  );
  const shippingClass = fc.oneof(fc.constantFrom('packet', 'parcel', 'pallet', 'freight', 'PARCEL'), anything);
  const pkg = fc.oneof(
    fc.record({ lines: fc.array(line, { maxLength: 3 }), shippingClass }, { requiredKeys: ['lines'] }),
    fc.record({ shippingClass, lines: fc.array(line, { maxLength: 3 }) }),
    fc.record({ lines: fc.array(line, { maxLength: 3 }), note: anything }),
    anything,
  );

  it('gives the same packages and the same first issue with or without the fast path', () => {
    fc.assert(fc.property(fc.oneof(fc.array(pkg, { maxLength: 4 }), anything), same), { numRuns: 3000 });
  });

  it('agrees on valid packages, their key order, and oddities the fast path leaves to zod', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record(
            {
              lines: fc.array(fc.record({ sku: fc.constantFrom('A', 'B'), quantity: fc.integer({ min: 1, max: 9 }) }), {
                minLength: 1,
                maxLength: 3,
              }),
              shippingClass: fc.constantFrom('packet', 'parcel', 'pallet'),
            },
            { requiredKeys: ['lines'] },
          ),
          { maxLength: 4 },
        ),
        (packages) => {
          same(packages);
          expect(checkPackShape(packages).ok).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
    same([{ lines: [{ sku: 'A', quantity: 1 }], shippingClass: undefined }]);
    same([{ lines: [Object.assign(Object.create(null), { sku: 'A', quantity: 1 })] }]);
    same(Object.assign(new Array(3), { 0: { lines: [{ sku: 'A', quantity: 1 }] }, 2: { lines: [{ sku: 'A', quantity: 1 }] } }));
    same([new Map()]);
    same([{ lines: [{ quantity: 2, sku: 'A' }] }]);
  });
});
