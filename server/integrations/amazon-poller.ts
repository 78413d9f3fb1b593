// Pulls new orders from SP-API through a fetch function the caller supplies (it signs and sends the
// request; tests answer from files), and imports each one. One order failing never stops the rest.
import { DomainError } from '../domain/errors.ts';
import { notImportable, type AmazonDocuments } from './amazon.ts';
import { dig, list, obj, text } from './json-read.ts';

/** GETs an SP-API path such as `/orders/v0/orders?CreatedAfter=…` and answers the parsed JSON body. */
export type SpApiFetch = (path: string) => Promise<unknown>;

export interface AmazonPollOptions {
  api: 'v0' | '2026-01-01';
  marketplaceIds: string[];
  createdAfter: string;
  /** Stops after this many list pages (SP-API lists are rate-limited). */
  maxPages?: number | undefined;
}

export interface AmazonPollReport {
  pages: number;
  imported: { orderId: string; conveyorOrderId: string; created: boolean }[];
  /** Not for Conveyor (yet): pending payment, or fulfilled by Amazon. A later poll picks pending ones up. */
  skipped: { orderId: string; reason: string }[];
  failed: { orderId: string; code: string; message: string }[];
}

/** Imports one order's documents; the service's receive does this for a channel. */
export type ImportAmazonOrder = (docs: AmazonDocuments) => Promise<{ order: { id: string }; created: boolean }>;

/** Lists orders created since `createdAfter`, fetches what each needs, and imports them. */
export async function pollAmazonOrders(
  fetch: SpApiFetch,
  opts: AmazonPollOptions,
  importOrder: ImportAmazonOrder,
): Promise<AmazonPollReport> {
  const report: AmazonPollReport = { pages: 0, imported: [], skipped: [], failed: [] };
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetch(listPath(opts, token));
    report.pages++;
    const orders = opts.api === 'v0' ? list(dig(page, 'payload', 'Orders')) : list(dig(page, 'orders'));
    for (const order of orders ?? []) await importOne(fetch, opts, order, importOrder, report);
    if (token) seen.add(token);
    token = text(opts.api === 'v0' ? dig(page, 'payload', 'NextToken') : dig(page, 'pagination', 'nextToken'));
    // A token seen before would page in a circle.
  } while (token && !seen.has(token) && report.pages < (opts.maxPages ?? 20));
  return report;
}

function listPath(opts: AmazonPollOptions, token: string | undefined): string {
  const q = new URLSearchParams();
  if (opts.api === 'v0') {
    q.set('MarketplaceIds', opts.marketplaceIds.join(','));
    q.set('CreatedAfter', opts.createdAfter);
    if (token) q.set('NextToken', token);
    return `/orders/v0/orders?${q}`;
  }
  q.set('marketplaceIds', opts.marketplaceIds.join(','));
  q.set('createdAfter', opts.createdAfter);
  q.set('includedData', 'BUYER,RECIPIENT,PROCEEDS,FULFILLMENT');
  if (token) q.set('paginationToken', token);
  return `/orders/2026-01-01/orders?${q}`;
}

async function importOne(
  fetch: SpApiFetch,
  opts: AmazonPollOptions,
  order: unknown,
  importOrder: ImportAmazonOrder,
  report: AmazonPollReport,
): Promise<void> {
  const orderId = text(obj(order)?.AmazonOrderId) ?? text(obj(order)?.orderId) ?? '(no id)';
  // Checked before fetching items and address: getOrderItems is rate-limited to one call in two seconds.
  const why = notImportable(order);
  if (why) {
    report.skipped.push({ orderId, reason: why.message });
    return;
  }
  try {
    const docs = opts.api === 'v0' ? await v0Documents(fetch, orderId, order) : { getOrder: { order } };
    const { order: placed, created } = await importOrder(docs);
    report.imported.push({ orderId, conveyorOrderId: placed.id, created });
  } catch (error) {
    const code = error instanceof DomainError ? error.code : 'fetch_failed';
    const detail = error instanceof DomainError ? error.details?.[0] : undefined;
    report.failed.push({
      orderId,
      code,
      message: detail ? `${detail.path}: ${detail.message}` : String((error as Error).message ?? error),
    });
  }
}

// getOrders already answers each order as getOrder would; items come in pages, the address apart.
async function v0Documents(fetch: SpApiFetch, orderId: string, order: unknown): Promise<AmazonDocuments> {
  const id = encodeURIComponent(orderId);
  const pages: unknown[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(`/orders/v0/orders/${id}/orderItems${token ? `?NextToken=${encodeURIComponent(token)}` : ''}`);
    pages.push(page);
    token = text(dig(page, 'payload', 'NextToken'));
  } while (token && pages.length < 20);
  const getOrderAddress = await fetch(`/orders/v0/orders/${id}/address`);
  return { getOrder: { payload: order }, getOrderItems: pages.length === 1 ? pages[0] : pages, getOrderAddress };
}
