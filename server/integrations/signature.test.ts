import { describe, expect, it } from 'vitest';
import { isValidSignature, signBody } from './signature.ts';

describe('webhook signatures', () => {
  const body = new TextEncoder().encode('{"id":1}');

  it('accepts the base64 HMAC-SHA256 of the raw body with the shared secret', () => {
    // Reference value: printf '{"id":1}' | openssl dgst -sha256 -hmac secret-1 -binary | base64
    expect(signBody(body, 'secret-1')).toBe('OrOO0JHDJIASopI2M4G4vGBDi4dJsrLXezJnMNnI1h8=');
    expect(isValidSignature(body, 'secret-1', signBody(body, 'secret-1'))).toBe(true);
  });

  it('refuses a missing signature, another secret, another body and junk', () => {
    expect(isValidSignature(body, 'secret-1', undefined)).toBe(false);
    expect(isValidSignature(body, 'secret-1', signBody(body, 'secret-2'))).toBe(false);
    expect(isValidSignature(new TextEncoder().encode('{"id":2}'), 'secret-1', signBody(body, 'secret-1'))).toBe(false);
    expect(isValidSignature(body, 'secret-1', 'not base64 at all')).toBe(false);
  });
});
