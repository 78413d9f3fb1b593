// Starts the real app on a real socket over a fresh temp database, for end-to-end tests.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import pino from 'pino';
import { createApp } from '../../server/app.ts';
import type { Warehouse, Product } from '../../server/domain/types.ts';
import { createServices, type ServiceOptions, type Services } from '../../server/services/container.ts';
import { openDatabase } from '../../server/store/client.ts';
import { seedDemo } from '../../server/demo/seed.ts';

export const ADMIN = 'test-admin-token';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  url: string;
  services: Services;
  dir: string;
  call<T = any>(
    method: string,
    path: string,
    opts?: { body?: unknown; token?: string | null; raw?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** The embedded database's driver (see DbOptions.driver). */
  driver?: 'embedded' | 'client';
  /** Intake commits on the commit thread, as the server does (default true; embedded driver only). */
  commitThread?: boolean;
  /** See DbOptions.walLimitBytes. */
  walLimitBytes?: number;
  warehouses?: Warehouse[];
  products?: Product[];
  stock?: { sku: string; warehouseId: string; onHand: number }[];
  channels?: string[];
  decider?: ServiceOptions['decider'];
  maxBodyBytes?: number;
  /** Seed the full demo (network, catalogue, stock, channels, published sample policy and macros). */
  demo?: boolean;
  macroLimits?: ServiceOptions['macroLimits'];
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'conveyor-test-'));
  const db = await openDatabase({
    url: `file:${join(dir, 'test.db')}`,
    driver: opts.driver,
    commitThread: opts.commitThread ?? true,
    walLimitBytes: opts.walLimitBytes,
  });
  const services = await createServices({ db, log: pino({ level: 'silent' }), decider: opts.decider, macroLimits: opts.macroLimits });
  await services.access.bootstrapAdmin(ADMIN);
  if (opts.demo) await seedDemo(services);
  for (const w of opts.warehouses ?? []) await services.catalogue.putWarehouse(w);
  for (const p of opts.products ?? []) await services.catalogue.putProduct(p);
  for (const ch of opts.channels ?? []) await services.access.createChannel({ id: ch, name: ch, kind: 'webshop' }, `key-${ch}`);
  if (opts.stock && opts.stock.length > 0) await services.inventory.adjust('test stock', opts.stock);
  const app = createApp(services, { maxBodyBytes: opts.maxBodyBytes });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    services,
    dir,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      const token = o.token === undefined ? ADMIN : o.token;
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined = o.raw;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] = 'application/json';
      }
      const res = await fetch(url + path, { method, headers, body });
      const text = await res.text();
      const isJson = res.headers.get('content-type')?.includes('json');
      return { status: res.status, body: text && isJson ? JSON.parse(text) : text || undefined, headers: res.headers };
    },
    async close() {
      await services.dispose();
      const closed = new Promise<void>((r) => server.close(() => r()));
      (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      await closed;
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid order body for `POST /v1/orders`. */
export function orderBody(
  externalId: string,
  lines: { sku: string; quantity: number }[],
  country = 'GB',
  extra: Record<string, unknown> = {},
) {
  return {
    externalId,
    placedAt: '2026-11-24T10:00:00Z',
    serviceLevel: 'standard',
    shipTo: { name: 'A. Buyer', line1: '1 High St', city: 'Leeds', postalCode: 'LS1 1AA', country },
    lines: lines.map((l) => ({ ...l, unitPrice: 1000 })),
    ...extra,
  };
}
