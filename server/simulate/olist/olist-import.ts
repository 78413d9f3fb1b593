// The Olist Brazilian e-commerce data set (Kaggle's CSVs) as a Conveyor history: sellers grouped
// by state (or each seller) become ship-from locations holding what they sold, buyers' zip
// prefixes become destinations, items become lines, and the real delivery is kept to compare.
// For tests and the CLI only: the server never needs this data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { OrderLine, Product, ShippingClass } from '../../domain/types.ts';
import { toUtcIso } from '../csv-import.ts';
import { byCode } from '../histogram.ts';
import type { SimNetwork } from '../network.ts';
import type { SimOrder, StockLine } from '../types.ts';
import { olistNetwork, type LatLon, type OlistLocation } from './olist-network.ts';

export interface OlistOptions {
  /** Ship-from locations: one per seller state (default) or one per seller. */
  groupBy?: 'state' | 'seller' | undefined;
  /** Only the first N orders by purchase time. */
  limit?: number | undefined;
}

export interface OlistImport {
  orders: SimOrder[];
  network: SimNetwork;
  /** What each location sold over the history, as its opening stock. */
  stock: StockLine[];
  /** Orders fulfilled by more than one seller, and those whose sellers sat in more than one state. */
  multiSeller: { orders: string[]; crossState: string[] };
}

type Row = Record<string, string>;
const read = (dir: string, file: string): Row[] => parse(readFileSync(join(dir, file)), { columns: true, skip_empty_lines: true }) as Row[];
// Olist's timestamps are Brazilian local time (São Paulo, UTC-3).
const brt = (s: string | undefined) => (s ? toUtcIso(s, '-03:00') : undefined);

interface Tables {
  where: (zip?: string, state?: string) => LatLon | undefined;
  sellers: Map<string, { zip?: string | undefined; state: string }>;
  customers: Map<string, Row>;
  products: Map<string, Product>;
  items: Map<string, Row[]>;
  orders: Row[];
}

/** Reads the Olist CSVs from a folder and maps them to orders, a network and opening stock. */
export function importOlist(dir: string, opts: OlistOptions = {}): OlistImport {
  const t = readTables(dir);
  const orders: SimOrder[] = [];
  for (const o of t.orders) {
    const its = t.items.get(o.order_id ?? '');
    const placedAt = brt(o.order_purchase_timestamp);
    if (its && placedAt) orders.push(toOrder(o, its, { placedAt, customer: t.customers.get(o.customer_id ?? ''), where: t.where }));
  }
  orders.sort((a, b) => byCode(a.placedAt, b.placedAt) || byCode(a.externalId, b.externalId));
  const kept = opts.limit ? orders.slice(0, opts.limit) : orders;
  const locationOf = (sellerId: string) =>
    opts.groupBy === 'seller' ? `S-${sellerId.slice(0, 16)}` : `BR-${t.sellers.get(sellerId)?.state ?? 'XX'}`;
  const sold = soldBy(t, new Set(kept.map((o) => o.externalId)), locationOf);
  const stockedAt = new Map<string, string[]>();
  for (const s of sold.stock) stockedAt.set(s.sku, [...(stockedAt.get(s.sku) ?? []), s.warehouseId]); // few locations per SKU
  const locations = locate(t.sellers, sold.sellerLocations, t.where);
  return { orders: kept, network: olistNetwork(locations, t.products, stockedAt), stock: sold.stock, multiSeller: sold.multiSeller };
}

function readTables(dir: string): Tables {
  const geo = new Map(
    read(dir, 'olist_geolocation_one_row_per_zip_prefix.csv').map((r) => [
      r.geolocation_zip_code_prefix ?? '',
      { lat: Number(r.geolocation_lat), lon: Number(r.geolocation_lng), state: r.geolocation_state ?? '' },
    ]),
  );
  const stateCentre = centroids([...geo.values()].map((g) => [g.state, g] as const));
  return {
    where: (zip, state) => geo.get(zip ?? '') ?? stateCentre.get(state ?? ''),
    sellers: new Map(
      read(dir, 'olist_sellers_dataset.csv').map((r) => [
        r.seller_id ?? '',
        { zip: r.seller_zip_code_prefix, state: r.seller_state ?? '' },
      ]),
    ),
    customers: new Map(read(dir, 'olist_customers_dataset.csv').map((r) => [r.customer_id ?? '', r])),
    products: productsOf(read(dir, 'olist_products_dataset.csv')),
    items: groupBy(read(dir, 'olist_order_items_dataset.csv'), (r) => r.order_id ?? ''),
    orders: read(dir, 'olist_orders_dataset.csv'),
  };
}

