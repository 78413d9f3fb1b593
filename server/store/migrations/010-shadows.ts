// Shadow mode: a candidate policy deciding live orders beside the live one without acting. Each
// shadow keeps its own cursor into the events table (advanced only by a guarded update, so two app
// processes never record an order twice) and a lease that lets one process work it at a time.
// Per order: both decision summaries, what changed, and the traces of changed orders.
export default [
  `CREATE TABLE shadows (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     status TEXT NOT NULL,
     candidate TEXT NOT NULL,
     policy TEXT NOT NULL,
     promised_days TEXT,
     start_seq INTEGER NOT NULL,
     cursor INTEGER NOT NULL,
     orders INTEGER NOT NULL DEFAULT 0,
     changed INTEGER NOT NULL DEFAULT 0,
     skipped INTEGER NOT NULL DEFAULT 0,
     lease_owner TEXT,
     lease_until TEXT,
     last_error TEXT,
     created_at TEXT NOT NULL,
     created_by TEXT NOT NULL,
     heartbeat_at TEXT,
     stopped_at TEXT,
     stopped_by TEXT)`,
  `CREATE INDEX shadows_status ON shadows(status)`,
  `CREATE TABLE shadow_orders (
     shadow_id TEXT NOT NULL REFERENCES shadows(id),
     seq INTEGER NOT NULL,
     order_id TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     external_id TEXT NOT NULL,
     placed_at TEXT NOT NULL,
     service_level TEXT NOT NULL,
     decisions TEXT,
     effects TEXT,
     changes TEXT,
     skipped TEXT,
     PRIMARY KEY (shadow_id, seq))`,
  `CREATE INDEX shadow_orders_external ON shadow_orders(shadow_id, external_id)`,
  `CREATE INDEX shadow_orders_changed ON shadow_orders(shadow_id, seq) WHERE changes IS NOT NULL`,
  `CREATE TABLE shadow_traces (
     shadow_id TEXT NOT NULL REFERENCES shadows(id),
     seq INTEGER NOT NULL,
     variant INTEGER NOT NULL,
     trace TEXT NOT NULL,
     PRIMARY KEY (shadow_id, seq, variant))`,
];
