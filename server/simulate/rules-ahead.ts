// A lone variant's policy rules, tested on the replay's own thread while its worker decides earlier
// orders: the worker gets each order's fired rules (a few numbers) and skips facts and conditions.
// Only for replays that keep no traces, whose traces would otherwise show facts and condition trees.
import { computeFacts } from '../policies/index.ts';
import type { ActivePolicy } from '../services/policies.ts';
import { variantNetwork, type SimNetwork } from './network.ts';
import type { SimOrder, VariantSpec } from './types.ts';

export class RulesAhead {
  private readonly network: SimNetwork;

  constructor(
    private readonly policy: ActivePolicy,
    spec: VariantSpec,
    network: SimNetwork,
  ) {
    // Facts see the warehouses the variant sees, as its worker's would.
    this.network = variantNetwork(network, spec);
  }

  /** The policy's fired rules for an order (see CompiledPolicy.firedRules). */
  fired(order: SimOrder, customerOrderCount: number): number[] {
    const { products } = this.network;
    const facts = computeFacts({ order, products, warehouses: this.network.warehousesFor(order), customerOrderCount });
    return this.policy.compiled.firedRules(facts);
  }
}
