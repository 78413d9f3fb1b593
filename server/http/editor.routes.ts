// Serves the built browser editor (editor/dist) at /editor: hashed assets cached for a year,
// index.html always revalidated, and index.html for client-side routes such as /editor/orders/ord_1.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { errorBody } from './error-handler.ts';

export interface EditorRoutesOptions {
  /** Folder of the built editor; defaults to editor/dist in this checkout. */
  root?: string;
}

const DEFAULT_ROOT = fileURLToPath(new URL('../../editor/dist', import.meta.url));
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const STATIC_FILE = /\.(?:js|mjs|css|map|html|json|svg|png|ico|ttf|woff2?|wasm|txt)$/i;
const noop = async () => {};

/** The editor as a sub-app; mount it with `app.route('/', editorRoutes())`. */
export function editorRoutes(opts: EditorRoutesOptions = {}) {
  const root = opts.root ?? DEFAULT_ROOT;
  const indexFile = join(root, 'index.html');
  // Created on first use: editor/dist may be built after the server started.
  let files: MiddlewareHandler | undefined;
  let index: MiddlewareHandler | undefined;

  const headers = (cacheControl: (path: string) => string) => (path: string, c: Context) => {
    c.header('Cache-Control', cacheControl(path));
    c.header('X-Content-Type-Options', 'nosniff');
  };

  async function serveIndex(c: Context): Promise<Response> {
    if (!existsSync(indexFile)) {
      return c.json(errorBody('not_found', 'the editor is not built: run `npm run build` (npm start builds it when missing)'), 404);
    }
    index ??= serveStatic({ path: indexFile, onFound: headers(() => REVALIDATE) });
    return (await index(c, noop)) ?? c.json(errorBody('not_found', 'the editor is not built'), 404);
  }

  const app = new Hono();

  app.on(['GET', 'HEAD'], ['/editor', '/editor/'], (c) => serveIndex(c));

  app.on(['GET', 'HEAD'], '/editor/*', async function serveEditor(c) {
    if (existsSync(root)) {
      files ??= serveStatic({
        root,
        rewriteRequestPath: (p) => p.replace(/^\/editor/, ''),
        onFound: headers((path) => (/[\\/]assets[\\/]/.test(path) ? IMMUTABLE : REVALIDATE)),
      });
      const found = await files(c, noop);
      if (found) return found;
    }
    // A missing asset is a 404; any other path is a client-side route.
    if (c.req.path.startsWith('/editor/assets/') || STATIC_FILE.test(c.req.path))
      return c.json(errorBody('not_found', `no file ${c.req.path}`), 404);
    return serveIndex(c);
  });

  return app;
}
