// Orders: the live list on the left, the selected order's detail on the right (/orders/:id).
import { useEffect } from 'preact/hooks';
import { subscribe } from '../../api/live.ts';
import { segments } from '../../router.ts';
import { OrderDetail } from './order-detail.tsx';
import { OrderList } from './order-list.tsx';
import { loadFirstPage, orderChanged, statusFilter } from './orders-store.ts';

export function OrdersPage() {
  const selected = segments.value[1];
  const filter = statusFilter.value;

  useEffect(() => {
    const unsubscribe = subscribe(['order.', 'fulfillment.'], (e) => {
      if (e.orderId) orderChanged(e.orderId);
    });
    void loadFirstPage();
    return unsubscribe;
  }, [filter]);

  return (
    <div class="page split-page">
      <section class="pane list-pane" aria-labelledby="orders-title">
        <h1 id="orders-title" tabIndex={-1}>
          Orders
        </h1>
        <OrderList selected={selected} />
      </section>
      <section class="pane detail-pane" aria-label="Order detail">
        {selected ? (
          <OrderDetail id={selected} />
        ) : (
          <p class="muted empty">Select an order to see its fulfillments, routing trace and events.</p>
        )}
      </section>
    </div>
  );
}
