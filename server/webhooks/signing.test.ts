import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeSignature, newWebhookSecret, signatureHeader, verifySignature } from './signing.ts';

const body = '{"id":"evt_1","type":"order.routed"}';

describe('webhook signatures', () => {
  it('signs "t.body" with HMAC-SHA256 keyed by the secret, as the README tells receivers', () => {
    const secret = 'whsec_test';
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(computeSignature(secret, 1_700_000_000, body)).toBe(expected);
    expect(signatureHeader([secret], 1_700_000_000, body)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies a fresh signature and rejects another secret, another body or a stale timestamp', () => {
    const secret = newWebhookSecret();
    const header = signatureHeader([secret], 1000, body);
    expect(verifySignature(secret, header, body, { nowSec: 1010 })).toBe(true);
    expect(verifySignature(newWebhookSecret(), header, body, { nowSec: 1010 })).toBe(false);
    expect(verifySignature(secret, header, `${body} `, { nowSec: 1010 })).toBe(false);
    expect(verifySignature(secret, header, body, { nowSec: 2000 })).toBe(false);
    expect(verifySignature(secret, 'garbage', body, { nowSec: 1000 })).toBe(false);
  });

  it('carries one v1 per secret during a rotation, and either secret verifies', () => {
    const [now, old] = [newWebhookSecret(), newWebhookSecret()];
    const header = signatureHeader([now, old], 1000, body);
    expect(header.split(',').filter((p) => p.startsWith('v1='))).toHaveLength(2);
    expect(verifySignature(now, header, body, { nowSec: 1000 })).toBe(true);
    expect(verifySignature(old, header, body, { nowSec: 1000 })).toBe(true);
  });

  it('generates distinct secrets with a recognisable prefix', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
