// Channel integrations: each channel's platform and webhook secret, its SKU map, its stock buffers,
// and the platform's side of every order that came in through an adapter.
export default [
  `CREATE TABLE channel_integrations (
     channel_id TEXT PRIMARY KEY REFERENCES channels(id),
     platform TEXT NOT NULL,
     secret TEXT,
     currency_rates TEXT NOT NULL,
     updated_at TEXT NOT NULL)`,
  `CREATE TABLE channel_sku_map (
     channel_id TEXT NOT NULL REFERENCES channels(id),
     platform_sku TEXT NOT NULL,
     sku TEXT NOT NULL,
     PRIMARY KEY (channel_id, platform_sku))`,
  `CREATE TABLE channel_stock_settings (
     channel_id TEXT PRIMARY KEY REFERENCES channels(id),
     buffer_percent REAL NOT NULL,
     safety_units INTEGER NOT NULL,
     warehouses TEXT,
     overrides TEXT NOT NULL,
     updated_at TEXT NOT NULL)`,
  `CREATE TABLE platform_orders (
     channel_id TEXT NOT NULL REFERENCES channels(id),
     external_id TEXT NOT NULL,
     order_id TEXT NOT NULL REFERENCES orders(id),
     platform TEXT NOT NULL,
     source TEXT NOT NULL,
     received_at TEXT NOT NULL,
     PRIMARY KEY (channel_id, external_id))`,
];
