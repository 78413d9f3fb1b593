// The HTTP application: middleware, one sub-app per resource, and the contract's error bodies.
import { Hono } from 'hono';
import { accessRoutes } from './http/access.routes.ts';
import { analyticsRoutes } from './http/analytics.routes.ts';
import { allow, authenticate } from './http/auth.ts';
import { limitBody } from './http/body-limit.ts';
import type { AppEnv } from './http/env.ts';
import { createErrorHandler, errorBody } from './http/error-handler.ts';
import { docsRoutes } from './http/docs.routes.ts';
import { eventRoutes } from './http/events.routes.ts';
import { inventoryRoutes } from './http/inventory.routes.ts';
import { integrationRoutes } from './http/integrations.routes.ts';
import { requestLog } from './http/request-log.ts';
import { networkRoutes } from './http/network.routes.ts';
import { orderRoutes } from './http/orders.routes.ts';
import { macroRoutes } from './http/macros.routes.ts';
import { policyRoutes } from './http/policies.routes.ts';
import { simulationRoutes } from './http/simulations.routes.ts';
import { editorRoutes } from './http/editor.routes.ts';
import { returnRoutes } from './http/returns.routes.ts';
import { shadowRoutes } from './http/shadows.routes.ts';
import { settingsRoutes } from './http/settings.routes.ts';
import { webhookRoutes } from './http/webhooks.routes.ts';
import type { Services } from './services/container.ts';

export interface AppOptions {
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
}

export function createApp(s: Services, opts: AppOptions = {}) {
  const app = new Hono<AppEnv>();
  app.use(requestLog(s.log, s.metrics));
  app.use(limitBody({ maxBytes: opts.maxBodyBytes ?? 1024 * 1024 }));
  app.get('/health', (c) => c.json({ status: 'ok' }));
  // Prometheus scrapes with a bearer token (admin or analyst), like every other reader.
  app.get('/metrics', authenticate(s.access), allow('admin', 'analyst'), async (c) =>
    c.body(await s.metrics.registry.metrics(), 200, { 'content-type': s.metrics.registry.contentType }),
  );
  app.use('/v1/*', authenticate(s.access));
  app.route('/v1', accessRoutes(s));
  app.route('/v1', networkRoutes(s));
  app.route('/v1', inventoryRoutes(s));
  app.route('/v1', integrationRoutes(s));
  app.route('/v1', orderRoutes(s));
  app.route('/v1', eventRoutes(s));
  app.route('/v1', policyRoutes(s));
  app.route('/v1', macroRoutes(s));
  app.route('/v1', returnRoutes(s));
  app.route('/v1', simulationRoutes(s, s.simulations));
  app.route('/v1', shadowRoutes(s));
  app.route('/v1', webhookRoutes(s));
  app.route('/v1', analyticsRoutes(s));
  app.route('/v1', settingsRoutes(s));
  app.route('/', docsRoutes());
  app.route('/', editorRoutes());
  app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));
  app.onError(createErrorHandler(s.log));
  return app;
}
