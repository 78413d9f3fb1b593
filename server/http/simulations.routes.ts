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
import { named, type RouteDoc } from './openapi-types.ts';
import type { AppEnv } from './env.ts';
import { IdParam } from './schemas.ts';
import { jsonBody, parseWith } from './validate.ts';

export const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
export const DiffQuery = z
  .object({
    candidate: z.string().max(100).optional(),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    traces: z.enum(['0', '1', 'true', 'false']).default('1'),
  })
  .strict();
export const OrderQuery = z.object({ channelId: IdParam.optional() }).strict();
export const HistoryRequest = z.object({ name: z.string().min(1).max(100) }).strict();

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

const ROLES: RouteDoc['roles'] = ['admin', 'analyst'];
const simulationId = { id: 'Simulation id (sim_…)' };
const historyId = { id: 'History id (hist_…)' };
const Variant = z.looseObject({
  name: z.string(),
  policy: z.looseObject({}),
  kpis: z.looseObject({}),
  rules: z.array(z.looseObject({})),
  timeline: z.looseObject({}),
});
const Decision = z.looseObject({
  status: z.string(),
  shipments: z.array(z.looseObject({})),
  items: z.array(z.looseObject({})),
  holds: z.array(z.looseObject({})),
  cost: z.number(),
});
const DiffPage = named(
  'SimulationDiffPage',
  z.object({
    candidate: z.string(),
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
    items: z.array(
      z.looseObject({
        seq: z.number().int(),
        externalId: z.string(),
        changes: z.array(z.string()),
        baseline: Decision,
        candidate: Decision,
      }),
    ),
  }),
);
const Simulation = named(
  'Simulation',
  z.looseObject({
    id: z.string(),
    name: z.string(),
    status: z.enum(['running', 'done', 'failed', 'cancelled', 'interrupted']),
    progress: z.object({ processed: z.number().int(), total: z.number().int().nullable() }),
    result: z
      .looseObject({
        history: z.looseObject({}),
        variants: z.array(Variant),
        diff: z.array(z.looseObject({})),
        tradeOff: z.array(z.looseObject({})),
      })
      .nullable()
      .optional()
      .describe('KPIs per variant (interim while running), rule outcomes, timelines, diff counts and the trade-off points'),
  }),
);
const History = named('SimulationHistory', z.looseObject({ id: z.string(), name: z.string(), orders: z.number().int() }));

/** OpenAPI descriptions of the simulation routes (listed in routeDocs() of openapi.ts). */
export const simulationRouteDocs: RouteDoc[] = [
  {
    method: 'POST',
    path: '/v1/simulations',
    tag: 'Simulations',
    roles: ROLES,
    summary: 'Replay an order history under a baseline policy and candidates, in the background',
    description:
      'Orders are generated, uploaded inline as NDJSON (stored as a history first) or a stored history; each is decided by the exact live path (policies, macros, routing) in placedAt order on in-memory stock, once per variant. Nothing live is written. At most two run per server process (409).',
    body: named('SimulationRequest', SimulationRequest),
    errors: [409],
    response: { status: 202, description: 'Started', schema: z.object({ id: z.string(), historyId: z.string().optional() }) },
  },
  {
    method: 'GET',
    path: '/v1/simulations',
    tag: 'Simulations',
    roles: ROLES,
    summary: 'List simulations, newest first (without results)',
    query: ListQuery,
    response: { description: 'Simulations', schema: z.object({ simulations: z.array(Simulation.schema) }) },
  },
  {
    method: 'GET',
    path: '/v1/simulations/:id',
    tag: 'Simulations',
    roles: ROLES,
    summary: 'A simulation: status, progress, KPIs per variant and the first page of the diff',
    params: simulationId,
    response: { description: 'The simulation', schema: Simulation },
  },
  {
    method: 'DELETE',
    path: '/v1/simulations/:id',
    tag: 'Simulations',
    roles: ROLES,
    summary: 'Delete a finished simulation and everything it stored',
    params: simulationId,
    errors: [409],
    response: { status: 204, description: 'Deleted' },
  },
  {
    method: 'GET',
    path: '/v1/simulations/:id/diff',
    tag: 'Simulations',
    roles: ROLES,
    summary: 'Orders a candidate decided differently from the baseline, a page at a time, with both traces',
    params: simulationId,
    query: DiffQuery,
    response: { description: 'A page of the diff', schema: DiffPage },
  },
  {
    method: 'GET',
    path: '/v1/simulations/:id/orders/:externalId',
    tag: 'Simulations',
    roles: ROLES,
    summary: "One replayed order's decision under every variant, with the traces kept for it",
    params: { ...simulationId, externalId: "The order's external id" },
    query: OrderQuery,
    errors: [409],
    response: {
      description: 'The order under each variant',
      schema: z.looseObject({ externalId: z.string(), variants: z.array(z.looseObject({})) }),
    },
  },
  {
    method: 'POST',
    path: '/v1/simulations/:id/cancel',
    tag: 'Simulations',
    roles: ROLES,
    summary: 'Stop a running simulation after its current page',
    params: simulationId,
    errors: [409],
    response: { description: 'The simulation, cancel requested', schema: Simulation },
  },
  {
    method: 'POST',
    path: '/v1/simulation-histories',
    tag: 'Simulations',
    roles: ROLES,
    summary: 'Create an empty order history to upload in chunks',
    body: named('SimulationHistoryRequest', HistoryRequest),
    response: { status: 201, description: 'The history', schema: History },
  },
  {
    method: 'POST',
    path: '/v1/simulation-histories/:id/orders',
    tag: 'Simulations',
    roles: ROLES,
    summary: 'Append orders to a history (NDJSON, all or none)',
    description:
      'The body is NDJSON text (application/x-ndjson), one POST /v1/orders body plus `channelId` per line, optionally with `actual` {deliveredAt, promisedBy, shipments}; each chunk within the 1 MiB body limit. Errors name the line.',
    params: historyId,
    body: z.string().describe('NDJSON: one order per line'),
    response: {
      description: 'Orders received and the new total',
      schema: z.object({ received: z.number().int(), orders: z.number().int() }),
    },
  },
  {
    method: 'GET',
    path: '/v1/simulation-histories',
    tag: 'Simulations',
    roles: ROLES,
    summary: 'List stored histories',
    query: ListQuery,
    response: { description: 'Histories', schema: z.object({ histories: z.array(History.schema) }) },
  },
  {
    method: 'GET',
    path: '/v1/simulation-histories/:id',
    tag: 'Simulations',
    roles: ROLES,
    summary: 'A stored history: its size and time span',
    params: historyId,
    response: { description: 'The history', schema: History },
  },
];
