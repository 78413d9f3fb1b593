// Analytics for admins and analysts: each report covers a `from`/`to` date range (ISO dates or
// date-times; a date-only `to` includes that day; default the last 30 days).
import { Hono } from 'hono';
import { z } from 'zod';
import type { Services } from '../services/container.ts';
import { allow } from './auth.ts';
import type { AppEnv } from './env.ts';
import { ANALYTICS_MODELS } from './openapi-analytics.ts';
import type { RouteDoc } from './openapi-types.ts';
import { parseWith } from './validate.ts';

const when = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
const RangeQuery = z
  .object({
    from: when.optional().describe('Start, inclusive: 2026-11-01 or 2026-11-01T00:00:00Z (default: 30 days before `to`)'),
    to: when.optional().describe('End: a date includes that whole day; a date-time is exclusive (default: end of today, UTC)'),
  })
  .strict();
const VelocityQuery = RangeQuery.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(50).describe('Most SKUs (rows) returned'),
}).strict();

export function analyticsRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const read = allow('admin', 'analyst');
  const range = (c: { req: { query(): Record<string, string> } }) => parseWith(RangeQuery, c.req.query(), 'query');

  app.get('/analytics/orders', read, async (c) => c.json(await s.analytics.orders(range(c))));
  app.get('/analytics/landed-cost', read, async (c) => c.json(await s.analytics.landedCost(range(c))));
  app.get('/analytics/fulfillment', read, async (c) => c.json(await s.analytics.fulfillment(range(c))));
  app.get('/analytics/stock-outs', read, async (c) => c.json(await s.analytics.stockOuts(range(c))));
  app.get('/analytics/inventory', read, async (c) => c.json(await s.analytics.inventory(range(c))));
  app.get('/analytics/velocity', read, async (c) => c.json(await s.analytics.velocity(parseWith(VelocityQuery, c.req.query(), 'query'))));
  app.get('/analytics/returns', read, async (c) => c.json(await s.analytics.returns(range(c))));

  return app;
}

const report = (path: string, summary: string, description: string, model: keyof typeof ANALYTICS_MODELS): RouteDoc => ({
  method: 'GET',
  path: `/v1/analytics/${path}`,
  tag: 'Analytics',
  roles: ['admin', 'analyst'],
  summary,
  description,
  query: path === 'velocity' ? VelocityQuery : RangeQuery,
  response: { description: summary, schema: ANALYTICS_MODELS[model] },
});

/** The analytics routes as the OpenAPI document describes them. */
export const analyticsRouteDocs: RouteDoc[] = [
  report(
    'orders',
    'Orders by channel, status and day',
    'Orders placed in the range (by `placedAt`), by current status; `byDay` has every UTC day.',
    'orders',
  ),
  report(
    'landed-cost',
    'Landed cost per order and its parts over time',
    "Sum of each order's live fulfillments' costs (shipping, handling, duties), in minor units; `perOrder` is the rounded average.",
    'landedCost',
  ),
  report(
    'fulfillment',
    'Split rate, lead times and on-time delivery',
    'For orders placed in the range: share shipped in more than one fulfillment; hours from placed to shipped to delivered per fulfillment (p50/p90, nearest rank); deliveries on or before the ETA day.',
    'fulfillment',
  ),
  report(
    'stock-outs',
    'Backorders and the oversells prevented',
    'Units held for stock at intake (orders placed in the range), those still waiting, backorders filled and reroutes that found no stock (events in the range).',
    'stockOuts',
  ),
  report(
    'inventory',
    'Turnover and days of cover per warehouse',
    'Units shipped in the range (by `shippedAt`) against units on hand now: turnover = shipped / on hand, days of cover = on hand / shipped per day.',
    'inventory',
  ),
  report(
    'velocity',
    'SKU velocity per warehouse (heat map)',
    'Units shipped per SKU (rows, hottest first) and warehouse (columns) over the range.',
    'velocity',
  ),
  report(
    'returns',
    'Return rates by SKU and reason',
    'For orders placed in the range: units on returns (received units once received, authorised before) against units shipped.',
    'returns',
  ),
];
