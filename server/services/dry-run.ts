// A dry-run decides an order exactly as intake would (same policy code, macros and routing on
// current stock), under the draft, the published or any version, and stores or reserves nothing.
import { deriveOrderStatus } from '../domain/lifecycle.ts';
import { stockSkusFor } from '../domain/kits.ts';
import { customerKey, fulfillmentsFromPlan } from '../domain/order.ts';
import type { OrderInput } from '../domain/types.ts';
import { invalid } from '../domain/errors.ts';
import { countCustomerOrders } from '../store/order-repo.ts';
import { readAvailability } from '../store/stock-repo.ts';
import type { Services } from './container.ts';
import { planOrder } from './plan-order.ts';
import { PolicyDecider } from './policy-decider.ts';
import type { PolicySelector } from './policies.ts';

const previewIds = { next: (prefix: string) => `${prefix}_preview` };

export async function dryRun(s: Services, order: OrderInput & { channelId: string }, selector: PolicySelector) {
  const { products, warehouses } = await s.catalogue.snapshot();
  const unknown = order.lines.flatMap((l, i) =>
    products.has(l.sku) ? [] : [{ path: `order.lines.${i}.sku`, message: `unknown SKU ${l.sku}` }],
  );
  if (unknown.length > 0) throw invalid('the order names products that do not exist', unknown);
  const policy = await s.policies.select(selector);
  const decider = new PolicyDecider(async () => policy, s.macros);
  // A kit's stock is its components'.
  const skus = stockSkusFor([...new Set(order.lines.map((l) => l.sku))], products);
  const customer = customerKey(order.channelId, order.customer);
  const [stock, customerOrderCount] = await s.db.read(
    async (sql) => [await readAvailability(sql, skus), customer ? await countCustomerOrders(sql, customer) : 0] as const,
  );
  const routing = await s.routingSettings.routingOptions();
  const demand = await s.demandRates.current();
  const ctx = { order: { ...order, id: 'ord_preview' }, products, warehouses, customerOrderCount, stock, routing, demand };
  const plan = await planOrder(ctx, (c) => decider.decide(c));
  const fulfillments = fulfillmentsFromPlan(plan.shipments, previewIds);
  return {
    policy: selector,
    status: deriveOrderStatus(fulfillments, plan.holds),
    fulfillments,
    holds: plan.holds,
    tags: plan.outcome.tags,
    decision: {
      policyVersion: plan.outcome.policyVersion,
      macros: plan.outcome.macros,
      trace: { ...plan.outcome.trace, routing: plan.routing?.trace },
    },
  };
}
