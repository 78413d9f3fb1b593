// OpenAPI descriptions of the shadow routes (shadows.routes.ts); bodies and queries are the routes'
// own schemas, the result is a simulation's (live as the baseline variant, the candidate beside it).
import { z } from 'zod';
import { ShadowDiffQuery, ShadowListQuery, ShadowRequest } from '../simulate/shadow-request.ts';
import { named, type RouteDoc } from './openapi-types.ts';
import { OrderQuery } from './simulations.routes.ts';

const ROLES: RouteDoc['roles'] = ['admin', 'analyst'];
const shadowId = { id: 'Shadow id (shd_…)' };
const int = z.number().int();

const Decision = z.looseObject({
  status: z.string(),
  shipments: z.array(z.looseObject({})),
  items: z.array(z.looseObject({})),
  holds: z.array(z.looseObject({})),
  cost: z.number(),
});
const Shadow = named(
  'Shadow',
  z.looseObject({
    id: z.string(),
    name: z.string(),
    status: z.enum(['running', 'stopped']),
    candidate: z.union([z.literal('draft'), int]),
    policy: z.looseObject({ version: int.nullable(), rules: int, macros: z.record(z.string(), int) }),
    progress: z
      .object({ orders: int, changed: int, skipped: int, cursor: int, behind: int })
      .describe('Orders recorded, how many the candidate decided differently, orders it could not decide, and events not read yet'),
    createdAt: z.string(),
    createdBy: z.string(),
    stoppedAt: z.string().nullable(),
    result: z
      .looseObject({
        history: z.looseObject({}),
        variants: z.array(
          z.looseObject({
            name: z.string(),
            kpis: z.looseObject({}),
            rules: z.array(z.looseObject({})),
            macros: z.array(z.looseObject({})),
          }),
        ),
        diff: z.array(z.looseObject({})),
        tradeOff: z.array(z.looseObject({})),
        stock: z.object({ exact: int, approximate: int }),
      })
      .optional()
      .describe('KPIs, rule and macro coverage and timeline per side (live first), diff counts and trade-off points'),
  }),
);
const DiffPage = named(
  'ShadowDiffPage',
  z.object({
    candidate: z.string(),
    total: int,
    offset: int,
    limit: int,
    items: z.array(
      z.looseObject({
        seq: int,
        orderId: z.string(),
        externalId: z.string(),
        changes: z.array(z.string()),
        baseline: Decision,
        candidate: Decision,
      }),
    ),
  }),
);

export const shadowRouteDocs: RouteDoc[] = [
  {
    method: 'POST',
    path: '/v1/shadows',
    tag: 'Shadows',
    roles: ROLES,
    summary: 'Start a shadow: a candidate policy decides every live order placed from now on, beside the live one, without acting',
    description:
      'The candidate is the draft (pinned to its content and macro versions now) or a published version. Each app process works running shadows in the background: orders are decided again through the live path (policies, macros on separate isolates, routing) on the stock the live decision saw, read back from the event log; nothing live is written or reserved. At most three run at once (409).',
    body: named('ShadowRequest', ShadowRequest),
    errors: [409],
    response: { status: 201, description: 'Started', schema: Shadow },
  },
  {
    method: 'GET',
    path: '/v1/shadows',
    tag: 'Shadows',
    roles: ROLES,
    summary: 'List shadows, newest first (without results)',
    query: ShadowListQuery,
    response: { description: 'Shadows', schema: z.object({ shadows: z.array(Shadow.schema) }) },
  },
  {
    method: 'GET',
    path: '/v1/shadows/:id',
    tag: 'Shadows',
    roles: ROLES,
    summary: 'A shadow: progress, KPIs and coverage of live and candidate over the orders recorded so far, and the first diff page',
    params: shadowId,
    response: { description: 'The shadow', schema: Shadow },
  },
  {
    method: 'DELETE',
    path: '/v1/shadows/:id',
    tag: 'Shadows',
    roles: ROLES,
    summary: 'Delete a stopped shadow and everything it recorded',
    params: shadowId,
    errors: [409],
    response: { status: 204, description: 'Deleted' },
  },
  {
    method: 'GET',
    path: '/v1/shadows/:id/diff',
    tag: 'Shadows',
    roles: ROLES,
    summary: 'Live orders the candidate decided differently, a page at a time, with both decisions and traces',
    params: shadowId,
    query: ShadowDiffQuery,
    response: { description: 'A page of the diff', schema: DiffPage },
  },
  {
    method: 'GET',
    path: '/v1/shadows/:id/orders/:externalId',
    tag: 'Shadows',
    roles: ROLES,
    summary: "One live order's decision under live and the candidate, with the traces kept for it",
    params: { ...shadowId, externalId: "The order's external id" },
    query: OrderQuery,
    errors: [409],
    response: {
      description: 'The order on each side',
      schema: z.looseObject({ externalId: z.string(), variants: z.array(z.looseObject({})) }),
    },
  },
  {
    method: 'POST',
    path: '/v1/shadows/:id/stop',
    tag: 'Shadows',
    roles: ROLES,
    summary: 'Stop a shadow: what it recorded stays, orders placed from now on are not decided',
    params: shadowId,
    errors: [409],
    response: { description: 'The stopped shadow', schema: Shadow },
  },
];
