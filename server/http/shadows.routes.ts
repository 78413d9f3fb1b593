// Shadows (admin, analyst): a candidate policy decides every live order beside the live one,
// recording without acting; read back with the KPIs, coverage and diff pages of a simulation.
import { Hono } from 'hono';
import type { Services } from '../services/container.ts';
import { ShadowDiffQuery, ShadowListQuery, ShadowRequest } from '../simulate/shadow-request.ts';
import { shadowView } from '../simulate/shadows.ts';
import { lastEventSeq } from '../store/event-repo.ts';
import { allow, principalOf } from './auth.ts';
import type { AppEnv } from './env.ts';
import { IdParam } from './schemas.ts';
import { OrderQuery } from './simulations.routes.ts';
import { jsonBody, parseWith } from './validate.ts';

export function shadowRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const analysts = allow('admin', 'analyst');
  const shadows = s.shadows;
  const shadow = (id: string) => shadows.get(parseWith(IdParam, id, 'shadow id'));
  const lastSeq = () => s.db.read((sql) => lastEventSeq(sql));

  app.post('/shadows', analysts, async (c) => {
    const body = await jsonBody(c, ShadowRequest);
    const created = await shadows.create(body, principalOf(c).name);
    return c.json(shadowView(created, await lastSeq()), 201);
  });

  app.get('/shadows', analysts, async (c) => {
    const { limit } = parseWith(ShadowListQuery, c.req.query(), 'query');
    const [list, last] = await Promise.all([shadows.list(limit), lastSeq()]);
    return c.json({ shadows: list.map((sh) => shadowView(sh, last)) });
  });

  app.get('/shadows/:id', analysts, async (c) => {
    const sh = await shadow(c.req.param('id'));
    const [result, diff, last] = await Promise.all([
      shadows.result(sh),
      shadows.diffPage(sh, { offset: 0, limit: 20, traces: false }),
      lastSeq(),
    ]);
    return c.json({ ...shadowView(sh, last), result, diff });
  });

  app.get('/shadows/:id/diff', analysts, async (c) => {
    const sh = await shadow(c.req.param('id'));
    const q = parseWith(ShadowDiffQuery, c.req.query(), 'query');
    return c.json(await shadows.diffPage(sh, { offset: q.offset, limit: q.limit, traces: q.traces === '1' || q.traces === 'true' }));
  });

  app.get('/shadows/:id/orders/:externalId', analysts, async (c) => {
    const sh = await shadow(c.req.param('id'));
    const { channelId } = parseWith(OrderQuery, c.req.query(), 'query');
    return c.json(await shadows.orderView(sh, c.req.param('externalId'), channelId));
  });

  app.post('/shadows/:id/stop', analysts, async (c) => {
    const stopped = await shadows.stop(parseWith(IdParam, c.req.param('id'), 'shadow id'), principalOf(c).name);
    return c.json(shadowView(stopped, await lastSeq()));
  });

  app.delete('/shadows/:id', analysts, async (c) => {
    await shadows.delete(parseWith(IdParam, c.req.param('id'), 'shadow id'));
    return c.body(null, 204);
  });

  return app;
}
