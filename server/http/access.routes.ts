// Tokens for people and channels with their API keys (admin only; secrets are shown once).
import { Hono } from 'hono';
import { notFound } from '../domain/errors.ts';
import type { Services } from '../services/container.ts';
import { allow, principalOf } from './auth.ts';
import type { AppEnv } from './env.ts';
import { ChannelRequest, IdParam, TokenRequest } from './schemas.ts';
import { jsonBody, parseWith } from './validate.ts';

export function accessRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.get('/me', allow('admin', 'analyst', 'channel'), (c) => c.json(principalOf(c)));

  app.post('/tokens', allow('admin'), async (c) => {
    const body = await jsonBody(c, TokenRequest);
    const { token, record } = await s.access.createToken(body);
    return c.json({ token, id: record.id, role: record.role, name: record.name }, 201);
  });

  app.get('/tokens', allow('admin'), async (c) => c.json({ tokens: await s.access.listTokens() }));

  app.delete('/tokens/:id', allow('admin'), async (c) => {
    const id = parseWith(IdParam, c.req.param('id'), 'token id');
    if (!(await s.access.revokeToken(id))) throw notFound('token', id);
    return c.body(null, 204);
  });

  app.post('/channels', allow('admin'), async (c) => {
    const body = await jsonBody(c, ChannelRequest);
    const { channel, apiKey } = await s.access.createChannel(body);
    return c.json({ ...channel, apiKey }, 201);
  });

  app.get('/channels', allow('admin', 'analyst'), async (c) => c.json({ channels: await s.access.listChannels() }));

  return app;
}
