// Request signatures: `Conveyor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
// During a secret rotation's grace period a second v1 (from the previous secret) is appended.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh signing secret (shown to the admin once). */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** The hex HMAC-SHA256 of `${timestamp}.${body}` keyed with the secret's UTF-8 bytes. */
export function computeSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The `Conveyor-Signature` header value for a body, signed by every given secret. */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${computeSignature(s, timestamp, body)}`)].join(',');
}

export interface VerifyOptions {
  /** Seconds a signature stays acceptable (replay window); default 300. */
  toleranceSec?: number;
  /** Current unix time in seconds; default now. */
  nowSec?: number;
}

/**
 * What a receiver does: parse the header, recompute the HMAC over the raw body and compare in
 * constant time, then reject stale timestamps. True when any v1 matches.
 */
export function verifySignature(secret: string, header: string, body: string, opts: VerifyOptions = {}): boolean {
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t)) return false;
  const now = opts.nowSec ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (opts.toleranceSec ?? 300)) return false;
  const expected = Buffer.from(computeSignature(secret, t, body), 'hex');
  return parts
    .filter(([k, v]) => k === 'v1' && v && /^[0-9a-f]{64}$/.test(v))
    .some(([, v]) => timingSafeEqual(expected, Buffer.from(v as string, 'hex')));
}
