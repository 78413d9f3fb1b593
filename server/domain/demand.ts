// Recent demand per warehouse and SKU, for routing's look-ahead: a warehouse keeps the units its
// own recent order rate says it will need in the next days, so the next orders split less.
// Pure: the caller records what was reserved and when, and asks for the rates at a moment.
import { customsTerritoryOf, DEFAULT_DUTY_TABLE, type DutyTable } from './duties.ts';
import type { Warehouse } from './types.ts';

export type DemandRates = Record<string, Record<string, number>>;

interface Taken {
  at: number;
  warehouseId: string;
  sku: string;
  quantity: number;
}

/** A sliding window of reservations, giving units per day per warehouse and SKU. */
export class DemandWindow {
  private taken: Taken[] = [];
  private head = 0;

  constructor(private readonly days: number) {}

  /** Records units reserved at a warehouse at a time (ISO 8601 or epoch ms). */
  record(at: string | number, warehouseId: string, sku: string, quantity: number): void {
    this.taken.push({ at: typeof at === 'number' ? at : Date.parse(at), warehouseId, sku, quantity });
  }

  /** Units per day over the window ending at `now`; older records are dropped. */
  rates(now: string | number): DemandRates {
    const end = typeof now === 'number' ? now : Date.parse(now);
    const start = end - this.days * 86_400_000;
    while (this.head < this.taken.length && (this.taken[this.head] as Taken).at < start) this.head++;
    if (this.head > 1024 && this.head * 2 > this.taken.length) {
      this.taken = this.taken.slice(this.head);
      this.head = 0;
    }
    const out: DemandRates = {};
    for (let i = this.head; i < this.taken.length; i++) {
      const t = this.taken[i] as Taken;
      if (t.at > end) continue;
      const bySku = (out[t.warehouseId] ??= {});
      bySku[t.sku] = (bySku[t.sku] ?? 0) + t.quantity / this.days;
    }
    return out;
  }
}

/**
 * The reserves an order shipping to `country` must respect. A warehouse keeps its reserve for
 * orders from its own customs territory, so such an order sees none there: only orders from
 * elsewhere pay for taking a warehouse's last units.
 */
export function reservesFacing(
  rates: DemandRates | undefined,
  country: string,
  warehouses: readonly Pick<Warehouse, 'id' | 'country'>[],
  duties: DutyTable = DEFAULT_DUTY_TABLE,
): DemandRates | undefined {
  if (rates === undefined) return undefined;
  const home = customsTerritoryOf(country, duties);
  let facing: DemandRates | undefined;
  for (const w of warehouses) {
    if (rates[w.id] === undefined || customsTerritoryOf(w.country, duties) !== home) continue;
    facing ??= { ...rates };
    delete facing[w.id];
  }
  return facing ?? rates;
}
