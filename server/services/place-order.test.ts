// Idempotency compares a body's hash with the stored one: the hash must not depend on key order.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashBody } from './place-order.ts';

describe('hashBody', () => {
  it('hashes a body the same whatever its key order, and as orders stored before were hashed', () => {
    const body = {
      externalId: 'WEB-1',
      placedAt: '2026-11-24T10:00:00Z',
      serviceLevel: 'standard',
      shipTo: { name: 'A. Buyer', line1: '1 High St', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB', line2: undefined },
      lines: [
        { sku: 'OIL-OLIVE-5L', quantity: 2, unitPrice: 2499 },
        { unitPrice: 1, sku: 'Ünï "q"', quantity: 1 },
      ],
      customer: { id: 'c1', email: null },
      tags: [],
    };
    const reordered = { ...Object.fromEntries(Object.entries(body).reverse()), customer: { email: null, id: 'c1' } };
    expect(hashBody(body)).toBe('c57d39cf549b60ae5222183b4849a45636dd3e7e941634ae22e12e72cd2f4cfa');
    expect(hashBody(reordered)).toBe(hashBody(body));
    expect(hashBody({ ...body, lines: [{ ...body.lines[0], quantity: 3 }] })).not.toBe(hashBody(body));
  });
});

/** The first implementation, which the hashes of stored orders come from. */
function firstCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i > 0 ? ',' : ''}${firstCanonicalJson(value[i]) ?? ''}`;
    return `${out}]`;
  }
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    let out = '{';
    for (const key of Object.keys(object).sort()) {
      if (object[key] === undefined) continue;
      out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${firstCanonicalJson(object[key])}`;
    }
    return `${out}}`;
  }
  return JSON.stringify(value);
}

describe('hashBody against its first implementation', () => {
  it('hashes any JSON body, undefined values included, as orders stored before were hashed', () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 2 }),
        fc.constant(undefined),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('10', '2', '1', 'a', 'B', 'é', '__proto__')), tie('node'), { maxKeys: 5 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(fc.string(), value, { maxKeys: 6 }), (body) => {
        const expected = createHash('sha256').update(firstCanonicalJson(body)).digest('hex');
        expect(hashBody(body)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${(i * 7919) % 40}${'x'.repeat(i * 3)}`, i]));
    expect(hashBody({ wide })).toBe(createHash('sha256').update(firstCanonicalJson({ wide })).digest('hex'));
  });
});
