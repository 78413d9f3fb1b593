// The simulation routes are described for the OpenAPI document: each mounted route once, and
// every schema converts.
import { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildOpenApi } from '../../server/http/openapi.ts';
import { simulationRouteDocs, simulationRoutes } from '../../server/http/simulations.routes.ts';
import { simHarness, type SimHarness } from './support.ts';

let h: SimHarness;
beforeAll(async () => {
  h = await simHarness();
});
afterAll(() => h.close());

it('describes exactly the routes the sub-app mounts, and builds into an OpenAPI document', () => {
  const app = new Hono().route('/v1', simulationRoutes(h.s));
  const mounted = [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort();
  expect(simulationRouteDocs.map((d) => `${d.method} ${d.path}`).sort()).toEqual(mounted);
  const doc = buildOpenApi(simulationRouteDocs);
  expect(Object.keys(doc.paths)).toContain('/v1/simulations/{id}/diff');
  expect(doc.components.schemas.SimulationRequest).toBeDefined();
  expect(JSON.stringify(doc.components.schemas.SimulationRequest)).toContain('stockMultiplier');
});
