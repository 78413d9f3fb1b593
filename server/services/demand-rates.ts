// Live demand rates for routing's look-ahead: units allocated per day per warehouse and SKU to
// orders placed in the last `windowDays`, read with one aggregate query and kept in this process.
// A copy past its refresh age is still served while one background read replaces it, so no order
// waits on, or causes, a query of its own; each app process refreshes its own copy.
import type { DemandRates } from '../domain/demand.ts';
import type { Clock } from '../domain/ports.ts';
import type { Db, Sql } from '../store/client.ts';
import { num, str } from '../store/rows.ts';

/** The part of the routing settings that switches live look-ahead on. */
export interface LiveLookahead {
  enabled: boolean;
  windowDays: number;
}

export interface DemandRatesOptions {
  /** Age after which the rates are re-read in the background. Default 45 s. */
  refreshMs?: number | undefined;
  /** Age after which a caller waits for a fresh read instead (a process that sat idle). Default 10 min. */
  maxAgeMs?: number | undefined;
}

const DAY_MS = 86_400_000;

// Stock units, as reservations hold them: a fulfillment's lines, or the components a kit recorded.
// CROSS JOIN keeps SQLite's join order: the orders in the window by their placed_at index first.
const ALLOCATED_SINCE = `
  SELECT warehouse_id, sku, SUM(quantity) AS units FROM (
    SELECT f.warehouse_id, l.sku, l.quantity
      FROM orders o CROSS JOIN fulfillments f ON f.order_id = o.id CROSS JOIN fulfillment_lines l ON l.fulfillment_id = f.id
     WHERE o.placed_at >= ? AND f.status != 'cancelled' AND f.reservations IS NULL
    UNION ALL
    SELECT f.warehouse_id, json_extract(r.value, '$.sku'), json_extract(r.value, '$.quantity')
      FROM orders o CROSS JOIN fulfillments f ON f.order_id = o.id, json_each(f.reservations) r
     WHERE o.placed_at >= ? AND f.status != 'cancelled' AND f.reservations IS NOT NULL
  ) GROUP BY warehouse_id, sku`;

/** Units per day per warehouse and SKU allocated to orders placed since `now - windowDays` (cancelled ones aside). */
export async function readDemandRates(sql: Sql, now: Date, windowDays: number): Promise<DemandRates> {
  const since = new Date(now.getTime() - windowDays * DAY_MS).toISOString();
  const rs = await sql.execute({ sql: ALLOCATED_SINCE, args: [since, since] });
  const rates: DemandRates = {};
  for (const row of rs.rows) {
    const bySku = (rates[str(row, 'warehouse_id')] ??= {});
    bySku[str(row, 'sku')] = num(row, 'units') / windowDays;
  }
  return rates;
}

interface Loaded {
  windowDays: number;
  at: number;
  rates: DemandRates;
}

export class DemandRatesCache {
  private cached: Loaded | undefined;
  private loading: { windowDays: number; promise: Promise<DemandRates> } | undefined;
  private readonly refreshMs: number;
  private readonly maxAgeMs: number;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly setting: () => Promise<LiveLookahead>,
    opts: DemandRatesOptions = {},
  ) {
    this.refreshMs = opts.refreshMs ?? 45_000;
    this.maxAgeMs = Math.max(this.refreshMs, opts.maxAgeMs ?? 600_000);
  }

  /** The rates routing looks ahead with now, or undefined while live look-ahead is off. */
  async current(): Promise<DemandRates | undefined> {
    const { enabled, windowDays } = await this.setting();
    return enabled ? this.rates(windowDays) : undefined;
  }

  /** Rates over `windowDays`: the cached copy (refreshed behind it once old), or a fresh read when there is none. */
  async rates(windowDays: number): Promise<DemandRates> {
    const c = this.cached;
    const age = c ? Date.now() - c.at : Infinity;
    if (c && c.windowDays === windowDays && age < this.maxAgeMs) {
      // A failed background read keeps the old copy; the next order after refreshMs tries again.
      if (age >= this.refreshMs) this.refresh(windowDays).catch(() => undefined);
      return c.rates;
    }
    return this.refresh(windowDays);
  }

  /** One read at a time per window; callers asking meanwhile share it. */
  private refresh(windowDays: number): Promise<DemandRates> {
    if (this.loading?.windowDays === windowDays) return this.loading.promise;
    const promise = this.load(windowDays).finally(() => {
      if (this.loading?.promise === promise) this.loading = undefined;
    });
    this.loading = { windowDays, promise };
    return promise;
  }

  private async load(windowDays: number): Promise<DemandRates> {
    const rates = await this.db.read((sql) => readDemandRates(sql, this.clock.now(), windowDays));
    this.cached = { windowDays, at: Date.now(), rates };
    return rates;
  }
}
