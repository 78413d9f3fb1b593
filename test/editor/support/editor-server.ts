// The real server with the demo seeded and the editor mounted, plus the built editor, for the
// browser suites. Like test/support/server.ts, but it also mounts editorRoutes() while
// server/app.ts does not yet, and seeds the demo network, catalogue, channels and stock.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import pino from 'pino';
import { createApp } from '../../../server/app.ts';
import { DEMO_KEYS, seedDemo } from '../../../server/demo/seed.ts';
import { editorRoutes } from '../../../server/http/editor.routes.ts';
import { createServices, type Services } from '../../../server/services/container.ts';
import { openDatabase } from '../../../server/store/client.ts';

export const ADMIN = 'test-admin-token';
export const ANALYST = DEMO_KEYS.analyst;
export const WEBSHOP = DEMO_KEYS.webshop;

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Builds editor/dist when it is missing or older than its sources (the same check as npm start).
 * Suites run in parallel, so a lock directory lets one build while the others wait, then find it fresh.
 */
export async function buildEditorIfStale(): Promise<void> {
  const lock = join(REPO, 'editor', '.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Held by another suite (or left by a killed run: older than two minutes).
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 120_000)
        rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    execFileSync(process.execPath, [join(REPO, 'editor', 'build-if-stale.mjs')], { cwd: REPO, stdio: 'pipe' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface EditorServer {
  url: string;
  services: Services;
  /** Calls the API as `token` (default: the admin) and returns status and parsed body. */
  call<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** Starts the app on a real socket over a fresh temp database with the demo seeded. */
export async function startEditorServer(): Promise<EditorServer> {
  const dir = mkdtempSync(join(tmpdir(), 'conveyor-editor-'));
  const db = await openDatabase({ url: `file:${join(dir, 'test.db')}` });
  const services = await createServices({ db, log: pino({ level: 'silent' }) });
  await services.access.bootstrapAdmin(ADMIN);
  await seedDemo(services);
  const app = createApp(services);
  const fetchApp = (await servesEditor(app)) ? app.fetch : withEditor(app.fetch);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: fetchApp, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    services,
    async call(method, path, body, token = ADMIN) {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON (the editor's HTML, the macro types): the text itself.
      }
      return { status: res.status, body: parsed as any };
    },
    async close() {
      await services.broker.settled();
      services.feed.stop();
      const closed = new Promise<void>((r) => server.close(() => r()));
      (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      await closed;
      await (services as { dispose?: () => Promise<void> }).dispose?.();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Fetch = (req: Request) => Response | Promise<Response>;

/** Whether server/app.ts already mounts editorRoutes() (the lead adds it there). */
async function servesEditor(app: { request(path: string): Response | Promise<Response> }): Promise<boolean> {
  const probe = await app.request('/editor/');
  return !(probe.status === 404 && /no route for/.test(await probe.text()));
}

/** Sends /editor and /editor/* to editorRoutes(), everything else to the app. */
function withEditor(appFetch: Fetch): Fetch {
  const editor = new Hono().route('/', editorRoutes());
  return (req) => (/^\/editor(\/|$)/.test(new URL(req.url).pathname) ? editor.fetch(req) : appFetch(req));
}

/** A realistic order body for `POST /v1/orders` with the demo catalogue. */
export function demoOrder(externalId: string, lines: { sku: string; quantity: number; unitPrice?: number }[], country = 'GB') {
  return {
    externalId,
    placedAt: '2026-11-24T10:00:00Z',
    serviceLevel: 'standard',
    shipTo: { name: 'Ada Lovelace', line1: '12 Deansgate', city: 'Manchester', postalCode: 'M3 2BW', country },
    lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice ?? 1999 })),
  };
}
