// Whole-day counts for delivery and wait times: exact means and percentiles in bounded memory.

export interface DaysSummary {
  orders: number;
  mean: number;
  p95: number;
  /** Orders per whole number of days. */
  histogram: Record<string, number>;
}

export class DaysHistogram {
  private readonly counts = new Map<number, number>();
  private n = 0;
  private sum = 0;

  add(days: number): void {
    this.counts.set(days, (this.counts.get(days) ?? 0) + 1);
    this.n++;
    this.sum += days;
  }

  get count(): number {
    return this.n;
  }

  get mean(): number {
    return this.n === 0 ? 0 : this.sum / this.n;
  }

  /** Nearest-rank percentile (0 < q <= 1); 0 when empty. */
  percentile(q: number): number {
    if (this.n === 0) return 0;
    const rank = Math.ceil(q * this.n);
    let seen = 0;
    for (const [days, c] of [...this.counts].sort((a, b) => a[0] - b[0])) {
      seen += c;
      if (seen >= rank) return days;
    }
    return 0;
  }

  summary(): DaysSummary {
    const histogram = Object.fromEntries([...this.counts].sort((a, b) => a[0] - b[0]).map(([d, c]) => [String(d), c]));
    return { orders: this.n, mean: round(this.mean, 3), p95: this.percentile(0.95), histogram };
  }
}

/** Rounds for reports, so sums of floats print the same everywhere. */
export const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Code-point order: the same on every machine, unlike localeCompare. */
export const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A share as a rate with four decimals; 0 when there is nothing to share. */
export const rate = (part: number, whole: number): number => (whole === 0 ? 0 : round(part / whole, 4));
