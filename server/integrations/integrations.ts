// Channel integrations as a service: platform settings and webhook verification, SKU maps, stock
// buffers and each channel's available-to-sell, platform orders into the intake, inventory feeds.
import { DomainError, invalid, notFound } from '../domain/errors.ts';
import type { Clock } from '../domain/ports.ts';
import { loadConfig } from '../config.ts';
import type { Catalogue } from '../services/catalogue.ts';
import { getChannel } from '../store/access-repo.ts';
import type { Db, Sql } from '../store/client.ts';
import { appendEvent } from '../store/event-repo.ts';
import * as repo from '../store/integration-repo.ts';
import { allStock } from '../store/stock-repo.ts';
import { availableToSell, NO_BUFFER, type ChannelStockItem, type ChannelStockSettings } from './channel-stock.ts';
import type { DraftOrder, Platform } from './draft-order.ts';
import type { ParsedFeed } from './feed-parse.ts';
import { applyInventoryFeed, type FeedOptions, type FeedReport } from './inventory-feed.ts';
import type { MappingContext } from './map-order.ts';
import { receivePlatformOrder, type OrderPipeline, type ReceivedOrder } from './platform-intake.ts';
import type { IntegrationRequest, SkuMapRequest } from './schemas.ts';
import { isValidSignature, SIGNATURE_HEADERS, type SigningPlatform } from './signature.ts';
import { platformSkusBySku, skuMapChangedEvent, stockSettingsChangedEvent } from './stock-sync-events.ts';

export interface IntegrationDeps {
  db: Db;
  clock: Clock;
  catalogue: Catalogue;
  /** The deployment currency; CONVEYOR_CURRENCY when not given. */
  currency?: string | undefined;
}

/** What GET and PUT answer about an integration: never the secret itself. */
export interface IntegrationView {
  channelId: string;
  platform: Platform;
  hasSecret: boolean;
  currency: string;
  currencyRates: Record<string, number>;
  updatedAt: string;
}

export interface ChannelStock {
  channelId: string;
  settings: ChannelStockSettings;
  items: (ChannelStockItem & { platformSkus: string[] })[];
}

const SIGNED: ReadonlySet<Platform> = new Set(['shopify', 'woocommerce']);

export class Integrations {
  readonly currency: string;

  constructor(private readonly deps: IntegrationDeps) {
    this.currency = deps.currency ?? loadConfig().currency;
  }

  async integration(channelId: string): Promise<IntegrationView> {
    const found = await this.stored(channelId);
    if (!found) throw notFound('integration of channel', channelId);
    return this.view(found);
  }

  /** Sets a channel's platform; Shopify and WooCommerce need the secret their webhooks are signed with. */
  async putIntegration(channelId: string, body: IntegrationRequest): Promise<IntegrationView> {
    await this.requireChannel(channelId);
    const before = await this.stored(channelId);
    // As stored: a secret kept goes back sealed as it is, a new one is sealed.
    const kept = before?.platform === body.platform ? before.secret : undefined;
    if (SIGNED.has(body.platform) && !(body.secret ?? kept))
      throw invalid(`a ${body.platform} integration needs the webhook secret`, [{ path: 'secret', message: 'required' }]);
    const record = {
      channelId,
      platform: body.platform,
      secret: body.secret === undefined ? kept : (await this.deps.db.secretBox()).seal(body.secret),
      currencyRates: body.currencyRates ?? before?.currencyRates ?? {},
      updatedAt: this.now(),
    };
    await this.deps.db.write((sql) => repo.putIntegration(sql, record));
    return this.view(record);
  }

  /** The channel's integration as stored: its secret sealed (opened only to check a signature). */
  private stored(channelId: string): Promise<repo.ChannelIntegration | undefined> {
    return this.read((sql) => repo.getIntegration(sql, channelId));
  }

  /** The channel's integration with this platform, or 404. */
  async requireIntegration(channelId: string, platform: Platform): Promise<repo.ChannelIntegration> {
    const found = await this.stored(channelId);
    if (!found || found.platform !== platform) throw notFound(`${platform} integration of channel`, channelId);
    return found;
  }

  /** Checks a webhook's HMAC against the channel's secret: 404 without that platform, 401 when it does not match. */
  async verifyWebhook(opts: {
    channelId: string;
    platform: SigningPlatform;
    body: Uint8Array;
    signature: string | undefined;
  }): Promise<void> {
    const found = await this.requireIntegration(opts.channelId, opts.platform);
    const secret = found.secret === undefined ? undefined : (await this.deps.db.secretBox()).open(found.secret);
    if (!secret || !isValidSignature(opts.body, secret, opts.signature)) {
      throw new DomainError('unauthorized', `the ${SIGNATURE_HEADERS[opts.platform]} signature does not match the body`);
    }
  }

  /** Places a platform order for this channel through the intake. */
  async receive(pipeline: OrderPipeline, channelId: string, draft: DraftOrder): Promise<ReceivedOrder> {
    const found = await this.requireIntegration(channelId, draft.platform);
    const context = () => this.mappingContext(channelId, found.currencyRates);
    return receivePlatformOrder({ db: this.deps.db, clock: this.deps.clock, pipeline, channelId, draft, context });
  }

