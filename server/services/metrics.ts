// Prometheus metrics: orders taken, request latencies, macro calls (failures, and where they ran), webhook backlog.
// One registry per app (tests build many), scraped at GET /metrics.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { MacroRunnerStats } from '../../sandbox/runner.ts';
import type { Db } from '../store/client.ts';

export class Metrics {
  readonly registry = new Registry();
  readonly orders = new Counter({
    name: 'conveyor_orders_total',
    help: 'Orders accepted, by channel and the status they were stored with',
    labelNames: ['channel', 'status'] as const,
    registers: [this.registry],
  });
  readonly requests = new Histogram({
    name: 'conveyor_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly macroCalls = new Histogram({
    name: 'conveyor_macro_call_duration_seconds',
    help: 'Macro hook calls by macro, hook and outcome (ok, or the failure kind)',
    labelNames: ['macro', 'hook', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [this.registry],
  });

  constructor(db: Db, macroLanes: () => Readonly<MacroRunnerStats>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'conveyor_' });
    new Gauge({
      name: 'conveyor_macro_calls_by_lane',
      help: 'Macro calls since start by where they ran: fast (on the event loop, within the fast lane budget), pooled (on an isolate thread), fell_back (pooled after going past the budget)',
      labelNames: ['lane'] as const,
      registers: [this.registry],
      collect() {
        const stats = macroLanes();
        this.set({ lane: 'fast' }, stats.fastLane);
        this.set({ lane: 'pooled' }, stats.pooled);
        this.set({ lane: 'fell_back' }, stats.fellBack);
      },
    });
    new Gauge({
      name: 'conveyor_webhook_backlog',
      help: 'Webhook deliveries waiting to be sent',
      registers: [this.registry],
      async collect() {
        const rs = await db.read((sql) => sql.execute("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'pending'"));
        this.set(Number(rs.rows[0]?.n ?? 0));
      },
    });
  }
}
