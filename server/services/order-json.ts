// An order serialised once for both the store and the reply. Its decision is most of its bytes and
// is serialised on its own (the stored column); the rest of the order is serialised once with the
// decision's place left open, then filled by the decision's JSON for the reply and by its policy
// version for the commit thread. Each text is what JSON.stringify of that order would write.
import type { Order } from '../domain/types.ts';

const DECISION_SLOT = '\u0000decision';
const DECISION_SLOT_JSON = JSON.stringify(DECISION_SLOT);

/** An order's JSON before and after its decision's value. */
export interface OrderAroundDecision {
  head: string;
  tail: string;
}

/**
 * The order's JSON around its decision; undefined when a string of the order (a customer's name,
 * say) holds the slot's text too, so that the slot is ambiguous: serialise the order whole then.
 */
export function orderAroundDecision(order: Omit<Order, 'decision'> & { decision: unknown }): OrderAroundDecision | undefined {
  const text = JSON.stringify({ ...order, decision: DECISION_SLOT });
  const at = text.indexOf(DECISION_SLOT_JSON);
  if (at < 0 || text.indexOf(DECISION_SLOT_JSON, at + 1) >= 0) return undefined;
  return { head: text.slice(0, at), tail: text.slice(at + DECISION_SLOT_JSON.length) };
}

/** The order's JSON with this decision JSON in its place. */
export const withDecisionJson = (around: OrderAroundDecision, decisionJson: string): string =>
  `${around.head}${decisionJson}${around.tail}`;
