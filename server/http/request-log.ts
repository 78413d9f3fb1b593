// One log line per request with a request id; never headers or bodies, so no secret reaches the log.
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { Metrics } from '../services/metrics.ts';
import type { AppEnv } from './env.ts';

export function requestLog(log: Logger, metrics?: Metrics): MiddlewareHandler<AppEnv> {
  return async function logRequest(c, next) {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) ?? randomUUID();
    c.set('requestId', requestId);
    const started = performance.now();
    // Set before the handler runs, so the response is built with it: setting a header on a finished
    // response makes the Node adapter rebuild it as a web Response and stream it out.
    c.header('x-request-id', requestId);
    await next();
    if (!c.res.headers.has('x-request-id')) c.header('x-request-id', requestId);
    const ms = Math.round((performance.now() - started) * 100) / 100;
    // The route pattern, not the path: one series per route, whatever the ids.
    metrics?.requests.observe({ method: c.req.method, route: c.req.routePath, status: String(c.res.status) }, ms / 1000);
    if (!log.isLevelEnabled('info')) return;
    const principal = c.get('principal');
    log.info({ requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms, role: principal?.role }, 'request');
  };
}
