// Inventory: a SKU x warehouse grid of available units (with on hand and reserved), live.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { subscribe } from '../../api/live.ts';
import type { StockLevel } from '../../api/types.ts';
import { ErrorNotice, Loading } from '../../components/notices.tsx';
import { cellKey, error, grid, loadInventory, loaded, moved, products, refreshedAt, stockMoved, warehouses } from './inventory-store.ts';

export function InventoryPage() {
  const filter = useSignal('');

  useEffect(() => {
    const unsubscribe = subscribe(['inventory.', 'order.', 'fulfillment.'], stockMoved);
    void loadInventory();
    return unsubscribe;
  }, []);

  const { cells, skus, warehouseIds } = grid.value;
  const needle = filter.value.trim().toLowerCase();
  const rows = needle
    ? skus.filter((s) => s.toLowerCase().includes(needle) || products.value.get(s)?.name.toLowerCase().includes(needle))
    : skus;
  const names = new Map(warehouses.value.map((w) => [w.id, w.name]));

  return (
    <div class="page">
      <h1 tabIndex={-1}>Inventory</h1>
      <div class="toolbar">
        <label for="sku-filter">Find</label>
        <input
          id="sku-filter"
          type="search"
          placeholder="SKU or product name"
          value={filter.value}
          onInput={(e) => (filter.value = e.currentTarget.value)}
        />
        <span class="muted" aria-live="polite">
          {rows.length} of {skus.length} SKUs
          {refreshedAt.value ? ` · updated ${refreshedAt.value.toLocaleTimeString('en-GB')}` : ''}
        </span>
        <span class="legend muted">
          Each cell: <strong>available</strong> (on hand / reserved)
        </span>
      </div>
      <ErrorNotice error={error.value} title="Could not load inventory" />
      {!loaded.value && !error.value ? <Loading what="stock levels" /> : null}
      <div class="table-scroll">
        <table class="grid-table stock-grid">
          <caption class="sr-only">Available units per SKU and warehouse</caption>
          <thead>
            <tr>
              <th scope="col">SKU</th>
              {warehouseIds.map((w) => (
                <th key={w} scope="col" class="num" title={names.get(w)}>
                  {w}
                  <div class="sub">{names.get(w) ?? ''}</div>
                </th>
              ))}
              <th scope="col" class="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((sku) => {
              const row = warehouseIds.map((w) => cells.get(cellKey(sku, w)));
              const total = row.reduce((s, l) => s + (l?.available ?? 0), 0);
              return (
                <tr key={sku} data-sku={sku}>
                  <th scope="row">
                    <code>{sku}</code>
                    <div class="sub">{products.value.get(sku)?.name ?? ''}</div>
                  </th>
                  {warehouseIds.map((w, i) => (
                    <StockCell key={w} sku={sku} warehouseId={w} level={row[i]} isMoved={moved.value.has(cellKey(sku, w))} />
                  ))}
                  <td class="num strong">{total}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function StockCell({
  sku,
  warehouseId,
  level,
  isMoved,
}: {
  sku: string;
  warehouseId: string;
  level: StockLevel | undefined;
  isMoved: boolean;
}) {
  if (!level)
    return (
      <td class="num muted" aria-label={`${sku} at ${warehouseId}: not stocked`}>
        –
      </td>
    );
  const label = `${sku} at ${warehouseId}: ${level.available} available, ${level.onHand} on hand, ${level.reserved} reserved`;
  return (
    <td
      class={`num stock ${level.available === 0 ? 'empty' : ''} ${isMoved ? 'moved' : ''}`}
      data-cell={`${sku}|${warehouseId}`}
      title={label}
      aria-label={label}
    >
      <span class="available">{level.available}</span>
      <span class="sub">
        {level.onHand} / {level.reserved}
      </span>
    </td>
  );
}
