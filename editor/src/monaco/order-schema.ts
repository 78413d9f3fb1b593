// A JSON Schema for the test bench's sample orders: the shape of POST /v1/orders plus channelId,
// with the catalogue's SKUs (and product names) for completion.
import { SERVICE_LEVELS } from '../../../server/domain/types.ts';
import type { Product } from '../api/types.ts';

/** The order schema over these products; an empty catalogue allows any SKU. */
export function orderJsonSchema(products: ReadonlyMap<string, Product>): Record<string, unknown> {
  const skus = [...products.values()];
  const sku =
    skus.length > 0
      ? { anyOf: skus.map((p) => ({ const: p.sku, description: `${p.name} (${p.shippingClass}, ${p.weightKg} kg)` })) }
      : { type: 'string' };
  const text = { type: 'string', minLength: 1 };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Sample order',
    type: 'object',
    additionalProperties: false,
    required: ['channelId', 'externalId', 'placedAt', 'shipTo', 'lines'],
    properties: {
      channelId: { ...text, description: 'The channel the order comes from (webshop, amazon, ebay, store in the demo).' },
      externalId: { ...text, description: "The channel's own order id." },
      placedAt: { type: 'string', format: 'date-time', description: 'ISO 8601 UTC.' },
      serviceLevel: { enum: [...SERVICE_LEVELS], description: 'Requested service level (default standard).' },
      shipTo: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'line1', 'city', 'postalCode', 'country'],
        properties: {
          name: text,
          line1: text,
          line2: { type: 'string' },
          city: text,
          region: { type: 'string' },
          postalCode: { type: 'string' },
          country: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, e.g. GB, DE, US.' },
          lat: { type: 'number' },
          lon: { type: 'number' },
        },
      },
      lines: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['sku', 'quantity', 'unitPrice'],
          properties: {
            sku: { ...sku, description: 'A product of the catalogue.' },
            quantity: { type: 'integer', minimum: 1 },
            unitPrice: { type: 'integer', minimum: 0, description: 'Minor units (pence, cents).' },
          },
        },
      },
      customer: { type: 'object', additionalProperties: false, properties: { id: { type: 'string' }, email: { type: 'string' } } },
    },
  };
}
