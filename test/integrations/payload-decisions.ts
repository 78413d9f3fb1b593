// What each real payload file is and what Conveyor does with it, decided file by file. The
// coverage test fails when a file appears that nobody has decided about.

export type Decision =
  /** An order that maps; `cancelled` when the platform had already cancelled it. */
  | { kind: 'order'; externalId: string; skus: string[]; country: string; cancelled?: boolean; unwrap?: 'order' | 'orders' }
  /** An order payload that cannot become an order: a 400 naming these platform paths. */
  | { kind: 'rejected'; paths: string[]; why: string; unwrap?: 'order' | 'orders' }
  /** Not an order (refund, fulfillment, location, inventory, notification): refused with a 400 by the order endpoints. */
  | { kind: 'not-an-order'; why: string }
  /** Used by another test (Amazon documents imported together, SP-API list pages read by the poller, pings). */
  | { kind: 'part'; of: string }
  | { kind: 'unsupported'; why: string };

/** Shopify platform SKUs (and SKU-less variants) mapped to demo SKUs, for every Shopify test. */
export const SHOPIFY_SKUS: Record<string, string> = {
  IPOD2008PINK: 'CD-BLUE',
  'SKU2006-001': 'SHEARS',
  'SKU2006-020': 'LOPPERS',
  'SKU2006-035': 'BBQ-TONGS',
  'LENS-PROTECT-2YR': 'GLOVES-GARDEN',
  'CASE-LEATHER-PREM': 'THERMO-MEAT',
  IPOD2008GREEN: 'CD-RUMOURS',
  IPOD2008RED: 'CD-OK-COMPUTER',
  IPOD2008BLACK: 'CD-ABBEY-ROAD',
  'variant:49121760117052': 'SPRINKLER',
  'variant:49121760182588': 'HOSE-30M',
  'variant:39072856': 'SEED-TOMATO',
  'variant:4107806867497': 'SEED-BASIL',
};

const DOCS_ID = '820982911946154508';
const docsCancelled = (skus: string[]): Decision => ({ kind: 'order', externalId: DOCS_ID, skus, country: 'US', cancelled: true });
const ruby = (skus: string[], unwrap: 'order' | 'orders' = 'order'): Decision => ({
  kind: 'order',
  externalId: '450789469',
  skus,
  country: 'US',
  unwrap,
});
const anonymised = 'anonymised shape-only payload: "example string" for currency, country and prices';

