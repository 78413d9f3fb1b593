// Return rates by SKU (returned against shipped units) and by reason (share of returned units).
import type { ReturnsReport } from '../../api/types.ts';

const pct = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);

export function ReturnsTables({ r }: { r: ReturnsReport }) {
  const skus = r.bySku.filter((s) => s.returnedUnits > 0).slice(0, 12);
  return (
    <section class="card report" aria-labelledby="returns-title">
      <h2 id="returns-title">Returns</h2>
      <p class="hint">
        {r.returnedUnits} of {r.shippedUnits} shipped units came back ({pct(r.rate)}), for orders placed in the range.
      </p>
      {r.byReason.length === 0 ? (
        <p class="muted">No returns for orders placed in this range.</p>
      ) : (
        <>
          <table class="grid-table compact">
            <caption class="table-caption">By reason</caption>
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col" class="num">
                  Returns
                </th>
                <th scope="col" class="num">
                  Units
                </th>
                <th scope="col">Share of units</th>
              </tr>
            </thead>
            <tbody>
              {r.byReason.map((x) => (
                <tr key={x.reason}>
                  <th scope="row">{x.reason.replace(/_/g, ' ')}</th>
                  <td class="num">{x.returns}</td>
                  <td class="num">{x.units}</td>
                  <td>
                    <span class="share-bar" aria-hidden="true">
                      <span style={{ width: `${(x.share ?? 0) * 100}%` }} />
                    </span>{' '}
                    {pct(x.share)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <table class="grid-table compact">
            <caption class="table-caption">By SKU</caption>
            <thead>
              <tr>
                <th scope="col">SKU</th>
                {['Shipped', 'Returned', 'Rate', 'Sellable', 'Damaged'].map((h) => (
                  <th key={h} scope="col" class="num">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {skus.map((s) => (
                <tr key={s.sku}>
                  <th scope="row">
                    <code>{s.sku}</code>
                  </th>
                  <td class="num">{s.shippedUnits}</td>
                  <td class="num">{s.returnedUnits}</td>
                  <td class="num strong">{pct(s.rate)}</td>
                  <td class="num">{s.sellable}</td>
                  <td class="num">{s.damaged}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
