// Policies: the draft (analysts edit it), publish and rollback (admin), versions, the JSON Schema
// and fact catalogue the editor uses, and dry-runs that decide an order without storing anything.
import { Hono } from 'hono';
import { z } from 'zod';
import { ACTION_DESCRIPTIONS, FACT_CATALOGUE, OPERATORS, policyJsonSchema } from '../policies/index.ts';
import type { Services } from '../services/container.ts';
import { dryRun } from '../services/dry-run.ts';
import { allow, principalOf } from './auth.ts';
import type { AppEnv } from './env.ts';
import { OrderRequest } from './schemas.ts';
import { jsonBody, parseWith } from './validate.ts';

const VersionParam = z.coerce.number().int().positive();
const RollbackRequest = z.object({ version: z.number().int().positive() }).strict();
const DryRunRequest = z
  .object({
    order: OrderRequest.extend({ channelId: z.string().min(1).max(64) }).strict(),
    policy: z.union([z.enum(['draft', 'published']), z.number().int().positive()]).default('published'),
  })
  .strict();

export function policyRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const read = allow('admin', 'analyst');

  app.get('/policies/draft', read, async (c) => c.json(await s.policies.getDraft()));

  app.put('/policies/draft', allow('admin', 'analyst'), async (c) => {
    const body = await jsonBody(c, z.unknown());
    return c.json(await s.policies.saveDraft(body, principalOf(c).name));
  });

  app.post('/policies/publish', allow('admin'), async (c) => c.json(await s.policies.publish(principalOf(c).name)));

  app.post('/policies/rollback', allow('admin'), async (c) => {
    const { version } = await jsonBody(c, RollbackRequest);
    return c.json(await s.policies.rollback(version, principalOf(c).name));
  });

  app.get('/policies/versions', read, async (c) => c.json(await s.policies.versions()));

  app.get('/policies/versions/:version', read, async (c) => {
    const n = parseWith(VersionParam, c.req.param('version'), 'version');
    return c.json(await s.policies.version(n));
  });

  app.get('/policies/schema', read, (c) => c.json(policyJsonSchema()));

  app.get('/policies/facts', read, (c) => c.json({ facts: FACT_CATALOGUE, operators: OPERATORS, actions: ACTION_DESCRIPTIONS }));

  app.post('/dry-run', allow('admin', 'analyst'), async (c) => {
    const body = await jsonBody(c, DryRunRequest);
    return c.json(await dryRun(s, body.order, body.policy));
  });

  return app;
}
