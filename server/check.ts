// `npm run check`: verifies the invariants of a Conveyor database and exits non-zero on any violation.
import { loadConfig } from './config.ts';
import { checkInvariants } from './services/invariants.ts';
import { openDatabase } from './store/client.ts';

const config = loadConfig();
const url = process.argv.find((a) => a.startsWith('--database='))?.slice('--database='.length) ?? config.databaseUrl;
const db = await openDatabase({ url, authToken: config.databaseAuthToken });
const started = performance.now();
const report = await checkInvariants(db);
await db.close();
const ms = Math.round(performance.now() - started);
process.stdout.write(`checked ${report.checked.stockRows} stock rows and ${report.checked.orders} open orders in ${ms} ms\n`);
for (const v of report.violations.slice(0, 50)) process.stdout.write(`  ${v.kind.padEnd(18)} ${v.subject}: ${v.message}\n`);
if (report.violations.length > 50) process.stdout.write(`  … and ${report.violations.length - 50} more\n`);
process.stdout.write(report.ok ? 'all invariants hold\n' : `${report.violations.length} violation(s)\n`);
process.exit(report.ok ? 0 : 1);
