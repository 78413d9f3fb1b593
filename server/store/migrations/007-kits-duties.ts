// Kits and landed cost on fulfillments: a product may be a kit of components; a fulfillment keeps
// the component units it reserved (NULL when they are its lines), its import duties and lateness.
export default [
  'ALTER TABLE products ADD COLUMN kit TEXT',
  'ALTER TABLE fulfillments ADD COLUMN reservations TEXT',
  'ALTER TABLE fulfillments ADD COLUMN duties TEXT',
  'ALTER TABLE fulfillments ADD COLUMN late_days INTEGER NOT NULL DEFAULT 0',
];
