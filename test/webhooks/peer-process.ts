// A second app process for the two-dispatcher test: the services container (with its webhook
// dispatcher) over the shared database file. On "go" from stdin it places its share of orders.
// Logs are pino JSON lines on stdout; the test counts "webhook delivered" in them.
import { createInterface } from 'node:readline';
import pino from 'pino';
import { createServices } from '../../server/services/container.ts';
import { OrderRequest } from '../../server/http/schemas.ts';
import { openDatabase } from '../../server/store/client.ts';
import { orderBody } from '../support/server.ts';
import { PEER_SETTINGS } from './receiver.ts';

const db = await openDatabase({ url: String(process.env.DATABASE_URL) });
const services = await createServices({ db, log: pino({ level: 'info' }), webhooks: PEER_SETTINGS });
const orders = Number(process.env.PEER_ORDERS ?? 0);

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'go') return;
  void Promise.all(
    Array.from({ length: orders }, (_, i) =>
      services.intake.place('webshop', OrderRequest.parse(orderBody(`PEER-${i}`, [{ sku: 'CD', quantity: 1 }]))),
    ),
  ).then(() => process.stdout.write('{"msg":"placed"}\n'));
});

process.on('SIGTERM', () => {
  void services
    .dispose()
    .then(() => db.close())
    .then(() => process.exit(0));
});
process.stdout.write('{"msg":"ready"}\n');
