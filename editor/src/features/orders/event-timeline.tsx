// The order's events, oldest first, each with a one-line summary and its data on demand.
import type { OrderEvent } from '../../api/types.ts';
import { dateTime } from '../../components/format.ts';

function summary(e: OrderEvent): string {
  const d = e.data;
  if (Array.isArray(d.moves))
    return (d.moves as { sku?: string; warehouseId?: string; quantity?: number }[])
      .map((m) => `${m.quantity ?? '?'} × ${m.sku} at ${m.warehouseId}`)
      .join(', ');
  if (Array.isArray(d.fulfillments) && d.fulfillments.length > 0) {
    return (d.fulfillments as { warehouseId?: string }[]).map((f) => `from ${f.warehouseId}`).join(', ');
  }
  if (typeof d.trackingNumber === 'string') return `tracking ${d.trackingNumber}`;
  if (typeof d.reason === 'string') return d.reason;
  return '';
}

export function EventTimeline({ events }: { events: OrderEvent[] }) {
  if (events.length === 0) return <p class="muted">No events.</p>;
  return (
    <ol class="timeline">
      {events.map((e, i) => (
        <li key={i}>
          <time dateTime={e.at}>{dateTime(e.at)}</time>
          <details>
            <summary>
              <code>{e.type}</code> <span class="muted">{summary(e)}</span>
            </summary>
            <pre class="json small">{JSON.stringify(e.data, null, 2)}</pre>
          </details>
        </li>
      ))}
    </ol>
  );
}
