// Load and stock-outs over time, bucketed by day (UTC), per warehouse; columnar for charts.

interface DayBucket {
  orders: number;
  backorderedUnits: number;
  units: Map<string, number>;
  stockOuts: Map<string, number>;
}

export interface Timeline {
  days: string[];
  orders: number[];
  backorderedUnits: number[];
  /** Per warehouse: units reserved (shipped) and SKUs that ran out, one entry per day. */
  warehouses: Record<string, { units: number[]; stockOuts: number[] }>;
}

export class TimelineRecorder {
  private readonly buckets = new Map<string, DayBucket>();
  private readonly warehouses = new Set<string>();

  private bucket(at: string): DayBucket {
    const day = at.slice(0, 10);
    let b = this.buckets.get(day);
    if (!b) {
      b = { orders: 0, backorderedUnits: 0, units: new Map(), stockOuts: new Map() };
      this.buckets.set(day, b);
    }
    return b;
  }

  order(at: string, backorderedUnits: number): void {
    const b = this.bucket(at);
    b.orders++;
    b.backorderedUnits += backorderedUnits;
  }

  shipped(at: string, warehouseId: string, units: number, stockOuts: number): void {
    const b = this.bucket(at);
    this.warehouses.add(warehouseId);
    b.units.set(warehouseId, (b.units.get(warehouseId) ?? 0) + units);
    if (stockOuts > 0) b.stockOuts.set(warehouseId, (b.stockOuts.get(warehouseId) ?? 0) + stockOuts);
  }

  /** Every day from the first to the last with activity, gaps filled with zeros. */
  finish(): Timeline {
    const known = [...this.buckets.keys()].sort();
    const days: string[] = [];
    if (known.length > 0) {
      const last = Date.parse(`${known.at(-1)}T00:00:00Z`);
      for (let t = Date.parse(`${known[0]}T00:00:00Z`); t <= last; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
    }
    const at = (day: string) => this.buckets.get(day);
    const warehouses: Timeline['warehouses'] = {};
    for (const id of [...this.warehouses].sort()) {
      warehouses[id] = { units: days.map((d) => at(d)?.units.get(id) ?? 0), stockOuts: days.map((d) => at(d)?.stockOuts.get(id) ?? 0) };
    }
    return {
      days,
      orders: days.map((d) => at(d)?.orders ?? 0),
      backorderedUnits: days.map((d) => at(d)?.backorderedUnits ?? 0),
      warehouses,
    };
  }
}
