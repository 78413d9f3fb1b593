// Simulations: uploaded order histories, replay jobs with their KPIs, one decision summary per
// replayed order, the orders whose decision changed, and their traces. Nothing here is live data.
// IF NOT EXISTS so the CLI can also bring a scratch results database up to this schema.
export default [
  `CREATE TABLE IF NOT EXISTS simulation_histories (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     orders INTEGER NOT NULL DEFAULT 0,
     first_placed_at TEXT,
     last_placed_at TEXT,
     created_at TEXT NOT NULL,
     created_by TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS simulation_history_orders (
     history_id TEXT NOT NULL REFERENCES simulation_histories(id),
     seq INTEGER NOT NULL,
     placed_ms INTEGER NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (history_id, seq))`,
  `CREATE INDEX IF NOT EXISTS simulation_history_orders_time ON simulation_history_orders(history_id, placed_ms, seq)`,
  `CREATE TABLE IF NOT EXISTS simulations (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     status TEXT NOT NULL,
     request TEXT NOT NULL,
     processed INTEGER NOT NULL DEFAULT 0,
     total INTEGER,
     result TEXT,
     error TEXT,
     cancel_requested INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     created_by TEXT NOT NULL,
     started_at TEXT,
     finished_at TEXT,
     heartbeat_at TEXT)`,
  `CREATE INDEX IF NOT EXISTS simulations_created ON simulations(created_at)`,
  `CREATE TABLE IF NOT EXISTS simulation_orders (
     simulation_id TEXT NOT NULL REFERENCES simulations(id),
     seq INTEGER NOT NULL,
     channel_id TEXT NOT NULL,
     external_id TEXT NOT NULL,
     placed_at TEXT NOT NULL,
     decisions TEXT NOT NULL,
     PRIMARY KEY (simulation_id, seq))`,
  `CREATE INDEX IF NOT EXISTS simulation_orders_external ON simulation_orders(simulation_id, external_id)`,
  `CREATE TABLE IF NOT EXISTS simulation_diffs (
     simulation_id TEXT NOT NULL REFERENCES simulations(id),
     candidate INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     changes TEXT NOT NULL,
     PRIMARY KEY (simulation_id, candidate, seq))`,
  `CREATE TABLE IF NOT EXISTS simulation_traces (
     simulation_id TEXT NOT NULL REFERENCES simulations(id),
     seq INTEGER NOT NULL,
     variant INTEGER NOT NULL,
     trace TEXT NOT NULL,
     PRIMARY KEY (simulation_id, seq, variant))`,
];
