// Stock reports as tables: turnover and days of cover per warehouse, and the SKUs orders waited for.
import type { InventoryReport, StockOutReport } from '../../api/types.ts';
import { plural } from '../../components/format.ts';

const fixed = (v: number | null, digits: number): string => (v === null ? '–' : v.toFixed(digits));

export function InventoryTable({ r }: { r: InventoryReport }) {
  return (
    <section class="card report" aria-labelledby="inventory-title">
      <h2 id="inventory-title">Turnover and days of cover</h2>
      <p class="hint">Units shipped in the range against what is on hand now; days of cover at the range's shipping rate.</p>
      <div class="table-wrap">
        <table class="grid-table compact">
          <thead>
            <tr>
              <th scope="col">Warehouse</th>
              {['Shipped', 'Per day', 'On hand', 'Reserved', 'Available', 'Quarantined', 'Turnover', 'Days of cover'].map((h) => (
                <th key={h} scope="col" class="num">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {r.warehouses.map((w) => (
              <tr key={w.warehouseId}>
                <th scope="row">{w.warehouseId}</th>
                <td class="num">{w.shippedUnits}</td>
                <td class="num">{w.unitsPerDay.toFixed(2)}</td>
                <td class="num">{w.onHand}</td>
                <td class="num">{w.reserved}</td>
                <td class="num">{w.available}</td>
                <td class="num">{w.quarantined}</td>
                <td class="num">{fixed(w.turnover, 2)}</td>
                <td class="num strong">{w.daysOfCover === null ? 'no sales' : fixed(w.daysOfCover, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function StockOutTable({ r }: { r: StockOutReport }) {
  const rows = r.backordered.bySku.slice(0, 10);
  return (
    <section class="card report" aria-labelledby="stockouts-title">
      <h2 id="stockouts-title">Stock-outs</h2>
      <p class="hint">
        {plural(r.backordered.orders, 'order')} waited for {plural(r.backordered.units, 'unit')}; {r.stillBackordered.orders} still waiting.
        Reservations never oversell: {plural(r.oversellPrevented.total, 'request')} found no stock and waited instead.
      </p>
      {rows.length === 0 ? (
        <p class="muted">No order placed in this range waited for stock.</p>
      ) : (
        <table class="grid-table compact">
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col" class="num">
                Orders
              </th>
              <th scope="col" class="num">
                Units
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.sku}>
                <th scope="row">
                  <code>{s.sku}</code>
                </th>
                <td class="num">{s.orders}</td>
                <td class="num">{s.units}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
