// The orders list: newest first, paged with the `before` cursor, kept current from live events.
import { signal } from '@preact/signals';
import { getOrder, listOrders } from '../../api/client.ts';
import type { Order } from '../../api/types.ts';

const PAGE = 25;

export const orders = signal<Order[]>([]);
export const nextCursor = signal<string | null>(null);
export const statusFilter = signal('');
export const loading = signal(false);
export const listError = signal<unknown>(null);
/** Orders that arrived live in the last few seconds, highlighted in the list. */
export const fresh = signal<ReadonlySet<string>>(new Set());
/** Bumped whenever an order changed live, so an open detail refetches. */
export const changed = signal<{ id: string; n: number }>({ id: '', n: 0 });

let generation = 0;

/** Loads the first page for the current filter, replacing the list. */
export async function loadFirstPage(): Promise<void> {
  const mine = ++generation;
  loading.value = true;
  listError.value = null;
  try {
    const page = await listOrders({ limit: PAGE, status: statusFilter.value || undefined });
    if (mine !== generation) return;
    orders.value = page.orders;
    nextCursor.value = page.next;
  } catch (err) {
    if (mine === generation) listError.value = err;
  } finally {
    if (mine === generation) loading.value = false;
  }
}

/** Appends the next (older) page. */
export async function loadOlder(): Promise<void> {
  const before = nextCursor.value;
  if (!before) return;
  loading.value = true;
  try {
    const page = await listOrders({ limit: PAGE, status: statusFilter.value || undefined, before });
    const known = new Set(orders.value.map((o) => o.id));
    orders.value = [...orders.value, ...page.orders.filter((o) => !known.has(o.id))];
    nextCursor.value = page.next;
  } catch (err) {
    listError.value = err;
  } finally {
    loading.value = false;
  }
}

const pending = new Set<string>();
let timer: ReturnType<typeof setTimeout> | undefined;

/** An order changed (live event): refetch it shortly, batching bursts of events. */
export function orderChanged(id: string): void {
  pending.add(id);
  clearTimeout(timer);
  timer = setTimeout(flush, 120);
}

async function flush(): Promise<void> {
  const ids = [...pending];
  pending.clear();
  for (const id of ids) {
    try {
      upsert(await getOrder(id));
      changed.value = { id, n: changed.value.n + 1 };
    } catch {
      // Gone or unreadable: the list keeps what it had.
    }
  }
}

function newerFirst(a: Order, b: Order): number {
  return b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
}

function upsert(order: Order): void {
  const list = orders.value;
  const at = list.findIndex((o) => o.id === order.id);
  const matches = !statusFilter.value || order.status === statusFilter.value;
  if (at >= 0) {
    orders.value = matches ? list.map((o) => (o.id === order.id ? order : o)) : list.filter((o) => o.id !== order.id);
    return;
  }
  const oldest = list.at(-1);
  // Only orders inside the loaded window join; older ones arrive with "Load older".
  if (!matches || (oldest && nextCursor.value && newerFirst(order, oldest) > 0)) return;
  orders.value = [...list, order].sort(newerFirst);
  fresh.value = new Set([...fresh.value, order.id]);
  setTimeout(() => {
    const rest = new Set(fresh.value);
    rest.delete(order.id);
    fresh.value = rest;
  }, 5000);
}
