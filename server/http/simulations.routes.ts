// Simulations (admin, analyst): replay order histories through a baseline policy and candidates,
// side by side; uploaded histories a chunk at a time (each within the body limit); the job's
// progress, KPIs, diff pages and one order's decisions under every variant.
import { Hono } from 'hono';
import { z } from 'zod';
import { notFound } from '../domain/errors.ts';
import type { Services } from '../services/container.ts';
import { appendAll, createHistory } from '../simulate/history-store.ts';
import { candidateIndex, diffPage, orderView, simulationView } from '../simulate/job-views.ts';
import { SimulationJobs } from '../simulate/jobs.ts';
import { parseNdjson } from '../simulate/ndjson.ts';
import { SimulationRequest } from '../simulate/request-schema.ts';
import { getHistory, listHistories, listSimulations } from '../store/simulation-repo.ts';
import { allow, principalOf } from './auth.ts';
import type { AppEnv } from './env.ts';
import { IdParam } from './schemas.ts';
import { jsonBody, parseWith } from './validate.ts';

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
const DiffQuery = z
  .object({
    candidate: z.string().max(100).optional(),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    traces: z.enum(['0', '1', 'true', 'false']).default('1'),
  })
  .strict();
const OrderQuery = z.object({ channelId: IdParam.optional() }).strict();
const HistoryRequest = z.object({ name: z.string().min(1).max(100) }).strict();

/** The routes; `jobs` is shared with whoever must stop them on shutdown (one is made when omitted). */
export function simulationRoutes(s: Services, jobs = new SimulationJobs(s)) {
  const app = new Hono<AppEnv>();
  const analysts = allow('admin', 'analyst');
  const simulation = (id: string) => jobs.get(parseWith(IdParam, id, 'simulation id'));

  app.post('/simulations', analysts, async (c) => {
    const body = await jsonBody(c, SimulationRequest);
    return c.json(await jobs.start(body, principalOf(c).name), 202);
  });

  app.get('/simulations', analysts, async (c) => {
    const { limit } = parseWith(ListQuery, c.req.query(), 'query');
    const list = await s.db.read((sql) => listSimulations(sql, limit));
    return c.json({ simulations: list.map((sim) => simulationView(sim, s.clock.now().getTime())) });
  });

  app.get('/simulations/:id', analysts, async (c) => {
    const sim = await simulation(c.req.param('id'));
    const diff = await diffPage(s.db, sim, { candidate: 1, offset: 0, limit: 20, traces: false });
    return c.json({ ...simulationView(sim, s.clock.now().getTime()), diff });
  });

  app.get('/simulations/:id/diff', analysts, async (c) => {
    const sim = await simulation(c.req.param('id'));
    const q = parseWith(DiffQuery, c.req.query(), 'query');
    const candidate = candidateIndex(sim, q.candidate);
    return c.json(
      await diffPage(s.db, sim, { candidate, offset: q.offset, limit: q.limit, traces: q.traces === '1' || q.traces === 'true' }),
    );
  });

  app.get('/simulations/:id/orders/:externalId', analysts, async (c) => {
    const sim = await simulation(c.req.param('id'));
    const { channelId } = parseWith(OrderQuery, c.req.query(), 'query');
    return c.json(await orderView(s.db, sim, c.req.param('externalId'), channelId));
  });

  app.post('/simulations/:id/cancel', analysts, async (c) => {
    const sim = await jobs.cancel(parseWith(IdParam, c.req.param('id'), 'simulation id'));
    return c.json(simulationView({ ...sim, result: undefined }, s.clock.now().getTime()));
  });

  app.delete('/simulations/:id', analysts, async (c) => {
    await jobs.delete(parseWith(IdParam, c.req.param('id'), 'simulation id'));
    return c.body(null, 204);
  });

  app.post('/simulation-histories', analysts, async (c) => {
    const { name } = await jsonBody(c, HistoryRequest);
    const id = s.ids.next('hist');
    await createHistory(s.db, { id, name, createdAt: s.clock.now().toISOString(), createdBy: principalOf(c).name });
    return c.json({ id, name, orders: 0 }, 201);
  });

  // NDJSON, one order a line; every line is checked first and a chunk is stored whole or not at all.
  app.post('/simulation-histories/:id/orders', analysts, async (c) => {
    const id = parseWith(IdParam, c.req.param('id'), 'history id');
    if (!(await s.db.read((sql) => getHistory(sql, id)))) throw notFound('history', id);
    return c.json(await appendAll(s.db, id, parseNdjson([await c.req.text()])));
  });

  app.get('/simulation-histories', analysts, async (c) => {
    const { limit } = parseWith(ListQuery, c.req.query(), 'query');
    return c.json({ histories: await s.db.read((sql) => listHistories(sql, limit)) });
  });

  app.get('/simulation-histories/:id', analysts, async (c) => {
    const id = parseWith(IdParam, c.req.param('id'), 'history id');
    const history = await s.db.read((sql) => getHistory(sql, id));
    if (!history) throw notFound('history', id);
    return c.json(history);
  });

  return app;
}
