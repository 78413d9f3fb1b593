// Applies an inventory feed through Inventory.adjust (one transaction, backorders re-brokered):
// rows are checked against the catalogue and current stock first, then applied all or none
// (atomic) or the valid ones in one call (best_effort).
import { DomainError, invalid, type ErrorDetail } from '../domain/errors.ts';
import type { Adjustment, AdjustmentResult, Inventory } from '../services/inventory.ts';
import type { Catalogue } from '../services/catalogue.ts';
import type { StockLevel } from '../store/stock-repo.ts';
import type { FeedKind, FeedRow, ParsedFeed, RowError } from './feed-parse.ts';

export type FeedMode = 'atomic' | 'best_effort';

export interface FeedOptions {
  kind: FeedKind;
  mode: FeedMode;
  /** Snapshot only: SKUs of `warehouseId` the feed does not list go to 0. */
  complete: boolean;
  warehouseId?: string | undefined;
  reason: string;
}

export interface FeedResult extends AdjustmentResult {
  row: number | null;
  line?: number | undefined;
}

export interface FeedReport {
  kind: FeedKind;
  mode: FeedMode;
  complete: boolean;
  warehouseId?: string | undefined;
  received: number;
  applied: number;
  failed: number;
  results: FeedResult[];
  errors: RowError[];
}

export interface FeedDeps {
  inventory: Inventory;
  catalogue: Catalogue;
  stock: () => Promise<StockLevel[]>;
}

interface Planned {
  adjustment: Adjustment;
  row: number | null;
  line?: number | undefined;
  field: string;
}

/** Runs a parsed feed; atomic feeds with any bad row throw with the full report and change nothing. */
export async function applyInventoryFeed(deps: FeedDeps, feed: ParsedFeed, opts: FeedOptions): Promise<FeedReport> {
  // An empty export would otherwise empty the warehouse: far likelier a broken file than a bare shelf.
  if (opts.complete && feed.received === 0) {
    throw invalid('a complete snapshot with no rows would set the whole warehouse to 0', [
      { path: 'rows', message: 'list at least one row' },
    ]);
  }
  const errors = [...feed.errors];
  const planned = await planFeed(deps, feed.rows, opts, errors);
  const report = (results: FeedResult[]): FeedReport => ({
    kind: opts.kind,
    mode: opts.mode,
    complete: opts.complete,
    ...(opts.warehouseId ? { warehouseId: opts.warehouseId } : {}),
    received: feed.received,
    applied: results.length,
    failed: errors.length,
    results,
    errors: errors.sort((a, b) => (a.row ?? Infinity) - (b.row ?? Infinity)),
  });
  if (opts.mode === 'atomic' && errors.length > 0) throw feedRejected(report([]));
  return report(await applyPlanned(deps.inventory, planned, opts, errors));
}

async function planFeed(deps: FeedDeps, rows: FeedRow[], opts: FeedOptions, errors: RowError[]): Promise<Planned[]> {
  const { warehouses, products } = await deps.catalogue.snapshot();
  const known = new Set(warehouses.map((w) => w.id));
  const levels = new Map((await deps.stock()).map((l) => [`${l.sku}\u0000${l.warehouseId}`, l]));
  const onHandAfter = new Map<string, number>();
  const planned: Planned[] = [];
  for (const r of rows) {
    const fail = (field: string, message: string) =>
      errors.push({ row: r.row, line: r.line, field, sku: r.sku, warehouseId: r.warehouseId, message });
    const key = `${r.sku}\u0000${r.warehouseId}`;
    if (!products.has(r.sku)) fail(r.fields.sku, `unknown SKU ${r.sku}`);
    else if (!known.has(r.warehouseId)) fail(r.fields.warehouseId, `unknown warehouse ${r.warehouseId}`);
    else if (opts.complete && r.warehouseId !== opts.warehouseId)
      fail(r.fields.warehouseId, `a complete snapshot of ${opts.warehouseId} lists only that warehouse`);
    else if (opts.kind === 'snapshot' && onHandAfter.has(key)) fail(r.fields.sku, `${r.sku} at ${r.warehouseId} is listed twice`);
    else {
      const level = levels.get(key);
      const after = opts.kind === 'snapshot' ? r.quantity : (onHandAfter.get(key) ?? level?.onHand ?? 0) + r.quantity;
      const reserved = level?.reserved ?? 0;
      if (after < reserved)
        errors.push({
          row: r.row,
          line: r.line,
          field: r.fields.quantity,
          sku: r.sku,
          warehouseId: r.warehouseId,
          reserved,
          message: `${after} on hand but ${reserved} reserved for open orders`,
        });
      else {
        onHandAfter.set(key, after);
        const adjustment =
          opts.kind === 'snapshot'
            ? { sku: r.sku, warehouseId: r.warehouseId, onHand: r.quantity }
            : { sku: r.sku, warehouseId: r.warehouseId, delta: r.quantity };
        planned.push({ adjustment, row: r.row, line: r.line, field: r.fields.quantity });
      }
    }
  }
  if (opts.complete && opts.warehouseId) planned.push(...zeroUnlisted([...levels.values()], opts.warehouseId, rows, errors));
  return planned;
}