export const SHOPIFY: Record<string, Decision> = {
  'gadget-webhook-schemas__anonymized-exemplar__2024-01_orders_1.json': {
    kind: 'rejected',
    why: anonymised,
    paths: ['total_price_set.shop_money.currency_code', 'shipping_address.country_code', 'line_items.0.sku'],
  },
  'gadget-webhook-schemas__anonymized-exemplar__2024-04_orders_1.json': {
    kind: 'rejected',
    why: anonymised,
    paths: ['total_price_set.shop_money.currency_code', 'shipping_address.country_code', 'line_items.0.sku'],
  },
  'gadget-webhook-schemas__anonymized-exemplar__2025-04_orders_1.json': {
    kind: 'rejected',
    why: `${anonymised}; the shipping address has no street, city or name`,
    paths: ['shipping_address.country_code', 'shipping_address.name', 'shipping_address.address1', 'shipping_address.city'],
  },
  'gadget-webhook-schemas__docs-example__2023-10__orders_create.json': docsCancelled(['CD-BLUE']),
  'gadget-webhook-schemas__docs-example__2024-07__orders_create.json': docsCancelled(['SHEARS', 'LOPPERS', 'BBQ-TONGS']),
  'gadget-webhook-schemas__docs-example__2025-07__orders_create.json': docsCancelled(['SHEARS', 'LOPPERS', 'BBQ-TONGS']),
  'gadget-webhook-schemas__docs-example__2026-04__orders_create.json': docsCancelled([
    'SHEARS',
    'GLOVES-GARDEN',
    'THERMO-MEAT',
    'LOPPERS',
    'BBQ-TONGS',
  ]),
  'kanvas-ecosystem-api__orders_create_test_notification_2024-06-26.json': docsCancelled(['SPRINKLER', 'HOSE-30M']),
  'shopify-api-ruby__fixtures__order.json': ruby(['CD-RUMOURS', 'CD-OK-COMPUTER', 'CD-ABBEY-ROAD']),
  'shopify-api-ruby__fixtures__order_with_properties.json': ruby(['SEED-TOMATO', 'SEED-BASIL']),
  'shopify-api-ruby__fixtures__orders.json': ruby(['CD-RUMOURS', 'CD-OK-COMPUTER', 'CD-ABBEY-ROAD'], 'orders'),
  'shopify_python_api__fixtures__order.json': ruby(['CD-RUMOURS', 'CD-OK-COMPUTER', 'CD-ABBEY-ROAD']),
  'shopify_python_api__fixtures__orders.json': {
    kind: 'rejected',
    unwrap: 'orders',
    why: 'the order in this list fixture has no line items',
    paths: ['line_items'],
  },
  'gadget-webhook-schemas__docs-example__2023-10__inventory_levels_update.json': {
    kind: 'not-an-order',
    why: 'inventory_levels/update webhook',
  },
  'gadget-webhook-schemas__docs-example__2026-04__fulfillment_orders_fulfillment_request_submitted.json': {
    kind: 'not-an-order',
    why: 'fulfillment order webhook',
  },
  'gadget-webhook-schemas__docs-example__2026-04__fulfillment_orders_merged.json': {
    kind: 'not-an-order',
    why: 'fulfillment order webhook',
  },
  'gadget-webhook-schemas__docs-example__2026-04__fulfillment_orders_moved.json': {
    kind: 'not-an-order',
    why: 'fulfillment order webhook',
  },
  'gadget-webhook-schemas__docs-example__2026-04__fulfillment_orders_order_routing_complete.json': {
    kind: 'not-an-order',
    why: 'fulfillment order webhook',
  },
  'gadget-webhook-schemas__docs-example__2026-04__fulfillment_orders_split.json': {
    kind: 'not-an-order',
    why: 'fulfillment order webhook',
  },
  'gadget-webhook-schemas__docs-example__2026-04__fulfillments_create.json': { kind: 'not-an-order', why: 'fulfillments/create webhook' },
  'gadget-webhook-schemas__docs-example__2026-04__locations_create.json': { kind: 'not-an-order', why: 'locations/create webhook' },
  'gadget-webhook-schemas__docs-example__2026-04__refunds_create.json': { kind: 'not-an-order', why: 'refunds/create webhook' },
  'shopify-api-ruby__fixtures__assigned_fulfillment_orders.json': { kind: 'not-an-order', why: 'fulfillment orders' },
  'shopify-api-ruby__fixtures__fulfillment_order_locations_for_move.json': { kind: 'not-an-order', why: 'locations' },
  'shopify-api-ruby__fixtures__fulfillment_orders.json': { kind: 'not-an-order', why: 'fulfillment orders' },
  'shopify-api-ruby__fixtures__inventory_levels.json': { kind: 'not-an-order', why: 'inventory levels' },
  'shopify-api-ruby__fixtures__refund.json': { kind: 'not-an-order', why: 'refund' },
  'shopify_python_api__fixtures__fulfillment_orders.json': { kind: 'not-an-order', why: 'fulfillment orders' },
  'shopify_python_api__fixtures__inventory_levels.json': { kind: 'not-an-order', why: 'inventory levels' },
  'shopify_python_api__fixtures__location_inventory_levels.json': { kind: 'not-an-order', why: 'inventory levels' },
  'shopify_python_api__fixtures__locations.json': { kind: 'not-an-order', why: 'locations' },
};

/** WooCommerce SKUs, and SKU-less products and variations by id, mapped to demo SKUs. */
export const WOO_SKUS: Record<string, string> = {
  Bar3: 'SHEARS',
  'product:93': 'CD-BLUE',
  'product:79': 'SEED-BASIL',
  'variation:24': 'GLOVES-GARDEN',
  'product:87': 'CD-RUMOURS',
  'product:34': 'BOOK-GARDEN',
};

