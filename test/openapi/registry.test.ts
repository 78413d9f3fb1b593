// Every route Hono has mounted is in the OpenAPI registry, and the registry names no route that is
// not mounted. A failure lists the routes: describe a new one in its module's RouteDoc list and add
// that list to routeDocs() in server/http/openapi.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { routeDocs } from '../../server/http/openapi.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** `GET /v1/orders/:id` for every handler Hono holds; middleware (`ALL`) and implied HEADs left out. */
function mountedRoutes(): string[] {
  const app = createApp(t.services);
  const keys = app.routes.filter((r) => r.method !== 'ALL' && r.method !== 'HEAD').map((r) => `${r.method} ${r.path}`);
  return [...new Set(keys)].sort();
}

const documented = () => routeDocs().map((d) => `${d.method} ${d.path}`);

describe('the OpenAPI route registry', () => {
  it('describes every mounted route', () => {
    const known = new Set(documented());
    const undocumented = mountedRoutes().filter((r) => !known.has(r));
    expect(undocumented, 'routes without a RouteDoc (see server/http/openapi.ts)').toEqual([]);
  });

  it('describes only routes that are mounted, each once', () => {
    const mounted = new Set(mountedRoutes());
    expect(
      documented().filter((r) => !mounted.has(r)),
      'RouteDocs for routes that do not exist',
    ).toEqual([]);
    expect(
      documented().filter((r, i, all) => all.indexOf(r) !== i),
      'routes described twice',
    ).toEqual([]);
  });
});
