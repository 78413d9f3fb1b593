// Orders from channels: intake (idempotent), reading with events, cancel, reroute, ship, deliver.
import { Hono } from 'hono';
import { DomainError } from '../domain/errors.ts';
import type { Order } from '../domain/types.ts';
import type { Principal } from '../services/access.ts';
import type { Services } from '../services/container.ts';
import { listOrderEvents } from '../store/event-repo.ts';
import { listOrders } from '../store/order-repo.ts';
import { allow, ownChannelOnly, principalOf } from './auth.ts';
import type { AppEnv } from './env.ts';
import { CancelRequest, IdParam, OrderListQuery, OrderRequest, ShipRequestSchema } from './schemas.ts';
import { jsonBody, parseWith } from './validate.ts';

const ownOrderOnly = (p: Principal, orderId: string) => ownChannelOnly(p, 'order', orderId);

export function orderRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.post('/orders', allow('channel'), async (c) => {
    const channelId = principalOf(c).channelId;
    if (!channelId) throw new DomainError('forbidden', 'this token belongs to no channel');
    const body = await jsonBody(c, OrderRequest);
    const { order, created, json } = await s.intake.place(channelId, body);
    const status = created ? 201 : 200;
    return json === undefined ? c.json(order, status) : c.body(json, status, JSON_TYPE);
  });

  app.get('/orders', allow('admin', 'analyst', 'channel'), async (c) => {
    const q = parseWith(OrderListQuery, c.req.query(), 'query');
    const p = principalOf(c);
    const channelId = p.role === 'channel' ? p.channelId : q.channelId;
    const orders = await s.db.read((sql) => listOrders(sql, { ...q, status: q.status as Order['status'] | undefined, channelId }));
    return c.json({ orders, next: orders.length === q.limit ? orders.at(-1)?.id : null });
  });

  app.get('/orders/:id', allow('admin', 'analyst', 'channel'), async (c) => {
    const id = parseWith(IdParam, c.req.param('id'), 'order id');
    const order = await s.lifecycle.get(id);
    ownOrderOnly(principalOf(c), id)(order);
    const events = await s.db.read((sql) => listOrderEvents(sql, id));
    return c.json({ ...order, events });
  });

  app.post('/orders/:id/cancel', allow('admin', 'channel'), async (c) => {
    const id = parseWith(IdParam, c.req.param('id'), 'order id');
    const body = c.req.header('content-length') === '0' || !c.req.header('content-type') ? {} : await jsonBody(c, CancelRequest);
    return c.json(await s.lifecycle.cancel(id, body.reason, ownOrderOnly(principalOf(c), id)));
  });

  app.post('/orders/:id/reroute', allow('admin'), async (c) => {
    const id = parseWith(IdParam, c.req.param('id'), 'order id');
    await s.lifecycle.get(id);
    const { order, routedUnits } = await s.broker.broker(id, 'on_demand');
    return c.json({ ...order, routedUnits });
  });

  app.post('/fulfillments/:id/ship', allow('admin'), async (c) => {
    const id = parseWith(IdParam, c.req.param('id'), 'fulfillment id');
    const body = await jsonBody(c, ShipRequestSchema);
    return c.json(await s.lifecycle.ship(id, body));
  });

  app.post('/fulfillments/:id/deliver', allow('admin'), async (c) => {
    const id = parseWith(IdParam, c.req.param('id'), 'fulfillment id');
    return c.json(await s.lifecycle.deliver(id));
  });

  return app;
}

const JSON_TYPE = { 'content-type': 'application/json' };
