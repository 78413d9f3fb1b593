// Channel stock pushed on change: the ATS and platform SKUs each subscription was last sent per
// channel and SKU (a push goes out only when they differ), and an optional channel filter.
export default [
  'ALTER TABLE webhook_subscriptions ADD COLUMN channels TEXT',
  `CREATE TABLE webhook_channel_stock (
     subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions(id),
     channel_id TEXT NOT NULL,
     sku TEXT NOT NULL,
     ats INTEGER NOT NULL,
     platform_skus TEXT NOT NULL,
     seq INTEGER NOT NULL,
     PRIMARY KEY (subscription_id, channel_id, sku))`,
];
