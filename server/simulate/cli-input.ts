// The CLI's inputs: orders (generated, a staged NDJSON or CSV file, or the Olist folder), the
// opening stock and replenishments, and the network they route over.
import { createReadStream, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Services } from '../services/container.ts';
import type { Db } from '../store/client.ts';
import type { CliOptions } from './cli-args.ts';
import { parseCsvOrders } from './csv-import.ts';
import { generateOrders } from './generator.ts';
import { appendStream, createHistory, readHistory } from './history-store.ts';
import { liveStock } from './inputs.ts';
import { parseNdjson } from './ndjson.ts';
import type { SimNetwork } from './network.ts';
import { importOlist } from './olist/olist-import.ts';
import { ReplenishmentSchema, StockLineSchema } from './request-schema.ts';
import type { Replenishment, SimOrder, StockLine } from './types.ts';

export interface CliInput {
  orders: AsyncIterable<SimOrder> | Iterable<SimOrder>;
  total: number;
  stock: StockLine[];
  replenishments: Replenishment[];
  network?: SimNetwork | undefined;
  currency?: string | undefined;
}

/** Reads or stages the orders and loads stock; a file history is staged in the results database. */
export async function cliInput(opts: CliOptions, s: Services, results: { db: Db; historyId: string }): Promise<CliInput> {
  const replenishments = opts.replenishments ? readJson(opts.replenishments, z.array(ReplenishmentSchema)) : [];
  const stock = async (fallback: () => Promise<StockLine[]> | StockLine[]) =>
    !opts.inventory || opts.inventory === 'live' ? fallback() : readJson(opts.inventory, z.array(StockLineSchema));
  const src = opts.source;
  if (src.kind === 'generate') {
    return {
      orders: generateOrders({ count: src.count, seed: src.seed }),
      total: src.count,
      stock: await stock(() => liveStock(s.db)),
      replenishments,
    };
  }
  if (src.kind === 'olist') {
    const olist = importOlist(src.dir, { groupBy: src.groupBy, limit: src.limit });
    const sellersStock = () => olist.stock;
    return {
      orders: olist.orders,
      total: olist.orders.length,
      stock: opts.inventory === 'live' ? await liveStock(s.db) : await stock(sellersStock),
      replenishments,
      network: olist.network,
      currency: 'BRL',
    };
  }
  // Staged first, so the replay reads it in placedAt order whatever order the file is in.
  const { db, historyId } = results;
  await createHistory(db, { id: historyId, name: src.path, createdAt: new Date().toISOString(), createdBy: 'cli' });
  const lines = src.csv ? parseCsvOrders({ path: src.path }, src.csv) : parseNdjson(createReadStream(src.path));
  const total = await appendStream(db, historyId, lines);
  return { orders: readHistory(db, historyId), total, stock: await stock(() => liveStock(s.db)), replenishments };
}

function readJson<T>(path: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`${path} is not valid: ${first?.path.join('.')} ${first?.message}`);
  }
  return parsed.data;
}
