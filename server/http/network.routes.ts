// The fulfillment network and catalogue: warehouses with rate cards, and products.
import { Hono } from 'hono';
import { notFound } from '../domain/errors.ts';
import type { Services } from '../services/container.ts';
import { allow } from './auth.ts';
import type { AppEnv } from './env.ts';
import { IdParam, ProductRequest, WarehouseRequest } from './schemas.ts';
import { jsonBody, parseWith } from './validate.ts';

export function networkRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const read = allow('admin', 'analyst');

  app.put('/warehouses/:id', allow('admin'), async (c) => {
    const id = parseWith(IdParam, c.req.param('id'), 'warehouse id');
    const body = await jsonBody(c, WarehouseRequest);
    const warehouse = { id, ...body };
    await s.catalogue.putWarehouse(warehouse);
    return c.json(warehouse);
  });

  app.get('/warehouses', read, async (c) => c.json({ warehouses: (await s.catalogue.snapshot()).warehouses }));

  app.get('/warehouses/:id', read, async (c) => {
    const id = c.req.param('id');
    const warehouse = (await s.catalogue.snapshot()).warehouses.find((w) => w.id === id);
    if (!warehouse) throw notFound('warehouse', id);
    return c.json(warehouse);
  });

  app.put('/products/:sku', allow('admin'), async (c) => {
    const sku = parseWith(IdParam, c.req.param('sku'), 'SKU');
    const body = await jsonBody(c, ProductRequest);
    const product = { sku, ...body };
    await s.catalogue.putProduct(product);
    return c.json(product);
  });

  app.get('/products', read, async (c) => c.json({ products: [...(await s.catalogue.snapshot()).products.values()] }));

  app.get('/products/:sku', read, async (c) => {
    const sku = c.req.param('sku');
    const product = (await s.catalogue.snapshot()).products.get(sku);
    if (!product) throw notFound('product', sku);
    return c.json(product);
  });

  return app;
}
