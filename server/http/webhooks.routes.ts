// Outbound webhooks (admin; reads also analyst). A subscription's secret appears only in the
// answers to create and rotate-secret, never in reads or logs.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { invalid } from '../domain/errors.ts';
import type { Services } from '../services/container.ts';
import type { SubscriptionRecord } from '../store/webhook-repo.ts';
import { allow } from './auth.ts';
import type { AppEnv } from './env.ts';
import { IdParam } from './schemas.ts';
import { jsonBody, parseWith } from './validate.ts';

const Url = z.string().min(1).max(2048);
const Events = z.array(z.string().min(1).max(100)).min(1, 'subscribe to at least one event type or pattern').max(50);
const Description = z.string().max(500).nullable();
const Threshold = z.number().int().min(0).max(1_000_000_000).nullable();

/** Only these channels' channel.stock_changed pushes; null or absent for every channel. */
const Channels = z.array(z.string().min(1).max(64)).max(100).nullable().optional();

export const WebhookRequest = z
  .object({
    url: Url,
    events: Events,
    description: Description.optional(),
    active: z.boolean().optional(),
    lowStockThreshold: Threshold.optional(),
    channels: Channels,
    from: z.enum(['now', 'beginning']).optional(),
  })
  .strict();
export type WebhookRequest = z.infer<typeof WebhookRequest>;

export const WebhookPatch = z
  .object({
    url: Url.optional(),
    events: Events.optional(),
    description: Description.optional(),
    active: z.boolean().optional(),
    lowStockThreshold: Threshold.optional(),
    channels: Channels,
  })
  .strict();
export type WebhookPatch = z.infer<typeof WebhookPatch>;

export const RotateSecretRequest = z
  .object({
    graceSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .optional(),
  })
  .strict();

export const DeliveryListQuery = z
  .object({
    status: z.enum(['pending', 'succeeded', 'failed']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.string().min(1).max(64).optional(),
  })
  .strict();

const EventIdParam = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'an event id such as evt_42');

/** What reads show of a subscription (everything but its secrets). */
const view = (s: SubscriptionRecord) => ({
  id: s.id,
  url: s.url,
  events: s.events,
  description: s.description,
  active: s.active,
  lowStockThreshold: s.lowStockThreshold,
  channels: s.channels,
  cursor: s.cursor,
  previousSecretExpiresAt: s.previousSecretExpiresAt,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

// rotate-secret may be posted with no body at all.
async function optionalBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  if (text.trim() === '') return parseWith(schema, {});
  try {
    return parseWith(schema, JSON.parse(text));
  } catch (error) {
    if (error instanceof SyntaxError) throw invalid('the request body must be JSON', [{ path: '(root)', message: 'not valid JSON' }]);
    throw error;
  }
}

export function webhookRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const id = (c: Context) => parseWith(IdParam, c.req.param('id'), 'webhook id');

  app.post('/webhooks', allow('admin'), async (c) => {
    const { subscription, secret } = await s.webhooks.create(await jsonBody(c, WebhookRequest));
    return c.json({ ...view(subscription), secret }, 201);
  });

  app.get('/webhooks', allow('admin', 'analyst'), async (c) => c.json({ webhooks: (await s.webhooks.list()).map(view) }));

  app.get('/webhooks/:id', allow('admin', 'analyst'), async (c) => c.json(view(await s.webhooks.get(id(c)))));

  app.patch('/webhooks/:id', allow('admin'), async (c) => {
    const webhookId = id(c);
    return c.json(view(await s.webhooks.update(webhookId, await jsonBody(c, WebhookPatch))));
  });

  app.delete('/webhooks/:id', allow('admin'), async (c) => {
    await s.webhooks.remove(id(c));
    return c.body(null, 204);
  });

  app.post('/webhooks/:id/rotate-secret', allow('admin'), async (c) => {
    const webhookId = id(c);
    const { graceSeconds } = await optionalBody(c, RotateSecretRequest);
    const { subscription, secret } = await s.webhooks.rotateSecret(webhookId, graceSeconds);
    return c.json({ ...view(subscription), secret });
  });

  app.get('/webhooks/:id/deliveries', allow('admin', 'analyst'), async (c) => {
    const webhookId = id(c);
    const query = parseWith(DeliveryListQuery, c.req.query(), 'query');
    const deliveries = await s.webhooks.deliveries(webhookId, query);
    const next = deliveries.length === query.limit ? (deliveries.at(-1)?.id ?? null) : null;
    return c.json({ deliveries, next });
  });

  app.post('/webhooks/:id/test', allow('admin'), async (c) => c.json(await s.webhooks.test(id(c))));

  app.post('/webhooks/deliveries/:id/redeliver', allow('admin'), async (c) => {
    const deliveryId = parseWith(IdParam, c.req.param('id'), 'delivery id');
    return c.json(await s.webhooks.redeliver(deliveryId), 202);
  });

  app.post('/webhooks/events/:eventId/redeliver', allow('admin'), async (c) => {
    const eventId = parseWith(EventIdParam, c.req.param('eventId'), 'event id');
    return c.json({ deliveries: await s.webhooks.redeliverEvent(eventId) }, 202);
  });

  return app;
}