const woo727: Decision = { kind: 'order', externalId: '727', skus: ['CD-BLUE', 'SHEARS'], country: 'US' };
const woo723: Decision = { kind: 'order', externalId: '723', skus: ['CD-RUMOURS', 'BOOK-GARDEN'], country: 'BR' };

/** A list or batch file holds several order bodies: each is sent as its own webhook. */
export const WOOCOMMERCE: Record<string, Decision | Decision[]> = {
  'wp-api-v3_orders__create_an_order.json': woo727,
  'wp-api-v3_orders__update_an_order.json': woo727,
  'wp-api-v3_orders__list_all_orders.json': [woo727, woo723],
  'wp-api-v3_orders__batch_update_orders.json': [
    { kind: 'order', externalId: '728', skus: ['SEED-BASIL', 'CD-BLUE', 'SHEARS'], country: 'US' },
    { kind: 'order', externalId: '729', skus: ['SHEARS', 'GLOVES-GARDEN'], country: 'US' },
    woo727,
    woo723,
  ],
  'wp-api-v3_order-refunds__create_a_refund.json': { kind: 'not-an-order', why: 'a refund: no address, no currency, no order lines' },
  'wp-api-v3_order-refunds__list_all_refunds.json': { kind: 'not-an-order', why: 'a list of refunds' },
};

/** Amazon seller SKUs mapped to demo SKUs. */
export const AMAZON_SKUS: Record<string, string> = {
  NABetaASINB00551Q3CS: 'BOOK-GARDEN',
  CBA_OTF_1: 'SEED-TOMATO',
  CBA_OTF_5: 'SEED-BASIL',
  'ECHO-DOT-4-UK-CHARCOAL-3PACK': 'CD-BLUE',
  'ECHO-DOT-4-UK-CHARCOAL-SINGLE': 'CD-BLUE',
  'ECHO-DOT-4-BR-PRETO': 'CD-RUMOURS',
  'FIRE-HD10-TR-BLK': 'DVD-PLANET-EARTH',
  'ECHO-POP-US-BLK': 'LP-KIND-OF-BLUE',
  'ECHO-DOT-4-CHARCOAL': 'CD-OK-COMPUTER',
  'FIRE-TV-4K-2021': 'LP-DARK-SIDE',
  'ECHO-DOT-4-JP-CHARCOAL': 'CD-ABBEY-ROAD',
  'FIRE-TV-4K-MAX-JP': 'THERMO-MEAT',
  'DELL-I15-BR-001': 'BOOK-BBQ',
};

/** One import: the SP-API documents sent together to POST /v1/channels/:id/amazon/import. */
export interface AmazonImport {
  name: string;
  docs: { getOrder: string; getOrderItems?: string; getOrderAddress?: string };
  expect: Decision;
}

const v0 = (kind: string, n: string) => `ordersV0__${kind}__200__${n}.json`;
const v2026 = (n: string) => `orders_2026-01-01__getOrder__200__${n}.json`;

