// Outbound webhooks: subscriptions with their signing secrets and event-log cursor, one delivery row
// per event and subscription (the unique key makes fan-out exactly-once), every attempt, and which
// SKU/warehouse pairs a subscription was already told are low on stock.
// The secret is stored as issued, not hashed: the dispatcher needs it to sign every request.
// Times are ISO 8601 UTC strings, which compare correctly as text.
export default [
  `CREATE TABLE webhook_subscriptions (
     id TEXT PRIMARY KEY,
     url TEXT NOT NULL,
     events TEXT NOT NULL,
     description TEXT,
     active INTEGER NOT NULL,
     low_stock_threshold INTEGER,
     secret TEXT NOT NULL,
     previous_secret TEXT,
     previous_secret_expires_at TEXT,
     cursor INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL)`,
  `CREATE TABLE webhook_deliveries (
     n INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions(id),
     event_id TEXT NOT NULL,
     event_seq INTEGER,
     event_type TEXT NOT NULL,
     payload TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
     out_of_order INTEGER NOT NULL DEFAULT 0,
     attempts INTEGER NOT NULL DEFAULT 0,
     round_attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT NOT NULL,
     locked_until TEXT,
     locked_by TEXT,
     last_status_code INTEGER,
     last_error TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     UNIQUE (subscription_id, event_id))`,
  `CREATE INDEX webhook_deliveries_queue ON webhook_deliveries(subscription_id, status, n)`,
  `CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at)`,
  `CREATE INDEX webhook_deliveries_event ON webhook_deliveries(event_id)`,
  `CREATE TABLE webhook_attempts (
     n INTEGER PRIMARY KEY AUTOINCREMENT,
     delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id),
     attempt INTEGER NOT NULL,
     at TEXT NOT NULL,
     duration_ms INTEGER NOT NULL,
     status_code INTEGER,
     error TEXT,
     response_snippet TEXT)`,
  `CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id, n)`,
  `CREATE TABLE webhook_low_stock (
     subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions(id),
     sku TEXT NOT NULL,
     warehouse_id TEXT NOT NULL,
     since_seq INTEGER NOT NULL,
     PRIMARY KEY (subscription_id, sku, warehouse_id))`,
];