/** Units each location sold (its opening stock), which seller ships from where, and the real multi-seller orders. */
function soldBy(t: Tables, kept: Set<string>, locationOf: (sellerId: string) => string) {
  const units = new Map<string, number>();
  const sellerLocations = new Map<string, string>();
  const multi: string[] = [];
  const crossState: string[] = [];
  for (const [orderId, its] of t.items) {
    if (!kept.has(orderId)) continue;
    const sellerIds = new Set(its.map((i) => i.seller_id ?? ''));
    if (sellerIds.size > 1) multi.push(orderId);
    if (new Set([...sellerIds].map((s) => t.sellers.get(s)?.state)).size > 1) crossState.push(orderId);
    for (const i of its) {
      const location = locationOf(i.seller_id ?? '');
      const key = `${i.product_id}\u0000${location}`;
      units.set(key, (units.get(key) ?? 0) + 1);
      sellerLocations.set(i.seller_id ?? '', location);
    }
  }
  const stock: StockLine[] = [...units]
    .map(([key, onHand]) => {
      const [sku, warehouseId] = key.split('\u0000') as [string, string];
      return { sku, warehouseId, onHand };
    })
    .sort((a, b) => byCode(a.sku, b.sku) || byCode(a.warehouseId, b.warehouseId));
  return { stock, sellerLocations, multiSeller: { orders: multi.sort(byCode), crossState: crossState.sort(byCode) } };
}

function toOrder(
  o: Row,
  its: Row[],
  { placedAt, customer, where }: { placedAt: string; customer: Row | undefined; where: Tables['where'] },
): SimOrder {
  const lines = new Map<string, OrderLine>();
  for (const i of its) {
    const sku = i.product_id ?? '';
    const line = lines.get(sku) ?? { sku, quantity: 0, unitPrice: Math.round(Number(i.price) * 100) };
    line.quantity++;
    lines.set(sku, line);
  }
  const zip = customer?.customer_zip_code_prefix ?? '';
  const at = where(zip, customer?.customer_state);
  const deliveredAt = brt(o.order_delivered_customer_date);
  const promisedBy = brt(o.order_estimated_delivery_date);
  return {
    externalId: o.order_id ?? '',
    channelId: 'olist',
    placedAt,
    serviceLevel: 'standard',
    shipTo: {
      name: 'Olist customer',
      line1: '-',
      city: customer?.customer_city ?? '-',
      region: customer?.customer_state,
      postalCode: zip,
      country: 'BR',
      ...(at ? { lat: at.lat, lon: at.lon } : {}),
    },
    lines: [...lines.values()],
    customer: { id: customer?.customer_unique_id ?? o.customer_id },
    actual: {
      ...(deliveredAt ? { deliveredAt } : {}),
      ...(promisedBy ? { promisedBy } : {}),
      shipments: new Set(its.map((i) => i.seller_id)).size,
    },
  };
}

/** Weight from grams, size from centimetres; small and light is a packet, over 30 kg a pallet. */
function productsOf(rows: Row[]): Map<string, Product> {
  return new Map(
    rows.map((r) => {
      const weightKg = Number(r.product_weight_g) > 0 ? Number(r.product_weight_g) / 1000 : 0.5;
      const volumeLitres = (Number(r.product_length_cm) * Number(r.product_height_cm) * Number(r.product_width_cm)) / 1000 || 1;
      const shippingClass: ShippingClass = weightKg <= 1 && volumeLitres <= 5 ? 'packet' : weightKg <= 30 ? 'parcel' : 'pallet';
      const sku = r.product_id ?? '';
      return [sku, { sku, name: r.product_category_name || sku, weightKg, volumeLitres, shippingClass, liquid: false, hazardous: false }];
    }),
  );
}

/** Each location at the centre of its sellers' zip prefixes. */
function locate(sellers: Tables['sellers'], locationOfSeller: Map<string, string>, where: Tables['where']): OlistLocation[] {
  const points = [...locationOfSeller].flatMap(([sellerId, location]) => {
    const s = sellers.get(sellerId);
    const p = where(s?.zip, s?.state);
    return p ? [[location, p] as const] : [];
  });
  const centres = centroids(points);
  return [...new Set(locationOfSeller.values())]
    .sort(byCode)
    .map((id) => ({ id, name: id, ...(centres.get(id) ?? { lat: -15.8, lon: -47.9 }) }));
}

function centroids(points: Iterable<readonly [string, LatLon]>): Map<string, LatLon> {
  const sums = new Map<string, { lat: number; lon: number; n: number }>();
  for (const [key, p] of points) {
    const s = sums.get(key) ?? { lat: 0, lon: 0, n: 0 };
    sums.set(key, { lat: s.lat + p.lat, lon: s.lon + p.lon, n: s.n + 1 });
  }
  return new Map([...sums].map(([k, s]) => [k, { lat: s.lat / s.n, lon: s.lon / s.n }]));
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
}
