// The range at a glance: landed cost per order, split rate, on-time rate, lead time, backorders
// and the oversells the guarded reservations prevented.
import type { ComponentChildren } from 'preact';
import type { AnalyticsReports } from '../../api/types.ts';
import { money, plural } from '../../components/format.ts';
import { hours } from './report-data.ts';

const pct = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);

export function HeadlineTiles({ r }: { r: AnalyticsReports }) {
  const f = r.fulfillment;
  const s = r['stock-outs'];
  const cost = r['landed-cost'];
  return (
    <ul class="tiles" aria-label="Headline figures">
      <Tile label="Landed cost per order" value={cost.orders > 0 ? money(cost.perOrder.total) : '–'}>
        over {plural(cost.orders, 'order')} with a live fulfillment
      </Tile>
      <Tile label="Split rate" value={pct(f.splitRate)}>
        {f.splitOrders} of {plural(f.orders, 'order')} in more than one shipment
      </Tile>
      <Tile label="On-time rate" value={pct(f.onTime.rate)}>
        {f.onTime.onTime} of {f.onTime.delivered} deliveries by their ETA day
      </Tile>
      <Tile label="Lead time, order to ship" value={hours(f.leadTimeHours.orderToShip.p50)}>
        p50; p90 {hours(f.leadTimeHours.orderToShip.p90)} over {plural(f.leadTimeHours.orderToShip.count, 'shipment')}
      </Tile>
      <Tile label="Backordered" value={String(s.backordered.units)}>
        units on {plural(s.backordered.orders, 'order')}; {s.stillBackordered.units} still waiting, {s.backordersFilled.units} filled
      </Tile>
      <Tile label="Oversells prevented" value={String(s.oversellPrevented.total)}>
        {s.oversellPrevented.backorderHolds} held at intake, {s.oversellPrevented.rerouteAttemptsWithoutStock} reroutes without stock
      </Tile>
    </ul>
  );
}

function Tile({ label, value, children }: { label: string; value: string; children: ComponentChildren }) {
  return (
    <li class="card tile">
      <span class="tile-label">{label}</span>
      <strong class="tile-value">{value}</strong>
      <span class="sub">{children}</span>
    </li>
  );
}
