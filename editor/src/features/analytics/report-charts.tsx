// The analytics charts: orders per day stacked by channel, landed cost per order per day in its
// parts, and lead times at p50 and p90.
import { useMemo } from 'preact/hooks';
import type { FulfillmentReport, LandedCostReport, OrdersReport } from '../../api/types.ts';
import { Chart } from '../../components/chart.tsx';
import { COUNT_STEPS, categoryChart, PALETTE } from '../../components/chart-kit.ts';
import { money, shortDay } from '../../components/format.ts';
import { costPerOrder, hours, leadTimes, ordersByChannel } from './report-data.ts';

const count = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
const PARTS = ['#1f5fbf', '#7fa6e0', '#d97706'];
/** Hours, then whole days and weeks in hours, so the axis never mixes units. */
const HOUR_STEPS = [1, 2, 3, 6, 12, 24, 48, 72, 96, 168, 336, 720, 1440];

export function OrdersChart({ r }: { r: OrdersReport }) {
  const chart = useMemo(() => {
    const s = ordersByChannel(r);
    return categoryChart({
      categories: s.categories.map((d) => shortDay(d)),
      series: s.series.map((x, i) => ({ ...x, colour: PALETTE[i % PALETTE.length] ?? '#333' })),
      kind: 'stacked',
      format: count,
      xLabel: 'Day',
      ySteps: COUNT_STEPS,
    });
  }, [r]);
  if (r.total === 0) return <EmptyChart title="Orders per day" text="No orders were placed in this range." />;
  const summary = `${r.total} orders: ${r.byChannel.map((c) => `${c.channelId} ${c.orders}`).join(', ')}`;
  return <Chart title="Orders per day" note="(stacked by channel)" summary={summary} {...chart} />;
}

export function CostChart({ r }: { r: LandedCostReport }) {
  const chart = useMemo(() => {
    const s = costPerOrder(r);
    return categoryChart({
      categories: s.categories.map((d) => shortDay(d)),
      series: s.series.map((x, i) => ({ ...x, colour: PARTS[i] ?? '#333' })),
      kind: 'stacked',
      format: (v) => (v / 100).toFixed(2),
      xLabel: 'Day',
    });
  }, [r]);
  if (r.orders === 0) return <EmptyChart title="Landed cost per order" text="No order in this range has a live fulfillment." />;
  const p = r.perOrder;
  const summary = `Average ${money(p.total)}: shipping ${money(p.shipping)}, handling ${money(p.handling)}, duties ${money(p.duties)}`;
  return <Chart title="Landed cost per order" note={`(by placing day; average ${money(p.total)})`} summary={summary} {...chart} />;
}

export function LeadTimeChart({ r }: { r: FulfillmentReport }) {
  const chart = useMemo(() => {
    const s = leadTimes(r);
    return categoryChart({
      categories: s.categories,
      series: s.series.map((x, i) => ({ ...x, colour: PALETTE[i] ?? '#333' })),
      kind: 'bars',
      format: (v) => `${v} h`,
      xLabel: 'Leg',
      ySteps: HOUR_STEPS,
    });
  }, [r]);
  const lt = r.leadTimeHours;
  if (lt.orderToShip.count === 0) return <EmptyChart title="Lead times" text="Nothing placed in this range has shipped yet." />;
  const summary = `Order to ship p50 ${hours(lt.orderToShip.p50)}, p90 ${hours(lt.orderToShip.p90)}; order to door p50 ${hours(lt.orderToDeliver.p50)}, p90 ${hours(lt.orderToDeliver.p90)}`;
  return <Chart title="Lead times" note="(hours, p50 and p90 per shipment)" summary={summary} {...chart} />;
}

function EmptyChart({ title, text }: { title: string; text: string }) {
  return (
    <figure class="chart card empty-chart">
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      <p class="muted">{text}</p>
    </figure>
  );
}
