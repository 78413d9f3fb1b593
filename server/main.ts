// Composition root: config -> database -> services -> HTTP app -> serve, with a graceful stop.
import { serve } from '@hono/node-server';
import pino from 'pino';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { DEMO_KEYS, isEmpty, seedDemo } from './demo/seed.ts';
import { createServices } from './services/container.ts';
import { openDatabase } from './store/client.ts';

const config = loadConfig();
const log = pino({ level: config.logLevel, redact: ['req.headers.authorization', 'token', 'apiKey'] });
const db = await openDatabase({ url: config.databaseUrl, authToken: config.databaseAuthToken });
const services = await createServices({ db, log });
const generatedAdmin = await services.access.bootstrapAdmin(config.adminToken);
const seeded = config.demo && (await isEmpty(services));
if (seeded) await seedDemo(services);
// Demo keys are printed only while this database still holds the demo.
const demoPresent = config.demo && (await services.access.authenticate(DEMO_KEYS.webshop)) !== null;

const app = createApp(services);
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const base = `http://${config.host}:${info.port}`;
  const lines = [
    `Conveyor is listening on ${base} (database ${config.databaseUrl.replace(/\/\/.*@/, '//…@')})`,
    `  API:    ${base}/v1   health: ${base}/health`,
  ];
  if (generatedAdmin) lines.push(`  Admin token (shown once, stored hashed): ${generatedAdmin}`);
  if (demoPresent) {
    lines.push(`  Demo channel keys: ${Object.entries(DEMO_KEYS).filter(([k]) => k !== 'analyst').map(([k, v]) => `${k}=${v}`).join('  ')}`);
    lines.push(`  Demo analyst token: ${DEMO_KEYS.analyst}`);
    lines.push(`  Try: curl -s -X POST ${base}/v1/orders -H 'Authorization: Bearer ${DEMO_KEYS.webshop}' -H 'Content-Type: application/json' \\`);
    lines.push(`         -d '{"externalId":"WEB-1","placedAt":"2026-11-24T10:00:00Z","shipTo":{"name":"A. Buyer","line1":"1 High St","city":"Leeds","postalCode":"LS1 1AA","country":"GB"},"lines":[{"sku":"OIL-OLIVE-5L","quantity":2,"unitPrice":2499}]}'`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
});

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping: finishing in-flight requests');
  const force = setTimeout(() => (server as unknown as { closeAllConnections(): void }).closeAllConnections(), 5_000);
  force.unref();
  server.close(async () => {
    await services.dispose();
    await db.close();
    log.info('stopped');
    process.exit(0);
  });
  (server as unknown as { closeIdleConnections(): void }).closeIdleConnections();
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
