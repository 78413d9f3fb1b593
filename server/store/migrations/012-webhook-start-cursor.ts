// Where each subscription's deliveries began: the outbox check verifies every wanted event after
// it. It was a time (the last edit's), taken before the edit's transaction, so an event committed in
// between looked lost; the cursor is taken inside the transaction. Existing subscriptions start
// after the last event at or before their last edit, as the time did.
export default [
  `ALTER TABLE webhook_subscriptions ADD COLUMN start_cursor INTEGER NOT NULL DEFAULT 0`,
  `UPDATE webhook_subscriptions SET start_cursor =
     (SELECT COALESCE(MAX(seq), 0) FROM events WHERE events.at <= webhook_subscriptions.updated_at)`,
];
