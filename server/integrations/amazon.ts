// Amazon SP-API orders as drafts: Orders v0 (getOrder + getOrderItems pages + getOrderAddress) and
// Orders 2026-01-01 (one getOrder document that carries items and recipient).
import { invalid } from '../domain/errors.ts';
import { field, type DraftAddress, type DraftLine, type DraftOrder } from './draft-order.ts';
import { dig, list, obj, text, type Json } from './json-read.ts';
import { serviceLevelFrom } from './service-level.ts';

/** The documents an importer fetched for one order, as SP-API returned them. */
export interface AmazonDocuments {
  getOrder: unknown;
  /** v0 only: every page of getOrderItems, or the single page. */
  getOrderItems?: unknown;
  /** v0 only; getOrder's own ShippingAddress is used when absent. */
  getOrderAddress?: unknown;
}

/** Reads the documents of either API version into a draft; throws validation_failed when they do not fit together. */
export function draftAmazonOrder(docs: AmazonDocuments): DraftOrder {
  const order2026 = obj(dig(docs.getOrder, 'order'));
  if (order2026) return draft2026(order2026);
  const order = obj(dig(docs.getOrder, 'payload'));
  if (!order)
    throw invalid('getOrder is not an SP-API getOrder response', [
      { path: 'getOrder', message: 'expected {"payload":{…}} (v0) or {"order":{…}} (2026-01-01)' },
    ]);
  return draftV0(order, docs);
}

/**
 * Why an order (a v0 `payload` or a 2026 `order`) is not for Conveyor to ship, or undefined when it
 * is: Amazon fulfils it itself, or it is still pending payment and has no address yet.
 */
export function notImportable(order: unknown): { path: string; message: string; reason: string } | undefined {
  const is2026 = dig(order, 'orderId') !== undefined;
  const status = text(is2026 ? dig(order, 'fulfillment', 'fulfillmentStatus') : dig(order, 'OrderStatus'));
  const byAmazon = is2026 ? text(dig(order, 'fulfillment', 'fulfilledBy')) === 'AMAZON' : text(dig(order, 'FulfillmentChannel')) === 'AFN';
  const at = is2026 ? 'getOrder.order.fulfillment' : 'getOrder.payload';
  if (byAmazon)
    return {
      path: is2026 ? `${at}.fulfilledBy` : `${at}.FulfillmentChannel`,
      message: 'fulfilled by Amazon',
      reason: 'Amazon fulfils this order itself; there is nothing for Conveyor to ship',
    };
  if (status && /^pending/i.test(status.replace(/_/g, ''))) {
    const message = `${status}: Amazon releases the address once payment is authorised; import it when it is Unshipped`;
    return { path: is2026 ? `${at}.fulfillmentStatus` : `${at}.OrderStatus`, message, reason: 'the order is not ready to ship yet' };
  }
  return undefined;
}

function refuseUnimportable(order: Json): void {
  const why = notImportable(order);
  if (why) throw invalid(why.reason, [{ path: why.path, message: why.message }]);
}

function draftV0(order: Json, docs: AmazonDocuments): DraftOrder {
  const orderId = text(order.AmazonOrderId);
  refuseUnimportable(order);
  const items = v0Items(docs.getOrderItems, orderId);
  const address = v0Address(docs.getOrderAddress, order, orderId);
  const currency = text(dig(items[0]?.item, 'ItemPrice', 'CurrencyCode')) ?? text(dig(order, 'OrderTotal', 'CurrencyCode'));
  return {
    platform: 'amazon',
    externalId: field('getOrder.payload.AmazonOrderId', orderId),
    placedAt: field('getOrder.payload.PurchaseDate', order.PurchaseDate),
    currency: field(items[0] ? `${items[0].path}.ItemPrice.CurrencyCode` : 'getOrder.payload.OrderTotal.CurrencyCode', currency),
    shipTo: address,
    shipToPath: 'getOrderAddress.payload.ShippingAddress',
    lines: items.map(({ item, path }) => v0Line(item, path, currency)),
    linesPath: 'getOrderItems.payload.OrderItems',
    serviceLevel: serviceLevelFrom([text(order.ShipmentServiceLevelCategory), text(order.ShipServiceLevel)]),
    customer: { email: text(dig(order, 'BuyerInfo', 'BuyerEmail')) },
    cancelled: text(order.OrderStatus) === 'Canceled',
    total: text(dig(order, 'OrderTotal', 'Amount')),
  };
}

/** Every item of every page, each with its path; pages must belong to this order and be complete. */
function v0Items(doc: unknown, orderId: string | undefined): { item: Json; path: string }[] {
  if (doc === undefined)
    throw invalid('Orders v0 needs getOrderItems beside getOrder', [
      { path: 'getOrderItems', message: 'required for an Orders v0 getOrder' },
    ]);
  const pages = Array.isArray(doc) ? doc : [doc];
  return pages.flatMap((page, p) => {
    const at = Array.isArray(doc) ? `getOrderItems.${p}.payload` : 'getOrderItems.payload';
    const payload = obj(dig(page, 'payload'));
    if (!payload)
      throw invalid('getOrderItems is not an SP-API getOrderItems response', [
        { path: at, message: 'expected {"payload":{"OrderItems":[…]}}' },
      ]);
    sameOrder(payload, orderId, `${at}.AmazonOrderId`);
    if (p === pages.length - 1 && text(payload.NextToken)) {
      throw invalid('getOrderItems has more pages', [
        { path: `${at}.NextToken`, message: 'fetch the next page with this NextToken and send every page' },
      ]);
    }
    return (list(payload.OrderItems) ?? []).flatMap((item, i) =>
      obj(item) ? [{ item: obj(item) as Json, path: `${at}.OrderItems.${i}` }] : [],
    );
  });
}

