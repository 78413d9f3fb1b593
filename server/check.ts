// `npm run check`: verifies the invariants of a Conveyor database and exits non-zero on any violation.
import { loadConfig } from './config.ts';
import { checkInvariants } from './services/invariants.ts';
import { openDatabase } from './store/client.ts';
import { DEFAULT_WEBHOOK_OPTIONS } from './webhooks/options.ts';

const config = loadConfig();
const url = process.argv.find((a) => a.startsWith('--database='))?.slice('--database='.length) ?? config.databaseUrl;
const db = await openDatabase({ url, authToken: config.databaseAuthToken, secretKey: config.secretKey });
const started = performance.now();
// Servers run the dispatcher with the default retry budget.
const report = await checkInvariants(db, { webhookMaxAttempts: DEFAULT_WEBHOOK_OPTIONS.maxAttempts });
await db.close();
const ms = Math.round(performance.now() - started);
const { stockRows, orders, outbox: o } = report.checked;
process.stdout.write(`checked ${stockRows} stock rows and ${orders} open orders in ${ms} ms\n`);
process.stdout.write(
  `webhook outbox, ${o.subscriptions} active subscription(s): ${o.delivered} delivered, ${o.queued} queued, ${o.retrying} retrying, ` +
    `${o.inFlight} in flight, ${o.deadLettered} dead-lettered, ${o.awaitingFanOut} event(s) awaiting fan-out\n`,
);
for (const v of report.violations.slice(0, 50)) process.stdout.write(`  ${v.kind.padEnd(18)} ${v.subject}: ${v.message}\n`);
if (report.violations.length > 50) process.stdout.write(`  … and ${report.violations.length - 50} more\n`);
process.stdout.write(report.ok ? 'all invariants hold\n' : `${report.violations.length} violation(s)\n`);
process.exit(report.ok ? 0 : 1);
