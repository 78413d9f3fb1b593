// Returns: authorise units of a shipped order (admin or its channel), receive them at a warehouse
// (admin), read them, and the quarantine of damaged returned units. Described for OpenAPI below.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Services } from '../services/container.ts';
import { CONDITIONS } from '../services/return-units.ts';
import { RETURN_STATUSES } from '../store/return-repo.ts';
import { allow, ownChannelOnly, principalOf } from './auth.ts';
import type { AppEnv } from './env.ts';
import { named, type RouteDoc } from './openapi-types.ts';
import { IdParam } from './schemas.ts';
import { jsonBody, parseWith } from './validate.ts';

const quantity = z.number().int('a whole number of units').positive().max(1_000_000);

export const ReturnRequest = z
  .object({
    lines: z
      .array(z.object({ sku: IdParam, quantity }).strict())
      .min(1, 'a return needs at least one line')
      .max(500),
    reason: z
      .string()
      .min(1)
      .max(100)
      .describe('Why the units come back, e.g. damaged_in_transit, wrong_item, not_as_described, no_longer_needed'),
    note: z.string().max(500).optional(),
    exchange: z.boolean().optional().describe('Send the same units again as a replacement order once the return is received'),
  })
  .strict();

export const ReceiveRequest = z
  .object({
    warehouseId: IdParam,
    lines: z
      .array(z.object({ sku: IdParam, quantity, condition: z.enum(CONDITIONS) }).strict())
      .min(1)
      .max(500),
  })
  .strict();

const ReturnListQuery = z
  .object({
    status: z.enum(RETURN_STATUSES).optional(),
    orderId: IdParam.optional(),
    channelId: IdParam.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.string().max(64).optional().describe('Id of the last return of the previous page'),
  })
  .strict();

const QuarantineQuery = z.object({ sku: IdParam.optional(), warehouseId: IdParam.optional() }).strict();

export function returnRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.post('/orders/:id/returns', allow('admin', 'channel'), async (c) => {
    const id = parseWith(IdParam, c.req.param('id'), 'order id');
    const body = await jsonBody(c, ReturnRequest);
    return c.json(await s.returns.request(id, body, ownChannelOnly(principalOf(c), 'order', id)), 201);
  });

  app.get('/returns', allow('admin', 'analyst', 'channel'), async (c) => {
    const q = parseWith(ReturnListQuery, c.req.query(), 'query');
    const p = principalOf(c);
    const channelId = p.role === 'channel' ? p.channelId : q.channelId;
    const returns = await s.returns.list({ ...q, channelId });
    return c.json({ returns, next: returns.length === q.limit ? returns.at(-1)?.id : null });
  });

  app.get('/returns/:id', allow('admin', 'analyst', 'channel'), async (c) => {
    const id = parseWith(IdParam, c.req.param('id'), 'return id');
    return c.json(await s.returns.get(id, ownChannelOnly(principalOf(c), 'return', id)));
  });

  app.post('/returns/:id/receive', allow('admin'), async (c) => {
    const id = parseWith(IdParam, c.req.param('id'), 'return id');
    return c.json(await s.returns.receive(id, await jsonBody(c, ReceiveRequest)));
  });

  app.get('/quarantine', allow('admin', 'analyst'), async (c) => {
    const q = parseWith(QuarantineQuery, c.req.query(), 'query');
    return c.json({ levels: await s.returns.quarantine(q) });
  });

  return app;
}

const ReturnModel = named(
  'Return',
  z.object({
    id: z.string().describe('rma_…'),
    orderId: z.string(),
    channelId: z.string(),
    status: z.enum(RETURN_STATUSES),
    reason: z.string(),
    note: z.string().nullable(),
    exchange: z.boolean(),
    exchangeOrderId: z.string().nullable().describe('The replacement order, once placed'),
    warehouseId: z.string().nullable().describe('Where it was received'),
    lines: z.array(z.object({ sku: z.string(), quantity: z.number().int(), sellable: z.number().int(), damaged: z.number().int() })),
    createdAt: z.string(),
    receivedAt: z.string().nullable(),
    updatedAt: z.string(),
  }),
);

/** The returns routes as the OpenAPI document describes them. */
export const returnRouteDocs: RouteDoc[] = [
  {
    method: 'POST',
    path: '/v1/orders/:id/returns',
    tag: 'Returns',
    roles: ['admin', 'channel'],
    summary: 'Authorise a return (RMA) of shipped units',
    description:
      'Units per SKU may not exceed what shipped minus what is already on a return (409). Records `return.requested` on the order.',
    params: { id: 'Order id' },
    body: named('ReturnRequest', ReturnRequest),
    errors: [409],
    response: { status: 201, description: 'The return, `requested`', schema: ReturnModel },
  },
  {
    method: 'GET',
    path: '/v1/returns',
    tag: 'Returns',
    roles: ['admin', 'analyst', 'channel'],
    summary: 'List returns, newest first (a channel sees its own)',
    query: ReturnListQuery,
    response: { description: 'A page of returns', schema: z.object({ returns: z.array(ReturnModel.schema), next: z.string().nullable() }) },
  },
  {
    method: 'GET',
    path: '/v1/returns/:id',
    tag: 'Returns',
    roles: ['admin', 'analyst', 'channel'],
    summary: 'Read a return',
    params: { id: 'Return id (rma_…)' },
    response: { description: 'The return', schema: ReturnModel },
  },
  {
    method: 'POST',
    path: '/v1/returns/:id/receive',
    tag: 'Returns',
    roles: ['admin'],
    summary: 'Receive a return at a warehouse',
    description:
      'Sellable units go back on hand (and waiting backorders are brokered), damaged units into quarantine, in one transaction with `return.received`; `order.returned` once every shipped unit is back. An exchange then places its replacement order through intake (external id `<original>-EX-<rma>`).',
    params: { id: 'Return id (rma_…)' },
    body: named('ReceiveRequest', ReceiveRequest),
    errors: [409],
    response: { description: 'The return, `received`', schema: ReturnModel },
  },
  {
    method: 'GET',
    path: '/v1/quarantine',
    tag: 'Returns',
    roles: ['admin', 'analyst'],
    summary: 'Damaged returned units per SKU and warehouse (never available)',
    query: QuarantineQuery,
    response: {
      description: 'Quarantined units',
      schema: z.object({
        levels: z.array(z.object({ sku: z.string(), warehouseId: z.string(), quantity: z.number().int(), updatedAt: z.string() })),
      }),
    },
  },
];
