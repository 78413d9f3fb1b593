// One replayed order under the baseline and a candidate, side by side: what differs, each
// decision's shipments, and both full traces (the trace view of the test bench and order detail).
import { useEffect, useRef } from 'preact/hooks';
import { getSimulatedOrder } from '../../api/client.ts';
import type { DecisionSummary, DecisionTrace, Simulation } from '../../api/types.ts';
import { dateTime } from '../../components/format.ts';
import { Link } from '../../components/link.tsx';
import { ErrorNotice, Loading } from '../../components/notices.tsx';
import { useLoaded } from '../../components/use-loaded.ts';
import { TraceView } from '../../components/trace/trace-view.tsx';
import { HoldsAndTags } from '../orders/fulfillment-card.tsx';
import { decisionDifferences } from './decision-diff.ts';
import { diffView } from './diff-table.tsx';
import { ShipmentTable } from './shipment-table.tsx';

interface CompareProps {
  sim: Simulation;
  channelId: string;
  externalId: string;
}

export function OrderCompare({ sim, channelId, externalId }: CompareProps) {
  const heading = useRef<HTMLHeadingElement>(null);

  const { value: order, error } = useLoaded(() => getSimulatedOrder(sim.id, externalId, channelId), [sim.id, channelId, externalId]);
  useEffect(() => heading.current?.focus(), [order.value !== null]);

  const o = order.value;
  const wanted = diffView.value?.simulationId === sim.id ? diffView.value.candidate : sim.request.candidates[0]?.name;
  const base = o?.variants[0];
  const cand = o?.variants.find((v) => v.name === wanted) ?? o?.variants[1];
  return (
    <section class="order-compare" aria-labelledby="compare-title">
      <p class="crumbs">
        <Link to={`/simulations/${sim.id}`}>← Back to the results</Link>
      </p>
      <h2 id="compare-title" ref={heading} tabIndex={-1}>
        Order {externalId} <span class="sub">{channelId}</span>
      </h2>
      <ErrorNotice error={error.value} title={`Could not load order ${externalId}`} />
      {!o && !error.value ? <Loading what="the order's decisions" /> : null}
      {o ? (
        <p class="muted">
          Placed {dateTime(o.placedAt)}
          {o.note ? ` · ${o.note}` : ''}
        </p>
      ) : null}
      {base?.decision && cand?.decision ? <Differences baseline={base.decision} candidate={cand.decision} name={cand.name} /> : null}
      {base && cand ? (
        <div class="columns">
          <VariantColumn name={base.name} decision={base.decision} trace={base.trace} />
          <VariantColumn name={cand.name} decision={cand.decision} trace={cand.trace} />
        </div>
      ) : null}
    </section>
  );
}

/** What differs between two decisions of one order; `baselineName` heads the first column (live, in shadows). */
export function Differences({
  baseline,
  candidate,
  name,
  baselineName = 'Baseline',
}: {
  baseline: DecisionSummary;
  candidate: DecisionSummary;
  name: string;
  baselineName?: string;
}) {
  const diffs = decisionDifferences(baseline, candidate);
  return (
    <section class="card differences" aria-labelledby="order-diff-title">
      <h3 id="order-diff-title">What differs</h3>
      {diffs.length === 0 ? (
        <p class="muted">Both decided this order alike.</p>
      ) : (
        <table class="grid-table compact">
          <thead>
            <tr>
              <th scope="col">Aspect</th>
              <th scope="col">{baselineName}</th>
              <th scope="col">{name}</th>
            </tr>
          </thead>
          <tbody>
            {diffs.map((d) => (
              <tr key={d.aspect}>
                <th scope="row">{d.aspect}</th>
                <td>{d.baseline}</td>
                <td>{d.candidate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One side's decision: its shipments, holds and tags, and its full trace. */
export function VariantColumn({ name, decision, trace }: { name: string; decision: DecisionSummary | null; trace: DecisionTrace | null }) {
  return (
    <section class="decision" aria-label={`${name} decision`} data-variant={name}>
      <header class="decision-head">
        <h3>{name}</h3>
      </header>
      {decision ? (
        <>
          <ShipmentTable decision={decision} />
          <HoldsAndTags holds={decision.holds} tags={decision.tags} />
        </>
      ) : (
        <p class="muted">This variant has no decision for the order.</p>
      )}
      <h4>Trace</h4>
      {trace ? <TraceView trace={trace} /> : <p class="muted">No trace was kept for this variant.</p>}
    </section>
  );
}