function sameOrder(payload: Json, orderId: string | undefined, path: string): void {
  const other = text(payload.AmazonOrderId);
  if (other && orderId && other !== orderId) {
    throw invalid('the documents belong to different orders', [{ path, message: `${other} is not ${orderId}, the order in getOrder` }]);
  }
}

function v0Address(doc: unknown, order: Json, orderId: string | undefined): DraftAddress | undefined {
  const payload = obj(dig(doc, 'payload'));
  if (payload) sameOrder(payload, orderId, 'getOrderAddress.payload.AmazonOrderId');
  const [a, at] = payload?.ShippingAddress
    ? [obj(payload.ShippingAddress), 'getOrderAddress.payload.ShippingAddress']
    : [obj(order.ShippingAddress), 'getOrder.payload.ShippingAddress'];
  if (!a) return undefined;
  const p = (key: string) => `${at}.${key}`;
  return {
    path: at,
    name: field(p('Name'), a.Name),
    line1: field(p('AddressLine1'), a.AddressLine1),
    line2: field(p('AddressLine2'), a.AddressLine2),
    city: field(p('City'), a.City),
    region: field(p('StateOrRegion'), a.StateOrRegion),
    postalCode: field(p('PostalCode'), a.PostalCode),
    country: field(p('CountryCode'), a.CountryCode),
    lat: dig(a, 'ExtendedFields', 'GeoCoordinates', 'Latitude'),
    lon: dig(a, 'ExtendedFields', 'GeoCoordinates', 'Longitude'),
  };
}

// ItemPrice is the price of all units of the item, not of one.
function v0Line(item: Json, path: string, currency: string | undefined): DraftLine {
  sameCurrency(dig(item, 'ItemPrice', 'CurrencyCode'), currency, `${path}.ItemPrice.CurrencyCode`);
  const asin = text(item.ASIN);
  return {
    path,
    sku: field(`${path}.SellerSKU`, item.SellerSKU),
    fallbackKey: asin ? `asin:${asin}` : undefined,
    quantity: field(`${path}.QuantityOrdered`, item.QuantityOrdered),
    price: { ...field(`${path}.ItemPrice.Amount`, dig(item, 'ItemPrice', 'Amount')), per: 'line' },
    ...(dig(item, 'PromotionDiscount', 'Amount') !== undefined
      ? { discount: field(`${path}.PromotionDiscount.Amount`, dig(item, 'PromotionDiscount', 'Amount')) }
      : {}),
  };
}

function sameCurrency(code: unknown, currency: string | undefined, path: string): void {
  if (text(code) && currency && text(code) !== currency) {
    throw invalid('the order mixes currencies', [{ path, message: `${text(code)} differs from the order's ${currency}` }]);
  }
}

function draft2026(order: Json): DraftOrder {
  const status = text(dig(order, 'fulfillment', 'fulfillmentStatus'));
  refuseUnimportable(order);
  const items = (list(order.orderItems) ?? []).map((item, i) => ({ item: obj(item) ?? {}, path: `getOrder.order.orderItems.${i}` }));
  const currency =
    text(dig(items[0]?.item, 'product', 'price', 'unitPrice', 'currencyCode')) ??
    text(dig(order, 'proceeds', 'grandTotal', 'currencyCode'));
  const a = obj(dig(order, 'recipient', 'deliveryAddress'));
  return {
    platform: 'amazon',
    externalId: field('getOrder.order.orderId', order.orderId),
    placedAt: field('getOrder.order.createdTime', order.createdTime),
    currency: field(
      items[0] ? `${items[0].path}.product.price.unitPrice.currencyCode` : 'getOrder.order.proceeds.grandTotal.currencyCode',
      currency,
    ),
    shipTo: a ? address2026(a) : undefined,
    shipToPath: 'getOrder.order.recipient.deliveryAddress',
    lines: items.map(({ item, path }) => line2026(item, path, currency)),
    linesPath: 'getOrder.order.orderItems',
    serviceLevel: serviceLevelFrom([text(dig(order, 'fulfillment', 'fulfillmentServiceLevel'))]),
    customer: { email: text(dig(order, 'buyer', 'buyerEmail')) },
    cancelled: status === 'CANCELLED',
    total: text(dig(order, 'proceeds', 'grandTotal', 'amount')),
  };
}

function address2026(a: Json): DraftAddress {
  const p = (key: string) => `getOrder.order.recipient.deliveryAddress.${key}`;
  return {
    path: p('').slice(0, -1),
    name: field(p('name'), text(a.name) ?? text(a.companyName)),
    line1: field(p('addressLine1'), a.addressLine1),
    line2: field(p('addressLine2'), a.addressLine2),
    city: field(p('city'), a.city),
    region: field(p('stateOrRegion'), a.stateOrRegion),
    postalCode: field(p('postalCode'), a.postalCode),
    country: field(p('countryCode'), a.countryCode),
  };
}

function line2026(item: Json, path: string, currency: string | undefined): DraftLine {
  const unitPrice = dig(item, 'product', 'price', 'unitPrice');
  sameCurrency(dig(unitPrice, 'currencyCode'), currency, `${path}.product.price.unitPrice.currencyCode`);
  const asin = text(dig(item, 'product', 'asin'));
  return {
    path,
    sku: field(`${path}.product.sellerSku`, dig(item, 'product', 'sellerSku')),
    fallbackKey: asin ? `asin:${asin}` : undefined,
    quantity: field(`${path}.quantityOrdered`, item.quantityOrdered),
    price: { ...field(`${path}.product.price.unitPrice.amount`, dig(unitPrice, 'amount')), per: 'unit' },
  };
}
