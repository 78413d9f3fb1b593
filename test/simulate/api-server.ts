// The demo test server with the simulation routes. Once server/app.ts mounts them this is just
// startTestServer; until then the routes are served beside it over the same services.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { authenticate } from '../../server/http/auth.ts';
import type { AppEnv } from '../../server/http/env.ts';
import { createErrorHandler } from '../../server/http/error-handler.ts';
import { simulationRoutes } from '../../server/http/simulations.routes.ts';
import { SimulationJobs } from '../../server/simulate/jobs.ts';
import { ensureSimulationTables } from '../../server/store/simulation-repo.ts';
import { ADMIN, startTestServer, type ApiResponse, type TestServer } from '../support/server.ts';

export async function startSimulationServer(): Promise<TestServer> {
  const t = await startTestServer({ demo: true });
  await ensureSimulationTables(t.services.db);
  if ((await t.call('GET', '/v1/simulations')).status !== 404) return t;
  const jobs = new SimulationJobs(t.services, { pageSize: 50, interimEveryMs: 0 });
  const app = new Hono<AppEnv>();
  app.use('/v1/*', authenticate(t.services.access));
  app.route('/v1', simulationRoutes(t.services, jobs));
  app.onError(createErrorHandler(t.services.log));
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...t,
    async call<T>(method: string, path: string, o: Parameters<TestServer['call']>[2] = {}): Promise<ApiResponse<T>> {
      if (!path.startsWith('/v1/simulation')) return t.call(method, path, o);
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      const token = o.token === undefined ? ADMIN : o.token;
      if (token) headers.authorization = `Bearer ${token}`;
      let body = o.raw;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] = 'application/json';
      }
      const res = await fetch(url + path, { method, headers, body });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    },
    async close() {
      await jobs.stop();
      await new Promise<void>((r) => server.close(() => r()));
      await t.close();
    },
  };
}

/** Polls a simulation until it leaves `running`. */
export async function settle(t: TestServer, id: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.call('GET', `/v1/simulations/${id}`);
    if (res.body?.status !== 'running' || Date.now() > until) return res;
    await new Promise((r) => setTimeout(r, 50));
  }
}
