// One order: lines, holds and tags, fulfillments with packages and costs, the decision trace
// and the event timeline. Refetched when a live event touches it.
import { getOrder } from '../../api/client.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { dateTime, money } from '../../components/format.ts';
import { ErrorNotice, Loading } from '../../components/notices.tsx';
import { useLoaded } from '../../components/use-loaded.ts';
import { TraceView } from '../../components/trace/trace-view.tsx';
import { EventTimeline } from './event-timeline.tsx';
import { FulfillmentCard, HoldsAndTags } from './fulfillment-card.tsx';
import { changed } from './orders-store.ts';

export function OrderDetail({ id }: { id: string }) {
  const bump = changed.value.id === id ? changed.value.n : 0;

  const { value: order, error } = useLoaded(() => getOrder(id), [id, bump]);

  if (error.value) return <ErrorNotice error={error.value} title={`Could not load order ${id}`} />;
  const o = order.value;
  if (!o || o.id !== id) return <Loading what="the order" />;
  const value = o.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
  return (
    <article class="order-detail" aria-labelledby="order-title">
      <header class="detail-head">
        <h2 id="order-title">
          {o.externalId} <StatusBadge status={o.status} />
        </h2>
        <dl class="inline-dl">
          <dt>Id</dt>
          <dd>
            <code>{o.id}</code>
          </dd>
          <dt>Channel</dt>
          <dd>{o.channelId}</dd>
          <dt>Placed</dt>
          <dd>{dateTime(o.placedAt)}</dd>
          <dt>Service</dt>
          <dd>{o.serviceLevel}</dd>
          <dt>Ship to</dt>
          <dd>
            {o.shipTo.name}, {o.shipTo.city} {o.shipTo.postalCode}, {o.shipTo.country}
          </dd>
        </dl>
      </header>

      <section aria-labelledby="lines-title">
        <h3 id="lines-title">Lines</h3>
        <table class="grid-table">
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col" class="num">
                Qty
              </th>
              <th scope="col" class="num">
                Unit price
              </th>
              <th scope="col" class="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {o.lines.map((l) => (
              <tr key={l.sku}>
                <td>
                  <code>{l.sku}</code>
                </td>
                <td class="num">{l.quantity}</td>
                <td class="num">{money(l.unitPrice)}</td>
                <td class="num">{money(l.quantity * l.unitPrice)}</td>
              </tr>
            ))}
            <tr class="total">
              <th scope="row" colSpan={3}>
                Order value
              </th>
              <td class="num">{money(value)}</td>
            </tr>
          </tbody>
        </table>
        <HoldsAndTags holds={o.holds} tags={o.tags} />
      </section>

      <section aria-labelledby="fulfillments-title">
        <h3 id="fulfillments-title">Fulfillments ({o.fulfillments.length})</h3>
        {o.fulfillments.length === 0 ? <p class="muted">Nothing is allocated.</p> : null}
        {o.fulfillments.map((f) => (
          <FulfillmentCard key={f.id} f={f} />
        ))}
      </section>

      <section aria-labelledby="decision-title">
        <h3 id="decision-title">Decision</h3>
        <p class="muted">
          Policy {o.decision.policyVersion === null ? 'none published' : `version ${o.decision.policyVersion}`}
          {Object.keys(o.decision.macros).length > 0
            ? `; macros ${Object.entries(o.decision.macros)
                .map(([n, v]) => `${n} v${v}`)
                .join(', ')}`
            : ''}
        </p>
        <TraceView trace={o.decision.trace} />
      </section>

      <section aria-labelledby="events-title">
        <h3 id="events-title">Events ({o.events.length})</h3>
        <EventTimeline events={o.events} />
      </section>
    </article>
  );
}