  skuMap = (channelId: string): Promise<repo.SkuMapping[]> => this.read((sql) => repo.listSkuMap(sql, channelId));

  /**
   * Replaces the channel's SKU map; every Conveyor SKU must exist and each platform SKU appear once.
   * The SKUs whose platform SKUs changed are logged (`channel.sku_map_changed`) in the same transaction.
   */
  async putSkuMap(channelId: string, body: SkuMapRequest): Promise<repo.SkuMapping[]> {
    await this.requireChannel(channelId);
    const { products } = await this.deps.catalogue.snapshot();
    const seen = new Set<string>();
    const details = body.mappings.flatMap((m, i) => {
      const problems = [];
      if (seen.has(m.platformSku)) problems.push({ path: `mappings.${i}.platformSku`, message: `${m.platformSku} is mapped twice` });
      if (!products.has(m.sku)) problems.push({ path: `mappings.${i}.sku`, message: `unknown SKU ${m.sku}` });
      seen.add(m.platformSku);
      return problems;
    });
    if (details.length > 0) throw invalid('the SKU map is not valid', details.slice(0, 50));
    await this.deps.db.write(async (sql) => {
      const before = await repo.listSkuMap(sql, channelId);
      await repo.replaceSkuMap(sql, channelId, body.mappings);
      const event = skuMapChangedEvent(channelId, { before, after: body.mappings }, this.now());
      if (event) await appendEvent(sql, event);
    });
    return this.skuMap(channelId);
  }

  async stockSettings(channelId: string): Promise<ChannelStockSettings> {
    await this.requireChannel(channelId);
    return (await this.read((sql) => repo.getStockSettings(sql, channelId))) ?? NO_BUFFER;
  }

  /** Sets the channel's buffers; a change is logged (`channel.stock_settings_changed`) with the settings before and after. */
  async putStockSettings(channelId: string, settings: ChannelStockSettings): Promise<ChannelStockSettings> {
    await this.requireChannel(channelId);
    const { warehouses, products } = await this.deps.catalogue.snapshot();
    const known = new Set(warehouses.map((w) => w.id));
    const details = [
      ...(settings.warehouses ?? []).flatMap((w, i) =>
        known.has(w) ? [] : [{ path: `warehouses.${i}`, message: `unknown warehouse ${w}` }],
      ),
      ...Object.keys(settings.overrides).flatMap((sku) =>
        products.has(sku) ? [] : [{ path: `overrides.${sku}`, message: `unknown SKU ${sku}` }],
      ),
    ];
    if (details.length > 0) throw invalid('the stock settings name things that do not exist', details.slice(0, 50));
    const now = this.now();
    // The event goes in the same transaction, so the push of what changed can never be lost.
    await this.deps.db.write(async (sql) => {
      const before = (await repo.getStockSettings(sql, channelId)) ?? null;
      await repo.putStockSettings(sql, channelId, settings, now);
      const event = stockSettingsChangedEvent({ channelId, before, after: settings }, now);
      if (event) await appendEvent(sql, event);
    });
    return settings;
  }

  /** Available-to-sell per SKU on this channel, with the platform SKUs each is listed under. */
  async channelStock(channelId: string, skus?: string[]): Promise<ChannelStock> {
    const settings = await this.stockSettings(channelId);
    const { products } = await this.deps.catalogue.snapshot();
    const [levels, mappings] = await Promise.all([this.read((sql) => allStock(sql)), this.skuMap(channelId)]);
    const wanted = skus ? new Set(skus) : null;
    const items = availableToSell(levels, settings, products.keys()).filter((i) => !wanted || wanted.has(i.sku));
    const listedAs = platformSkusBySku(mappings);
    return { channelId, settings, items: items.map((i) => ({ ...i, platformSkus: listedAs.get(i.sku) ?? [] })) };
  }

  /** Applies an ERP/WMS inventory feed through the inventory service. */
  async inventoryFeed(pipeline: OrderPipeline, feed: ParsedFeed, opts: FeedOptions): Promise<FeedReport> {
    return applyInventoryFeed(
      { inventory: pipeline.inventory, catalogue: this.deps.catalogue, stock: () => this.read((sql) => allStock(sql)) },
      feed,
      opts,
    );
  }

  private async mappingContext(channelId: string, rates: Record<string, number>): Promise<MappingContext> {
    const { products } = await this.deps.catalogue.snapshot();
    const mappings = await this.skuMap(channelId);
    return {
      currency: this.currency,
      rates,
      skuMap: new Map(mappings.map((m) => [m.platformSku, m.sku])),
      hasProduct: (sku) => products.has(sku),
    };
  }

  private async requireChannel(channelId: string): Promise<void> {
    if (!(await this.read((sql) => getChannel(sql, channelId)))) throw notFound('channel', channelId);
  }

  private view(i: repo.ChannelIntegration): IntegrationView {
    return {
      channelId: i.channelId,
      platform: i.platform,
      hasSecret: Boolean(i.secret),
      currency: this.currency,
      currencyRates: i.currencyRates,
      updatedAt: i.updatedAt,
    };
  }

  private read<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return this.deps.db.read(fn);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
