// How a replay's variant is built, from what can cross to a worker thread: its spec, the policy
// version it replays (document and macro versions, compiled again where it runs), and the inputs
// every variant shares (opening stock, promises, routing settings).
import type { RoutingOptionsInput } from '../domain/routing.ts';
import { compilePolicy, type PolicyDocument } from '../policies/index.ts';
import type { MacroLibrary, MacroVersion } from '../services/macros.ts';
import type { ActivePolicy } from '../services/policies.ts';
import { PolicyDecider } from '../services/policy-decider.ts';
import { variantNetwork, type SimNetwork } from './network.ts';
import type { TraceMode } from './parallel-batch.ts';
import { RuleOutcomes } from './rule-outcomes.ts';
import { StockState } from './stock-state.ts';
import type { PromisedDays, StockLine, VariantSpec } from './types.ts';
import { VariantRun } from './variant-run.ts';

/** A variant as a worker receives it. */
export interface VariantPlan {
  /** Its place among the replay's variants: 0 is the baseline. */
  index: number;
  spec: VariantSpec;
  policy: { version: number | null; document: PolicyDocument; macros: MacroVersion[] } | null;
}

/** What every variant of a replay starts from. */
export interface ReplaySetup {
  stock: StockLine[];
  promised: PromisedDays;
  routing?: RoutingOptionsInput | undefined;
  traces: TraceMode;
}

/** The plan of a variant whose policy the replay has selected. */
export function planOf(index: number, spec: VariantSpec, policy: ActivePolicy | null): VariantPlan {
  return { index, spec, policy: policy && { version: policy.version, document: policy.document, macros: [...policy.macros.values()] } };
}

/** The policy of a plan, compiled here. */
export function activate(plan: VariantPlan): ActivePolicy | null {
  const p = plan.policy;
  return (
    p && {
      version: p.version,
      document: p.document,
      compiled: compilePolicy(p.document),
      macros: new Map(p.macros.map((m) => [m.name, m])),
    }
  );
}

/** A variant's run: the policy's decider over these macros, its own stock, the network as the variant changes it. */
export function variantRunOf(
  v: { spec: VariantSpec; policy: ActivePolicy | null },
  setup: ReplaySetup,
  network: SimNetwork,
  macros: MacroLibrary,
): VariantRun {
  const { spec } = v;
  // Unless every trace is kept, rules are traced by outcome alone: condition trees would mostly go
  // unread, and a trace asked for later gets them from its facts (VariantRun.traceOf).
  const policy =
    setup.traces !== 'all' && v.policy ? { ...v.policy, compiled: compilePolicy(v.policy.document, { conditionTraces: false }) } : v.policy;
  return new VariantRun({
    spec,
    policy: { selector: spec.policy, version: policy?.version ?? null, rules: policy?.document.rules.length ?? 0 },
    rules: new RuleOutcomes(policy?.document ?? null),
    decider: new PolicyDecider(async () => policy, macros),
    network: variantNetwork(network, spec),
    stock: new StockState(setup.stock, spec.stockMultiplier),
    promised: setup.promised,
    routing: setup.routing,
    keepsTraces: setup.traces !== 'none',
    conditions: setup.traces === 'changed' ? v.policy?.compiled : undefined,
    stockFreeDecisions: !policy || ![...policy.macros.values()].some((m) => m.hooks.includes('score')),
  });
}
