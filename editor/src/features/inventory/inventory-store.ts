// Stock per SKU and warehouse, refetched (debounced) when live events say it moved.
import { computed, signal } from '@preact/signals';
import { listInventory } from '../../api/client.ts';
import type { StockLevel } from '../../api/types.ts';
import { loadCatalogue, warehouses } from '../../catalogue.ts';

export { products, warehouses } from '../../catalogue.ts';
export const levels = signal<StockLevel[]>([]);
export const error = signal<unknown>(null);
export const loaded = signal(false);
/** `sku|warehouseId` keys whose numbers changed in the last refetch. */
export const moved = signal<ReadonlySet<string>>(new Set());
export const refreshedAt = signal<Date | null>(null);

export const cellKey = (sku: string, warehouseId: string): string => `${sku}|${warehouseId}`;

/** Levels by cell, and the SKU rows and warehouse columns of the grid. */
export const grid = computed(() => {
  const cells = new Map(levels.value.map((l) => [cellKey(l.sku, l.warehouseId), l]));
  const skus = [...new Set(levels.value.map((l) => l.sku))].sort();
  const ids = new Set([...warehouses.value.map((w) => w.id), ...levels.value.map((l) => l.warehouseId)]);
  return { cells, skus, warehouseIds: [...ids].sort() };
});

/** Loads everything the grid shows; the catalogue only once. */
export async function loadInventory(): Promise<void> {
  try {
    await Promise.all([loadCatalogue(), refetchLevels()]);
    loaded.value = true;
    error.value = null;
  } catch (err) {
    error.value = err;
  }
}

async function refetchLevels(): Promise<void> {
  const before = grid.value.cells;
  const next = (await listInventory()).levels;
  const changed = new Set<string>();
  if (loaded.value) {
    for (const l of next) {
      const old = before.get(cellKey(l.sku, l.warehouseId));
      if (!old || old.onHand !== l.onHand || old.reserved !== l.reserved) changed.add(cellKey(l.sku, l.warehouseId));
    }
  }
  levels.value = next;
  moved.value = changed;
  refreshedAt.value = new Date();
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Stock may have moved: refetch once the burst of events is over. */
export function stockMoved(): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    refetchLevels().catch((err: unknown) => (error.value = err));
  }, 250);
}
