// Idempotency compares a body's hash with the stored one: the hash must not depend on key order.
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
