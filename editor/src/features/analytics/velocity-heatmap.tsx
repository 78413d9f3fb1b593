// SKU velocity per warehouse as a heat map: units shipped per SKU (rows, fastest first) and
// warehouse (columns); the darker the cell, the faster it moves. Each cell also says its number.
import type { VelocityMatrix } from '../../api/types.ts';
import { heat } from './report-data.ts';

export function VelocityHeatMap({ r }: { r: VelocityMatrix }) {
  return (
    <section class="card report" aria-labelledby="velocity-title">
      <h2 id="velocity-title">SKU velocity per warehouse</h2>
      <p class="hint">
        Units shipped in the range{r.omittedSkus > 0 ? `; the ${r.skus.length} fastest SKUs (${r.omittedSkus} more not shown)` : ''}.{' '}
        <span class="heat-legend" aria-hidden="true">
          <span style={{ background: 'rgba(31, 95, 191, 0.12)' }}>slow</span>
          <span style={{ background: 'rgba(31, 95, 191, 0.55)' }} />
          <span style={{ background: 'rgba(31, 95, 191, 1)', color: '#fff' }}>fast</span>
        </span>
      </p>
      {r.skus.length === 0 ? (
        <p class="muted">Nothing shipped in this range.</p>
      ) : (
        <div class="table-scroll heat-scroll">
          <table class="grid-table compact heatmap">
            <caption class="sr-only">Units shipped per SKU and warehouse</caption>
            <thead>
              <tr>
                <th scope="col">SKU</th>
                {r.warehouses.map((w) => (
                  <th key={w} scope="col" class="num">
                    {w}
                  </th>
                ))}
                <th scope="col" class="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {r.skus.map((sku, i) => (
                <tr key={sku}>
                  <th scope="row">
                    <code>{sku}</code>
                  </th>
                  {r.warehouses.map((w, j) => (
                    <HeatCell key={w} units={r.units[i]?.[j] ?? 0} max={r.max} label={`${sku} from ${w}`} />
                  ))}
                  <td class="num strong">{r.totals.bySku[i] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function HeatCell({ units, max, label }: { units: number; max: number; label: string }) {
  const strength = heat(units, max);
  const style = strength > 0 ? { background: `rgba(31, 95, 191, ${strength})`, color: strength > 0.55 ? '#fff' : undefined } : undefined;
  return (
    <td class="num heat" style={style} data-heat={strength} title={`${label}: ${units} units`}>
      {units > 0 ? units : <span class="muted">·</span>}
    </td>
  );
}
