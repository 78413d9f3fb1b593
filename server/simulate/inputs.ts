// Turning a simulation request into engine inputs: the orders (generated or a stored history),
// the opening stock (live availability or a snapshot), and the sink that pages results to libSQL.
import type { Db } from '../store/client.ts';
import { insertDiffRows, insertOrderRows, insertTraceRows } from '../store/simulation-repo.ts';
import { allStock } from '../store/stock-repo.ts';
import type { ReplaySink } from './engine.ts';
import { generateOrders } from './generator.ts';
import { readHistory } from './history-store.ts';
import type { SimOrder, StockLine } from './types.ts';

export type ReplaySource =
  | { source: 'generate'; count: number; seed: number | string; start?: string | undefined; days?: number | undefined }
  | { source: 'stored'; historyId: string };

/** The orders of a source, in placedAt order. */
export function ordersOf(db: Db, src: ReplaySource): AsyncIterable<SimOrder> | Iterable<SimOrder> {
  return src.source === 'generate' ? generateOrders(src) : readHistory(db, src.historyId);
}

/** What is available now in every warehouse (on hand less what live orders reserved), read once. */
export async function liveStock(db: Db): Promise<StockLine[]> {
  const levels = await db.read((sql) => allStock(sql));
  return levels.map((l) => ({ sku: l.sku, warehouseId: l.warehouseId, onHand: l.available }));
}

/** Writes each page of per-order results in one transaction. */
export function databaseSink(db: Db, simulationId: string): ReplaySink {
  return {
    write: (page) =>
      db.write(async (sql) => {
        await insertOrderRows(sql, simulationId, page.orders);
        await insertDiffRows(sql, simulationId, page.diffs);
        await insertTraceRows(sql, simulationId, page.traces);
      }),
  };
}
