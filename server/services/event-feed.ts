// Fans the event log out to live subscribers (SSE). It tails the events table, so subscribers see
// changes made by every app process sharing the database, in commit order.
import type { Db } from '../store/client.ts';
import { eventsAfter, lastEventSeq, type StoredEvent } from '../store/event-repo.ts';

export type EventListener = (event: StoredEvent) => void;

export class EventFeed {
  private listeners = new Set<EventListener>();
  private lastSeq = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly pollMs = 500,
  ) {}

  /** Starts from the current end of the log. */
  async start(): Promise<void> {
    this.lastSeq = await this.db.read((sql) => lastEventSeq(sql));
    this.timer = setInterval(() => this.nudge(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.listeners.clear();
  }

  /** Delivers every event committed from now on; with no subscribers the feed does not read at all. */
  async subscribe(listener: EventListener): Promise<() => void> {
    if (this.listeners.size === 0) this.lastSeq = await this.db.read((sql) => lastEventSeq(sql));
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** Reads what was committed since the last look; called after local commits and on a timer. */
  nudge(): void {
    if (this.listeners.size === 0) return;
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = this.poll().finally(() => {
      this.polling = undefined;
      if (this.again) {
        this.again = false;
        this.nudge();
      }
    });
  }

  private async poll(): Promise<void> {
    for (;;) {
      const batch = await this.db.read((sql) => eventsAfter(sql, this.lastSeq, 500));
      for (const event of batch) {
        this.lastSeq = event.seq;
        for (const listener of this.listeners) listener(event);
      }
      if (batch.length < 500) return;
    }
  }
}