// A complete snapshot says what is not listed is gone; units still reserved cannot be.
function zeroUnlisted(levels: StockLevel[], warehouseId: string, rows: FeedRow[], errors: RowError[]): Planned[] {
  const listed = new Set(rows.filter((r) => r.warehouseId === warehouseId).map((r) => r.sku));
  const field = rows[0]?.fields.quantity ?? 'onHand';
  return levels
    .filter((l) => l.warehouseId === warehouseId && !listed.has(l.sku) && l.onHand > 0)
    .flatMap((l) => {
      if (l.reserved === 0) return [{ adjustment: { sku: l.sku, warehouseId, onHand: 0 }, row: null, field }];
      errors.push({
        row: null,
        field,
        sku: l.sku,
        warehouseId,
        reserved: l.reserved,
        message: `not listed in a complete snapshot, but ${l.reserved} units are reserved for open orders; left at ${l.onHand}`,
      });
      return [];
    });
}

/**
 * One Inventory.adjust call. Best effort: a row that a reservation made since the check turned
 * invalid is reported and the rest retried; atomic: that conflict is the answer.
 */
async function applyPlanned(inventory: Inventory, planned: Planned[], opts: FeedOptions, errors: RowError[]): Promise<FeedResult[]> {
  let pending = planned;
  for (let attempt = 0; pending.length > 0; attempt++) {
    try {
      const results = await inventory.adjust(
        opts.reason,
        pending.map((p) => p.adjustment),
      );
      return results.map((r, i) => ({ row: pending[i]?.row ?? null, ...(pending[i]?.line ? { line: pending[i]?.line } : {}), ...r }));
    } catch (error) {
      const index = conflictIndex(error);
      const failed = index === undefined ? undefined : pending[index];
      if (!failed || opts.mode === 'atomic' || attempt > 10 || !(error instanceof DomainError)) throw error;
      const { sku, warehouseId } = failed.adjustment;
      errors.push({
        row: failed.row,
        line: failed.line,
        field: failed.field,
        sku,
        warehouseId,
        message: error.details?.[0]?.message ?? error.message,
      });
      pending = pending.filter((p) => p !== failed);
    }
  }
  return [];
}

function conflictIndex(error: unknown): number | undefined {
  if (!(error instanceof DomainError) || error.code !== 'conflict') return undefined;
  const match = /^adjustments\.(\d+)$/.exec(error.details?.[0]?.path ?? '');
  return match ? Number(match[1]) : undefined;
}

/** 400 when a row is malformed or names unknown things; 409 when every problem is stock that is reserved. */
function feedRejected(report: FeedReport): DomainError {
  const onlyReserved = report.errors.every((e) => e.reserved !== undefined);
  const details: ErrorDetail[] = report.errors.map((e) => ({
    path: e.row === null ? `unlisted.${e.sku}.${e.field}` : `rows.${e.row}.${e.field}`,
    message: e.message,
  }));
  return new DomainError(
    onlyReserved ? 'conflict' : 'validation_failed',
    `the feed has ${report.errors.length} bad rows; nothing was applied`,
    details.slice(0, 200),
    { report },
  );
}
