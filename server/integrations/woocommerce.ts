// WooCommerce's order webhook (order.created: the REST v3 order resource) as a draft. Line totals
// are strings after discounts; the numeric `price` field is a float and is not used.
import { invalid } from '../domain/errors.ts';
import { field, type DraftAddress, type DraftLine, type DraftOrder } from './draft-order.ts';
import { list, obj, text, type Json } from './json-read.ts';
import { serviceLevelFrom } from './service-level.ts';

const CANCELLED = new Set(['cancelled', 'refunded', 'failed', 'trash']);

/** The body WooCommerce sends to a new webhook's URL to check it answers: `webhook_id=12`. */
export function isWooCommercePing(rawBody: string): boolean {
  return /^webhook_id=\d+$/.test(rawBody.trim());
}

/** Reads a WooCommerce order payload; only a body that is not an object throws. */
export function draftWooCommerceOrder(payload: unknown): DraftOrder {
  const order = obj(payload);
  if (!order)
    throw invalid('a WooCommerce order webhook body is one order object', [
      { path: '(root)', message: Array.isArray(payload) ? 'an array, not an order' : 'not an object' },
    ]);
  const lines = list(order.line_items) ?? [];
  const shipping = (list(order.shipping_lines) ?? []).map(obj);
  const customerId = text(order.customer_id);
  const createdGmt = text(order.date_created_gmt);
  return {
    platform: 'woocommerce',
    externalId: field('id', order.id),
    // WooCommerce writes GMT times without a zone designator.
    placedAt: field(
      createdGmt ? 'date_created_gmt' : 'date_created',
      createdGmt && !/[zZ]|[+-]\d\d:?\d\d$/.test(createdGmt) ? `${createdGmt}Z` : order.date_created,
    ),
    currency: field('currency', order.currency),
    shipTo: wooAddress(obj(order.shipping)),
    shipToPath: 'shipping',
    lines: lines.flatMap((line, i) => wooLine(obj(line), `line_items.${i}`)),
    linesPath: 'line_items',
    serviceLevel: serviceLevelFrom(shipping.flatMap((s) => [text(s?.method_id), text(s?.method_title)])),
    customer: {
      id: customerId && customerId !== '0' ? customerId : undefined,
      email: text(obj(order.billing)?.email),
    },
    cancelled: CANCELLED.has(text(order.status) ?? ''),
    total: text(order.total),
  };
}

// A virtual-only order has a blank shipping address: that is "no address", not an address of blanks.
function wooAddress(a: Json | undefined): DraftAddress | undefined {
  if (!a || !['address_1', 'city', 'postcode', 'country'].some((k) => text(a[k]))) return undefined;
  const p = (key: string) => `shipping.${key}`;
  const name = [text(a.first_name), text(a.last_name)].filter(Boolean).join(' ');
  return {
    path: 'shipping',
    name: field(p('first_name'), name || text(a.company)),
    line1: field(p('address_1'), a.address_1),
    line2: field(p('address_2'), a.address_2),
    city: field(p('city'), a.city),
    region: field(p('state'), a.state),
    postalCode: field(p('postcode'), a.postcode),
    country: field(p('country'), a.country),
  };
}

function wooLine(line: Json | undefined, path: string): DraftLine[] {
  if (!line) return [];
  const variation = text(line.variation_id);
  const product = text(line.product_id);
  const fallbackKey =
    variation && variation !== '0' ? `variation:${variation}` : product && product !== '0' ? `product:${product}` : undefined;
  return [
    {
      path,
      sku: field(`${path}.sku`, line.sku),
      fallbackKey,
      quantity: field(`${path}.quantity`, line.quantity),
      price: { ...field(`${path}.total`, line.total), per: 'line' },
    },
  ];
}
