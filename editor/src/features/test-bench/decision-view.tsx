// A dry-run decision: status, the final plan (fulfillments with packages and costs), holds and
// tags, then the full trace.
import type { DryRunResult } from '../../api/types.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { money } from '../../components/format.ts';
import { TraceView } from '../../components/trace/trace-view.tsx';
import { FulfillmentCard, HoldsAndTags } from '../orders/fulfillment-card.tsx';

export function DecisionView({ title, result }: { title: string; result: DryRunResult }) {
  const total = result.fulfillments.reduce((n, f) => n + f.cost.total, 0);
  const version = result.decision?.policyVersion;
  return (
    <section class="decision" aria-label={`${title} decision`}>
      <header class="decision-head">
        <h2>
          {title} <StatusBadge status={result.status} />
        </h2>
        <p class="muted">
          {version === null || version === undefined ? 'Draft policy' : `Policy version ${version}`} · {result.fulfillments.length} shipment
          {result.fulfillments.length === 1 ? '' : 's'} · total {money(total)}
        </p>
      </header>
      <HoldsAndTags holds={result.holds} tags={result.tags} />
      <h3>Plan</h3>
      {result.fulfillments.length === 0 ? <p class="muted">Nothing would ship.</p> : null}
      {result.fulfillments.map((f, i) => (
        <FulfillmentCard key={i} f={f} />
      ))}
      <h3>Trace</h3>
      <TraceView trace={result.decision?.trace} />
    </section>
  );
}
