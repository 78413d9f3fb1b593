// The API reference, open to all: the OpenAPI 3.1 document and the HTML page rendered from it,
// both built once on first request from the route registry.
import { Hono } from 'hono';
import type { RouteDoc } from './openapi-types.ts';
import { renderReference } from './docs-page.ts';
import { buildOpenApi, routeDocs, type OpenApiDocument } from './openapi.ts';

/** `GET /openapi.json` and `GET /docs`; mount with `app.route('/', docsRoutes())`. */
export function docsRoutes(docs: () => RouteDoc[] = routeDocs) {
  const app = new Hono();
  let document: OpenApiDocument | undefined;
  let page: string | undefined;
  const spec = () => (document ??= buildOpenApi(docs()));

  app.get('/openapi.json', (c) => c.json(spec()));

  app.get('/docs', (c) => {
    page ??= renderReference(spec());
    // Nothing on the page runs or loads from elsewhere: inline styles only.
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(page);
  });

  return app;
}