export const AMAZON_IMPORTS: AmazonImport[] = [
  {
    name: 'Orders v0 sandbox TEST_CASE_200 (getOrder, getOrderItems, getOrderAddress)',
    docs: {
      getOrder: v0('getOrder', 'sandbox_static_1'),
      getOrderItems: v0('getOrderItems', 'sandbox_static_1'),
      getOrderAddress: v0('getOrderAddress', 'sandbox_static_1'),
    },
    expect: { kind: 'order', externalId: '902-1845936-5435065', skus: ['BOOK-GARDEN'], country: 'US' },
  },
  {
    name: 'Orders v0 documentation examples',
    docs: {
      getOrder: v0('getOrder', 'examples_application_json'),
      getOrderItems: v0('getOrderItems', 'examples_application_json'),
      getOrderAddress: v0('getOrderAddress', 'examples_application_json'),
    },
    expect: {
      kind: 'rejected',
      paths: ['getOrder.payload.OrderStatus'],
      why: 'Pending: Amazon has not released it for shipping (and its items example belongs to another order)',
    },
  },
  {
    name: 'Orders v0 getOrder with the items of another order',
    docs: { getOrder: v0('getOrder', 'sandbox_static_1'), getOrderItems: v0('getOrderItems', 'examples_application_json') },
    expect: { kind: 'rejected', paths: ['getOrderItems.payload.AmazonOrderId'], why: 'the items example is order 903-1671087-0812628' },
  },
  {
    name: 'Orders v0 sandbox TEST_CASE_IBA_200 (an Amazon-fulfilled order)',
    docs: { getOrder: v0('getOrder', 'sandbox_static_2') },
    expect: {
      kind: 'rejected',
      paths: ['getOrder.payload.FulfillmentChannel'],
      why: 'AFN: Amazon ships it (and v0 would need its getOrderItems, which does not exist here)',
    },
  },
  {
    name: 'Orders v0 sandbox TEST_CASE_200 without its items',
    docs: { getOrder: v0('getOrder', 'sandbox_static_1') },
    expect: { kind: 'rejected', paths: ['getOrderItems'], why: 'v0 needs getOrderItems beside getOrder' },
  },
  {
    name: 'Orders 2026-01-01 example (GBP, Manchester)',
    docs: { getOrder: v2026('examples_application_json') },
    expect: { kind: 'order', externalId: '202-1234567-8901234', skus: ['CD-BLUE'], country: 'GB' },
  },
  {
    name: 'Orders 2026-01-01 sandbox 1 (BRL)',
    docs: { getOrder: v2026('sandbox_static_1') },
    expect: { kind: 'order', externalId: '171-9876543-2109876', skus: ['CD-RUMOURS'], country: 'BR' },
  },
  {
    name: 'Orders 2026-01-01 sandbox 2 (TRY)',
    docs: { getOrder: v2026('sandbox_static_2') },
    expect: { kind: 'order', externalId: '028-1234567-8901234', skus: ['DVD-PLANET-EARTH'], country: 'TR' },
  },
  {
    name: 'Orders 2026-01-01 sandbox 3 (USD)',
    docs: { getOrder: v2026('sandbox_static_3') },
    expect: { kind: 'order', externalId: '114-9876543-1234567', skus: ['LP-KIND-OF-BLUE'], country: 'US' },
  },
];

const imported = new Set(AMAZON_IMPORTS.flatMap((i) => Object.values(i.docs)));
const search = (n: string) => `orders_2026-01-01__searchOrders__200__${n}.json`;

export const AMAZON: Record<string, Decision> = {
  ...Object.fromEntries([...imported].map((f) => [f, { kind: 'part', of: 'AMAZON_IMPORTS' } as Decision])),
  [v0('getOrders', 'examples_application_json')]: { kind: 'part', of: 'the v0 poller' },
  [v0('getOrders', 'sandbox_static_1')]: { kind: 'part', of: 'the v0 poller' },
  [v0('getOrders', 'sandbox_static_2')]: { kind: 'part', of: 'the v0 poller' },
  [v0('getOrders', 'sandbox_static_3')]: { kind: 'part', of: 'the v0 poller' },
  [search('examples_application_json')]: { kind: 'part', of: 'the 2026-01-01 poller' },
  [search('sandbox_static_1')]: { kind: 'part', of: 'the 2026-01-01 poller' },
  [search('sandbox_static_2')]: { kind: 'part', of: 'the 2026-01-01 poller' },
  [search('sandbox_static_3')]: { kind: 'part', of: 'the 2026-01-01 poller' },
  'notifications__FulfillmentOrderStatusNotification__example_1.json': {
    kind: 'not-an-order',
    why: 'an FBA fulfillment-order status notification',
  },
  'notifications__OrderChangeNotification__example_1.json': {
    kind: 'not-an-order',
    why: 'a notification that an order changed: a poll fetches the order itself',
  },
};

export const BIGCOMMERCE: Record<string, Decision> = {
  'bigcommerce-api-ruby__test_fixtures__order.json': {
    kind: 'unsupported',
    why: 'no BigCommerce adapter (not in the issue); this fixture is also a digital order with no shipping address and its products behind another URL',
  },
};
