// Dispatcher settings with production defaults, and the retry schedule (backoff with jitter).

export interface WebhookOptions {
  /** How often each process looks for new events and due deliveries. */
  pollMs: number;
  /** Per request, including reading the start of the response. */
  timeoutMs: number;
  /** Wait after the 1st, 2nd, … failed attempt; the last entry repeats. */
  retryDelaysMs: number[];
  /** Attempts per delivery (per manual redelivery) before it is marked failed. */
  maxAttempts: number;
  /** Each delay is scaled by a random factor in [1 - jitter, 1 + jitter]. */
  jitter: number;
  /** Deliveries in flight at once in this process. */
  concurrency: number;
  /** Events read from the log per fan-out pass. */
  batchSize: number;
  /** `inventory.low` fires when available units fall below this, unless a subscription sets its own. */
  lowStockThreshold: number;
  /**
   * Whether targets may be loopback, private or link-local addresses. True by default because
   * Conveyor runs offline next to its receivers; a hosted deployment should turn it off.
   */
  allowPrivateTargets: boolean;
  /** Random source for jitter (tests fix it). */
  random: () => number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h: ten attempts over about 16 hours. */
export const DEFAULT_RETRY_DELAYS_MS = [10 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR];

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  pollMs: 1000,
  timeoutMs: 10 * SECOND,
  retryDelaysMs: DEFAULT_RETRY_DELAYS_MS,
  maxAttempts: DEFAULT_RETRY_DELAYS_MS.length + 1,
  jitter: 0.2,
  concurrency: 8,
  batchSize: 200,
  lowStockThreshold: 5,
  allowPrivateTargets: true,
  random: Math.random,
};

/** The wait before the next attempt after `failures` failed ones (1-based), jittered. */
export function retryDelayMs(failures: number, opts: Pick<WebhookOptions, 'retryDelaysMs' | 'jitter' | 'random'>): number {
  const delays = opts.retryDelaysMs;
  const base = delays[Math.min(Math.max(failures, 1), delays.length) - 1] ?? 0;
  const factor = 1 - opts.jitter + 2 * opts.jitter * opts.random();
  return Math.max(0, Math.round(base * factor));
}
