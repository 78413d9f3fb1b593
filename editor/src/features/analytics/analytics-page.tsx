// Analytics: what the live orders cost and how they were fulfilled over a date range: headline
// figures, orders and landed cost per day, lead times, stock-outs, turnover and days of cover,
// SKU velocity per warehouse as a heat map, and return rates.
import { useEffect } from 'preact/hooks';
import { ErrorNotice, Loading, missingRoute, Unavailable } from '../../components/notices.tsx';
import { error, loading, range, reports, setRange } from './analytics-store.ts';
import { HeadlineTiles } from './headline-tiles.tsx';
import { RangeBar } from './range-bar.tsx';
import { CostChart, LeadTimeChart, OrdersChart } from './report-charts.tsx';
import { ReturnsTables } from './returns-tables.tsx';
import { InventoryTable, StockOutTable } from './stock-tables.tsx';
import { VelocityHeatMap } from './velocity-heatmap.tsx';

export function AnalyticsPage() {
  useEffect(() => {
    void setRange(range.value);
  }, []);
  const r = reports.value;
  return (
    <div class="page analytics">
      <h1 tabIndex={-1}>Analytics</h1>
      <RangeBar />
      {missingRoute(error.value) ? (
        <Unavailable feature="Analytics" route="GET /v1/analytics/orders" />
      ) : (
        <ErrorNotice error={error.value} title="Could not load the reports" />
      )}
      {!r && loading.value ? <Loading what="the reports" /> : null}
      {r ? (
        <div class={`reports ${loading.value ? 'stale' : ''}`} aria-busy={loading.value}>
          <HeadlineTiles r={r} />
          <div class="chart-grid">
            <OrdersChart r={r.orders} />
            <CostChart r={r['landed-cost']} />
            <LeadTimeChart r={r.fulfillment} />
            <StockOutTable r={r['stock-outs']} />
          </div>
          <InventoryTable r={r.inventory} />
          <div class="report-pair">
            <VelocityHeatMap r={r.velocity} />
            <ReturnsTables r={r.returns} />
          </div>
        </div>
      ) : null}
    </div>
  );
}
