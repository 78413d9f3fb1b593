// A background loop of ticks, as the webhook dispatcher and the shadow worker run: a tick now, then
// one `pollMs()` after the last finished; a nudge during a tick runs another right after it. Ticks
// never overlap, and a failed one is reported and the loop goes on.
export class TickLoop {
  private active = false;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly tick: () => Promise<void>,
    private readonly pollMs: () => number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Whether the loop runs: a tick checks it to stop early once the loop is halted. */
  get running(): boolean {
    return this.active;
  }

  /** The tick in progress, if any. */
  get ticking(): Promise<void> | undefined {
    return this.current;
  }

  /** Starts the loop (idempotent). */
  start(): void {
    if (this.active) return;
    this.active = true;
    this.nudge();
  }

  /** Schedules no more ticks; the one in progress carries on (see `ticking`). */
  halt(): void {
    this.active = false;
    clearTimeout(this.timer);
  }

  /** Runs a tick now (or right after the current one). */
  nudge(): void {
    if (!this.active) return;
    if (this.current) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.current = this.tick()
      .catch(this.onError)
      .finally(() => {
        this.current = undefined;
        if (this.again) {
          this.again = false;
          this.nudge();
        } else if (this.active) {
          this.timer = setTimeout(() => this.nudge(), this.pollMs());
          this.timer.unref();
        }
      });
  }
}
