// Shopify's orders/create webhook body (REST Order resource, API 2023-10 to 2026-04) as a draft.
// Amounts come from shop_money (the merchant's currency) where the payload carries it.
import { invalid } from '../domain/errors.ts';
import { field, type DraftAddress, type DraftLine, type DraftOrder } from './draft-order.ts';
import { dig, gidTail, list, obj, text, type Json } from './json-read.ts';
import { serviceLevelFrom } from './service-level.ts';

/** Reads a Shopify order payload; only a body that is not an object throws, so the mapping can report every other problem at once. */
export function draftShopifyOrder(payload: unknown): DraftOrder {
  const order = obj(payload);
  if (!order)
    throw invalid('a Shopify order webhook body is one order object', [
      { path: '(root)', message: Array.isArray(payload) ? 'an array, not an order' : 'not an object' },
    ]);
  const lines = list(order.line_items) ?? [];
  const shipping = (list(order.shipping_lines) ?? []).map(obj);
  const customer = obj(order.customer);
  const exactId = gidTail(order.admin_graphql_api_id);
  const shopCurrency = dig(order, 'total_price_set', 'shop_money', 'currency_code');
  return {
    platform: 'shopify',
    // JSON numbers above 2^53 lose digits; the GraphQL id string keeps them exact.
    externalId: exactId ? field('admin_graphql_api_id', exactId) : field('id', order.id),
    placedAt: field('created_at', order.created_at),
    currency: shopCurrency ? field('total_price_set.shop_money.currency_code', shopCurrency) : field('currency', order.currency),
    shipTo: shopifyAddress(obj(order.shipping_address)),
    shipToPath: 'shipping_address',
    lines: lines.flatMap((line, i) => shopifyLine(obj(line), `line_items.${i}`)),
    linesPath: 'line_items',
    serviceLevel: serviceLevelFrom(shipping.flatMap((s) => [text(s?.code), text(s?.title)])),
    customer: {
      id: gidTail(customer?.admin_graphql_api_id) ?? text(customer?.id),
      email: text(order.email) ?? text(order.contact_email) ?? text(customer?.email),
    },
    cancelled: text(order.cancelled_at) !== undefined,
    total: text(dig(order, 'total_price_set', 'shop_money', 'amount')) ?? text(order.total_price),
  };
}

function shopifyAddress(a: Json | undefined): DraftAddress | undefined {
  if (!a) return undefined;
  const p = (key: string) => `shipping_address.${key}`;
  const fullName = [text(a.first_name), text(a.last_name)].filter(Boolean).join(' ');
  return {
    path: 'shipping_address',
    name: field(p('name'), text(a.name) ?? (fullName || text(a.company))),
    line1: field(p('address1'), a.address1),
    line2: field(p('address2'), a.address2),
    city: field(p('city'), a.city),
    region: field(p('province_code'), a.province_code ?? a.province),
    postalCode: field(p('zip'), a.zip),
    country: field(p('country_code'), a.country_code),
    lat: a.latitude,
    lon: a.longitude,
  };
}

// Gift cards and lines that need no shipping (digital goods, services) have nothing to fulfil.
function shopifyLine(line: Json | undefined, path: string): DraftLine[] {
  if (!line || line.requires_shipping === false || line.gift_card === true) return [];
  const allocations = (list(line.discount_allocations) ?? []).map((d) => dig(d, 'amount_set', 'shop_money', 'amount') ?? dig(d, 'amount'));
  const discount = allocations.length > 0 ? sumDecimals(allocations) : undefined;
  const variant = text(line.variant_id);
  const product = text(line.product_id);
  return [
    {
      path,
      sku: field(`${path}.sku`, line.sku),
      fallbackKey: variant ? `variant:${variant}` : product ? `product:${product}` : undefined,
      quantity: field(`${path}.quantity`, line.quantity),
      price: { ...field(`${path}.price`, dig(line, 'price_set', 'shop_money', 'amount') ?? line.price), per: 'unit' },
      ...(discount !== undefined ? { discount: field(`${path}.discount_allocations`, discount) } : {}),
    },
  ];
}

/** Adds decimal strings exactly (at most 6 decimals), or answers the first one that is not a number. */
export function sumDecimals(values: unknown[]): unknown {
  let micros = 0;
  for (const v of values) {
    const match = typeof v === 'string' || typeof v === 'number' ? /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(String(v).trim()) : null;
    if (!match) return v;
    const units = Number(match[2]) * 1e6 + Number((match[3] ?? '').padEnd(6, '0'));
    micros += match[1] ? -units : units;
  }
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(micros);
  return `${sign}${Math.floor(abs / 1e6)}.${String(abs % 1e6).padStart(6, '0')}`;
}
