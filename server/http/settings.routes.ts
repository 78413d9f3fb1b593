// Routing settings: the cost model's business knobs (split penalty, promises and lateness per
// service level, the duty table, look-ahead). Analysts read them; only admins change them.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Services } from '../services/container.ts';
import { RoutingSettingsChange, RoutingSettingsSchema } from '../services/routing-settings-schema.ts';
import { allow, principalOf } from './auth.ts';
import type { AppEnv } from './env.ts';
import { named, type RouteDoc } from './openapi-types.ts';
import { jsonBody, parseWith } from './validate.ts';

const HistoryQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50).describe('Most versions returned') }).strict();

export function settingsRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.get('/settings/routing', allow('admin', 'analyst'), async (c) => c.json(await s.routingSettings.get()));

  app.put('/settings/routing', allow('admin'), async (c) => {
    const change = await jsonBody(c, RoutingSettingsChange);
    return c.json(await s.routingSettings.update(change, principalOf(c).name));
  });

  app.delete('/settings/routing', allow('admin'), async (c) => c.json(await s.routingSettings.reset(principalOf(c).name)));

  app.get('/settings/routing/history', allow('admin', 'analyst'), async (c) => {
    const { limit } = parseWith(HistoryQuery, c.req.query(), 'query');
    return c.json({ versions: await s.routingSettings.history(limit) });
  });

  return app;
}

const View = named(
  'RoutingSettingsView',
  z.object({
    settings: RoutingSettingsSchema,
    overrides: RoutingSettingsChange,
    version: z.number().int().describe('0 until the settings are first changed'),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable().describe('Name of the token that made the change'),
  }),
);

const tag = 'Settings';

/** The settings routes as the OpenAPI document describes them. */
export const settingsRouteDocs: RouteDoc[] = [
  {
    method: 'GET',
    path: '/v1/settings/routing',
    tag,
    roles: ['admin', 'analyst'],
    summary: 'The routing settings in force',
    description:
      'Every live decision (intake, dry-runs, backorder brokering) and every simulation started from now routes with these. Other app processes pick up a change within 2 seconds.',
    response: { description: 'The settings, what differs from the defaults, and the version', schema: View },
  },
  {
    method: 'PUT',
    path: '/v1/settings/routing',
    tag,
    roles: ['admin'],
    summary: 'Change routing settings',
    description:
      'Send any subset: fields left out keep their values; `promisedDays`, `costPerDayLate`, `lookahead` and the duty table (`unions`, `rules`) merge by key, a duty rule is replaced whole, and `null` removes a union membership or a rule. A bad value is a 400 naming its field and changes nothing. Each change is a new version (who, when, what).',
    body: named('RoutingSettingsChange', RoutingSettingsChange),
    response: { description: 'The settings now in force', schema: View },
  },
  {
    method: 'DELETE',
    path: '/v1/settings/routing',
    tag,
    roles: ['admin'],
    summary: 'Reset routing settings to the built-in defaults',
    description: 'Recorded as a version like any change.',
    response: { description: 'The default settings, now in force', schema: View },
  },
  {
    method: 'GET',
    path: '/v1/settings/routing/history',
    tag,
    roles: ['admin', 'analyst'],
    summary: 'Past versions of the routing settings, newest first',
    query: HistoryQuery,
    response: {
      description: 'Each version: the overrides in force from then on, the change sent (null for a reset), who and when',
      schema: z.object({
        versions: z.array(
          z.object({
            version: z.number().int(),
            overrides: RoutingSettingsChange,
            change: RoutingSettingsChange.nullable(),
            updatedAt: z.string(),
            updatedBy: z.string(),
          }),
        ),
      }),
    },
  },
];
