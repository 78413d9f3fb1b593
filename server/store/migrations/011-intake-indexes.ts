// Intake writes every new order and fulfillment into each index of its table. Two indexes serve
// only rows most new ones are not: backordered orders (the brokering queue and the backorder
// analytics) and shipped fulfillments (the fulfillment analytics). As partial indexes, taking an
// order that is neither backordered nor shipped no longer writes to them; their queries' WHERE
// clauses imply the index's, so the plans still use them.
export default [
  `DROP INDEX IF EXISTS orders_backordered`,
  `CREATE INDEX orders_backordered ON orders(created_at, id) WHERE backordered_units > 0`,
  `DROP INDEX IF EXISTS analytics_fulfillments_shipped`,
  `CREATE INDEX analytics_fulfillments_shipped ON fulfillments(shipped_at) WHERE shipped_at IS NOT NULL`,
];
