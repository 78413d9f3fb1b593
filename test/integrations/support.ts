// The platforms' real payloads (../shared/data/platform-payloads, read in place, never copied) and
// helpers to send them as the platforms do: raw bodies, signed with the channel's secret.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signBody } from '../../server/integrations/signature.ts';
import type { TestServer } from '../support/server.ts';

export const PAYLOADS = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'platform-payloads');
export const hasPayloads = existsSync(PAYLOADS);

export type PlatformDir = 'shopify' | 'woocommerce' | 'amazon-sp-api' | 'bigcommerce';

export const payloadFiles = (dir: PlatformDir): string[] =>
  hasPayloads
    ? readdirSync(join(PAYLOADS, dir))
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
export const readPayloadText = (dir: PlatformDir, file: string): string => readFileSync(join(PAYLOADS, dir, file), 'utf8');
export const readPayload = (dir: PlatformDir, file: string): unknown => JSON.parse(readPayloadText(dir, file));

/** A sandbox file wraps the response as `{request, response}`; the API itself answers the response. */
export const sandboxResponse = (dir: PlatformDir, file: string): unknown => {
  const doc = readPayload(dir, file) as { response?: unknown };
  return doc.response ?? doc;
};

/** Creates a channel with a platform integration, a secret and a USD rate, and the SKU map. */
export async function setUpChannel(
  t: TestServer,
  id: string,
  platform: 'shopify' | 'woocommerce' | 'amazon',
  mappings: Record<string, string>,
): Promise<string> {
  const secret = `whsec-${id}-0123456789`;
  await t.services.access.createChannel({ id, name: id, kind: 'marketplace' }, `key-${id}`);
  const rates = { USD: 0.79, EUR: 0.85, BRL: 0.14, TRY: 0.022, JPY: 0.0052 };
  const put = await t.call('PUT', `/v1/channels/${id}/integration`, {
    body: { platform, currencyRates: rates, ...(platform === 'amazon' ? {} : { secret }) },
  });
  if (put.status !== 200) throw new Error(`integration: ${JSON.stringify(put.body)}`);
  const map = await t.call('PUT', `/v1/channels/${id}/sku-map`, {
    body: { mappings: Object.entries(mappings).map(([platformSku, sku]) => ({ platformSku, sku })) },
  });
  if (map.status !== 200) throw new Error(`sku map: ${JSON.stringify(map.body)}`);
  return secret;
}

/** Posts a raw webhook body with the platform's signature header, as the platform would. */
export function postWebhook(
  t: TestServer,
  path: string,
  raw: string,
  signature: { header: string; secret: string | null },
  extra: Record<string, string> = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...extra };
  if (signature.secret !== null) headers[signature.header] = signBody(raw, signature.secret);
  return t.call('POST', path, { raw, token: null, headers });
}
