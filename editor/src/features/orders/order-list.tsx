// The orders table: status filter, newest first, live arrivals highlighted, older pages on demand.
import { ORDER_STATUSES } from '../../../../server/domain/types.ts';
import type { Order } from '../../api/types.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { dateTime, money } from '../../components/format.ts';
import { Link } from '../../components/link.tsx';
import { ErrorNotice } from '../../components/notices.tsx';
import { fresh, listError, loadOlder, loading, nextCursor, orders, statusFilter } from './orders-store.ts';

export function OrderList({ selected }: { selected: string | undefined }) {
  const list = orders.value;
  return (
    <>
      <div class="toolbar">
        <label for="status-filter">Status</label>
        <select id="status-filter" value={statusFilter.value} onChange={(e) => (statusFilter.value = e.currentTarget.value)}>
          <option value="">all</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
        <span class="muted count" aria-live="polite">
          {list.length} shown
        </span>
      </div>
      <ErrorNotice error={listError.value} title="Could not load orders" />
      <table class="grid-table orders-table">
        <caption class="sr-only">Orders, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Status</th>
            <th scope="col">Ships from</th>
            <th scope="col" class="num">
              Cost
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((o) => (
            <OrderRow key={o.id} order={o} selected={o.id === selected} isFresh={fresh.value.has(o.id)} />
          ))}
        </tbody>
      </table>
      {list.length === 0 && !loading.value ? (
        <p class="muted empty">
          {statusFilter.value
            ? `No ${statusFilter.value.replace(/_/g, ' ')} orders.`
            : 'No orders yet. New orders appear here as channels post them.'}
        </p>
      ) : null}
      {nextCursor.value ? (
        <button type="button" class="secondary wide" onClick={() => void loadOlder()} disabled={loading.value}>
          {loading.value ? 'Loading…' : 'Load older orders'}
        </button>
      ) : null}
    </>
  );
}

function OrderRow({ order: o, selected, isFresh }: { order: Order; selected: boolean; isFresh: boolean }) {
  const warehouses = [...new Set(o.fulfillments.map((f) => f.warehouseId))];
  const cost = o.fulfillments.reduce((sum, f) => sum + f.cost.total, 0);
  return (
    <tr class={`${selected ? 'selected' : ''} ${isFresh ? 'fresh' : ''}`} data-order-id={o.id}>
      <td>
        <Link to={`/orders/${encodeURIComponent(o.id)}`} current={selected} class="row-link">
          {o.externalId}
        </Link>
        <div class="sub">
          {o.channelId} · {dateTime(o.createdAt)}
        </div>
      </td>
      <td>
        <StatusBadge status={o.status} />
      </td>
      <td>{warehouses.join(', ') || '–'}</td>
      <td class="num">{o.fulfillments.length > 0 ? money(cost) : '–'}</td>
    </tr>
  );
}
