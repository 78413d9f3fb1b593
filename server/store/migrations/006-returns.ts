// Returns (RMAs) with their lines, the quarantine of damaged returned units per SKU and warehouse,
// and the indexes the analytics read-models need (date ranges over orders, shipments and events).
export default [
  `CREATE TABLE returns (
     id TEXT PRIMARY KEY,
     order_id TEXT NOT NULL REFERENCES orders(id),
     channel_id TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('requested', 'received')),
     reason TEXT NOT NULL,
     note TEXT,
     exchange INTEGER NOT NULL DEFAULT 0,
     exchange_order_id TEXT,
     warehouse_id TEXT REFERENCES warehouses(id),
     created_at TEXT NOT NULL,
     received_at TEXT,
     updated_at TEXT NOT NULL)`,
  `CREATE INDEX returns_order ON returns(order_id)`,
  `CREATE INDEX returns_status ON returns(status, created_at, id)`,
  `CREATE INDEX returns_created ON returns(created_at, id)`,
  `CREATE TABLE return_lines (
     return_id TEXT NOT NULL REFERENCES returns(id),
     sku TEXT NOT NULL,
     quantity INTEGER NOT NULL CHECK (quantity > 0),
     sellable INTEGER NOT NULL DEFAULT 0 CHECK (sellable >= 0),
     damaged INTEGER NOT NULL DEFAULT 0 CHECK (damaged >= 0),
     CHECK (sellable + damaged <= quantity),
     PRIMARY KEY (return_id, sku))`,
  // Damaged returns wait here for inspection; they are never available to orders.
  `CREATE TABLE quarantine (
     sku TEXT NOT NULL REFERENCES products(sku),
     warehouse_id TEXT NOT NULL REFERENCES warehouses(id),
     quantity INTEGER NOT NULL CHECK (quantity >= 0),
     updated_at TEXT NOT NULL,
     PRIMARY KEY (sku, warehouse_id))`,
  `CREATE INDEX IF NOT EXISTS analytics_orders_placed ON orders(placed_at)`,
  `CREATE INDEX IF NOT EXISTS analytics_fulfillments_shipped ON fulfillments(shipped_at)`,
  `CREATE INDEX IF NOT EXISTS analytics_events_type_at ON events(type, at)`,
];
