// One live order under live and the candidate, side by side: what differs, each side's shipments
// and both traces (the simulation's order view, over the shadow's route).
import { useEffect, useRef } from 'preact/hooks';
import { getShadowedOrder } from '../../api/client.ts';
import type { Shadow } from '../../api/types.ts';
import { dateTime } from '../../components/format.ts';
import { Link } from '../../components/link.tsx';
import { ErrorNotice, Loading } from '../../components/notices.tsx';
import { useLoaded } from '../../components/use-loaded.ts';
import { Differences, VariantColumn } from '../simulations/order-compare.tsx';

interface Props {
  shadow: Shadow;
  channelId: string;
  externalId: string;
}

export function ShadowOrder({ shadow, channelId, externalId }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);

  const { value: order, error } = useLoaded(() => getShadowedOrder(shadow.id, externalId, channelId), [shadow.id, channelId, externalId]);
  useEffect(() => heading.current?.focus(), [order.value !== null]);

  const o = order.value;
  const [live, candidate] = o?.variants ?? [];
  return (
    <section class="order-compare" aria-labelledby="compare-title">
      <p class="crumbs">
        <Link to={`/shadows/${shadow.id}`}>← Back to the shadow</Link>
      </p>
      <h2 id="compare-title" ref={heading} tabIndex={-1}>
        Order {externalId} <span class="sub">{channelId}</span>
      </h2>
      <ErrorNotice error={error.value} title={`Could not load order ${externalId}`} />
      {!o && !error.value ? <Loading what="the order's decisions" /> : null}
      {o ? (
        <p class="muted">
          Placed {dateTime(o.placedAt)} · <Link to={`/orders/${o.orderId}`}>the live order</Link>
          {o.skipped ? ` · not decided: ${o.skipped}` : ''}
          {o.note ? ` · ${o.note}` : ''}
        </p>
      ) : null}
      {live?.decision && candidate?.decision ? (
        <Differences baseline={live.decision} candidate={candidate.decision} name={candidate.name} baselineName="Live" />
      ) : null}
      {live && candidate ? (
        <div class="columns">
          <VariantColumn name={live.name} decision={live.decision} trace={live.trace} />
          <VariantColumn name={candidate.name} decision={candidate.decision} trace={candidate.trace} />
        </div>
      ) : null}
    </section>
  );
}
