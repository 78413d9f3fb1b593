// Stock adjustments (all or none) and availability per SKU and per warehouse.
import { Hono } from 'hono';
import type { Services } from '../services/container.ts';
import { allow } from './auth.ts';
import type { AppEnv } from './env.ts';
import { AdjustmentRequest } from './schemas.ts';
import { jsonBody } from './validate.ts';

export function inventoryRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const read = allow('admin', 'analyst');

  app.post('/inventory/adjustments', allow('admin'), async (c) => {
    const body = await jsonBody(c, AdjustmentRequest);
    const results = await s.inventory.adjust(body.reason, body.adjustments);
    return c.json({ applied: results.length, results });
  });

  app.get('/inventory', read, async (c) => c.json({ levels: await s.inventory.all() }));

  app.get('/inventory/:sku', read, async (c) => c.json(await s.inventory.forSku(c.req.param('sku'))));

  app.get('/warehouses/:id/inventory', read, async (c) => {
    const id = c.req.param('id');
    return c.json({ warehouseId: id, levels: await s.inventory.forWarehouse(id) });
  });

  return app;
}
