// Macros: save (compiled at once; 400 with line and column diagnostics), read, versions, delete,
// run one hook on a sample input, and the macro API types for the editor.
import { Hono } from 'hono';
import { z } from 'zod';
import { MACRO_HOOKS } from '../../sandbox/compile.ts';
import { macroApiDts } from '../../sandbox/macro-api-dts.ts';
import type { Services } from '../services/container.ts';
import { allow, principalOf } from './auth.ts';
import type { AppEnv } from './env.ts';
import { jsonBody, parseWith } from './validate.ts';

const SaveRequest = z.object({ source: z.string().max(200_000) }).strict();
const RunRequest = z
  .object({
    hook: z.enum(MACRO_HOOKS),
    input: z.unknown(),
    version: z.number().int().positive().optional(),
    seed: z.string().max(200).optional(),
  })
  .strict();

export function macroRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const read = allow('admin', 'analyst');

  app.get('/macro-api.d.ts', read, (c) => c.body(macroApiDts(), 200, { 'content-type': 'text/plain; charset=utf-8' }));

  app.get('/macros', read, async (c) => {
    const macros = await s.macros.list();
    return c.json({ macros: macros.map(({ js: _js, source: _source, ...m }) => m) });
  });

  app.get('/macros/:name', read, async (c) => {
    const { js: _js, ...m } = await s.macros.get(c.req.param('name'));
    return c.json({ ...m, diagnostics: [] });
  });

  app.get('/macros/:name/versions', read, async (c) => c.json({ versions: await s.macros.versions(c.req.param('name')) }));

  app.get('/macros/:name/versions/:version', read, async (c) => {
    const version = parseWith(z.coerce.number().int().positive(), c.req.param('version'), 'version');
    const { js: _js, ...m } = await s.macros.version(c.req.param('name'), version);
    return c.json(m);
  });

  app.put('/macros/:name', allow('admin', 'analyst'), async (c) => {
    const { source } = await jsonBody(c, SaveRequest);
    return c.json(await s.macros.save(c.req.param('name'), source, principalOf(c).name));
  });

  app.delete('/macros/:name', allow('admin', 'analyst'), async (c) => {
    await s.macros.delete(c.req.param('name'), (name) => s.policies.draftRuns(name));
    return c.body(null, 204);
  });

  app.post('/macros/:name/run', allow('admin', 'analyst'), async (c) => {
    const body = await jsonBody(c, RunRequest);
    const name = c.req.param('name');
    const macro = body.version ? await s.macros.version(name, body.version) : await s.macros.get(name);
    return c.json(await s.macros.run(macro, body.hook, body.input, body.seed ?? 'editor'));
  });

  return app;
}
