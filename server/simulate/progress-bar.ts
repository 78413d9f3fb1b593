// A one-line progress bar on stderr: `[#####-----] 52% 5,200/10,000 orders 1,840/s`. Redrawn in
// place on a terminal; elsewhere (CI logs, tests) a line every tenth of the way.

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

export class ProgressBar {
  private readonly started = performance.now();
  private lastTenth = -1;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly width = 20,
  ) {}

  /** The bar for a count; pure apart from the clock, so it can be tested. */
  render(done: number, total: number | null, elapsedMs: number): string {
    const perSec = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
    if (!total) return `${fmt(done)} orders ${fmt(perSec)}/s`;
    const share = Math.min(1, done / total);
    const filled = Math.round(share * this.width);
    return `[${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${Math.floor(share * 100)}% ${fmt(done)}/${fmt(total)} orders ${fmt(perSec)}/s`;
  }

  update(done: number, total: number | null): void {
    const line = this.render(done, total, performance.now() - this.started);
    if (this.out.isTTY) {
      this.out.write(`\r${line}\u001b[K`);
      return;
    }
    const tenth = total ? Math.floor((done / total) * 10) : Math.floor(done / 10_000);
    if (tenth > this.lastTenth) {
      this.lastTenth = tenth;
      this.out.write(`${line}\n`);
    }
  }

  /** The final state (printed once more unless the last line already showed it). */
  done(done: number, total: number | null): void {
    if (!this.out.isTTY && total && this.lastTenth >= 10 && done >= total) return;
    this.lastTenth = -1;
    this.update(done, total);
    if (this.out.isTTY) this.out.write('\n');
  }
}
