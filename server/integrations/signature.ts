// Webhook signatures as Shopify and WooCommerce send them: base64 HMAC-SHA256 of the raw body.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header each signing platform puts its signature in. */
export const SIGNATURE_HEADERS = { shopify: 'X-Shopify-Hmac-Sha256', woocommerce: 'X-WC-Webhook-Signature' } as const;
export type SigningPlatform = keyof typeof SIGNATURE_HEADERS;

/** The signature a platform would send for this body. */
export function signBody(body: Uint8Array | string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/** Compares in constant time, so a forger learns nothing from how fast a guess is refused. */
export function isValidSignature(body: Uint8Array, secret: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(body, secret), 'base64');
  const given = Buffer.from(header.trim(), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
