// Channel integrations over HTTP: platform webhooks (signed, no bearer token), the Amazon importer,
// per-channel settings, SKU maps and stock buffers, channel stock for polling, and inventory feeds.
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { DomainError, invalid } from '../domain/errors.ts';
import { draftAmazonOrder } from '../integrations/amazon.ts';
import { parseCsvFeed, parseJsonFeed } from '../integrations/feed-parse.ts';
import type { DraftOrder } from '../integrations/draft-order.ts';
import type { ReceivedOrder } from '../integrations/platform-intake.ts';
import {
  AmazonImportRequest,
  FeedQuery,
  IntegrationRequest,
  SkuMapRequest,
  StockQuery,
  StockSettingsRequest,
} from '../integrations/schemas.ts';
import { draftShopifyOrder } from '../integrations/shopify.ts';
import { SIGNATURE_HEADERS, type SigningPlatform } from '../integrations/signature.ts';
import { draftWooCommerceOrder, isWooCommercePing } from '../integrations/woocommerce.ts';
import type { Services } from '../services/container.ts';
import { allow, principalOf } from './auth.ts';
import type { AppEnv } from './env.ts';
import { IdParam } from './schemas.ts';
import { jsonBody, parseWith } from './validate.ts';

/** What each signed webhook accepts: its order topics (updates and cancellations reach known orders) and its reader. */
const WEBHOOKS: Record<SigningPlatform, { topicHeader: string; topics: Set<string>; draft: (payload: unknown) => DraftOrder }> = {
  shopify: {
    topicHeader: 'X-Shopify-Topic',
    topics: new Set(['orders/create', 'orders/updated', 'orders/cancelled']),
    draft: draftShopifyOrder,
  },
  woocommerce: { topicHeader: 'X-WC-Webhook-Topic', topics: new Set(['order.created', 'order.updated']), draft: draftWooCommerceOrder },
};

const channelOf = (c: Context<AppEnv>) => parseWith(IdParam, c.req.param('id'), 'channel id');
const answer = (c: Context<AppEnv>, r: ReceivedOrder) => c.json({ ...r.order, source: r.source }, r.created ? 201 : 200);

/** A channel key may act only for its own channel; admins for any. */
function ownChannelOnly(c: Context<AppEnv>, channelId: string): void {
  const p = principalOf(c);
  if (p.role === 'channel' && p.channelId !== channelId) throw new DomainError('forbidden', 'a channel key acts only for its own channel');
}

function parseRawJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw invalid('the webhook body must be JSON', [{ path: '(root)', message: 'not valid JSON' }]);
  }
}

export function integrationRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const read = allow('admin', 'analyst');

  /** Verifies a platform's signed webhook on the raw bytes, then places the order it carries. */
  async function receiveWebhook(c: Context<AppEnv>, platform: SigningPlatform, body: Uint8Array) {
    const channelId = channelOf(c);
    await s.integrations.verifyWebhook({ channelId, platform, body, signature: c.req.header(SIGNATURE_HEADERS[platform]) });
    const { topicHeader, topics, draft } = WEBHOOKS[platform];
    const topic = c.req.header(topicHeader);
    if (topic && !topics.has(topic)) {
      throw invalid(`this endpoint takes ${[...topics].join(', ')}`, [{ path: topicHeader, message: `${topic} is not an order topic` }]);
    }
    return answer(c, await s.integrations.receive(s, channelId, draft(parseRawJson(body))));
  }

  app.put('/channels/:id/integration', allow('admin'), async (c) =>
    c.json(await s.integrations.putIntegration(channelOf(c), await jsonBody(c, IntegrationRequest))),
  );
  app.get('/channels/:id/integration', read, async (c) => c.json(await s.integrations.integration(channelOf(c))));

  app.put('/channels/:id/sku-map', allow('admin'), async (c) => {
    const mappings = await s.integrations.putSkuMap(channelOf(c), await jsonBody(c, SkuMapRequest));
    return c.json({ channelId: channelOf(c), mappings });
  });
  app.get('/channels/:id/sku-map', read, async (c) =>
    c.json({ channelId: channelOf(c), mappings: await s.integrations.skuMap(channelOf(c)) }),
  );

  app.put('/channels/:id/stock-settings', allow('admin'), async (c) =>
    c.json(await s.integrations.putStockSettings(channelOf(c), await jsonBody(c, StockSettingsRequest))),
  );
  app.get('/channels/:id/stock-settings', read, async (c) => c.json(await s.integrations.stockSettings(channelOf(c))));

  // Pollable: the ETag changes only when some channel figure does, so an unchanged poll costs a 304.
  app.get('/channels/:id/stock', allow('admin', 'analyst', 'channel'), async (c) => {
    const channelId = channelOf(c);
    ownChannelOnly(c, channelId);
    const q = parseWith(StockQuery, c.req.query(), 'query');
    const stock = await s.integrations.channelStock(channelId, q.skus?.split(',').filter(Boolean));
    const etag = `"${createHash('sha256').update(JSON.stringify(stock)).digest('base64url').slice(0, 27)}"`;
    c.header('ETag', etag);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.json(stock);
  });

  app.post('/channels/:id/shopify/orders', async (c) => receiveWebhook(c, 'shopify', new Uint8Array(await c.req.arrayBuffer())));

  app.post('/channels/:id/woocommerce/orders', async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    // WooCommerce checks a new webhook's URL with an unsigned `webhook_id=…` form post.
    if (isWooCommercePing(Buffer.from(body).toString('utf8'))) {
      await s.integrations.requireIntegration(channelOf(c), 'woocommerce');
      return c.json({ status: 'ok' });
    }
    return receiveWebhook(c, 'woocommerce', body);
  });

  app.post('/channels/:id/amazon/import', allow('admin', 'channel'), async (c) => {
    const channelId = channelOf(c);
    ownChannelOnly(c, channelId);
    const docs = await jsonBody(c, AmazonImportRequest);
    return answer(c, await s.integrations.receive(s, channelId, draftAmazonOrder(docs)));
  });

  app.post('/feeds/inventory', allow('admin'), async (c) => {
    const q = parseWith(FeedQuery, c.req.query(), 'query');
    const format = q.format ?? (c.req.header('content-type')?.includes('csv') ? 'csv' : 'json');
    const json = format === 'json' ? await readJson(c) : undefined;
    const feed = format === 'csv' ? parseCsvFeed(await c.req.text(), q.kind, q.warehouseId) : parseJsonFeed(json, q.kind, q.warehouseId);
    const given =
      typeof (json as { reason?: unknown } | undefined)?.reason === 'string'
        ? String((json as { reason: string }).reason).slice(0, 200)
        : undefined;
    const reason = q.reason ?? given ?? `inventory feed (${q.kind})`;
    return c.json(
      await s.integrations.inventoryFeed(s, feed, { kind: q.kind, mode: q.mode, complete: q.complete, warehouseId: q.warehouseId, reason }),
    );
  });

  return app;
}

async function readJson(c: Context<AppEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw invalid('the feed must be JSON (or send format=csv)', [{ path: '(root)', message: 'not valid JSON' }]);
  }
}
