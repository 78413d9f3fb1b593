// A replayed decision's shipments as the simulation keeps them: where from, what, how many
// packages, carrier and service, cost (with its shipping and duties) and delivery date.
import type { DecisionSummary } from '../../api/types.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { money, shortDay } from '../../components/format.ts';

export function ShipmentTable({ decision: d }: { decision: DecisionSummary }) {
  return (
    <div class="shipments">
      <p>
        <StatusBadge status={d.status} /> {d.serviceLevel.replace(/_/g, ' ')} · landed cost <strong>{money(d.cost)}</strong>
        {d.deliveryDays === null ? '' : ` · ${d.deliveryDays} days to the door`}
        {d.policyVersion === null ? '' : ` · policy version ${d.policyVersion}`}
      </p>
      {d.shipments.length === 0 ? (
        <p class="muted">Nothing would ship.</p>
      ) : (
        <div class="table-wrap">
          <table class="grid-table compact">
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Units</th>
                <th scope="col" class="num">
                  Pkgs
                </th>
                <th scope="col">Service</th>
                <th scope="col" class="num">
                  Cost
                </th>
                <th scope="col">ETA</th>
              </tr>
            </thead>
            <tbody>
              {d.shipments.map((s, i) => (
                <tr key={i}>
                  <th scope="row" class="nowrap">
                    {s.warehouseId}
                  </th>
                  <td>
                    {s.lines.map((l) => (
                      <div key={l.sku} class="line">
                        {l.quantity} × {l.sku}
                      </div>
                    ))}
                  </td>
                  <td class="num">{s.packages}</td>
                  <td>
                    {s.carrier} {s.service}
                    {s.crossBorder ? <div class="sub">cross-border</div> : null}
                  </td>
                  <td class="num">
                    <strong>{money(s.cost.total)}</strong>
                    <div class="sub nowrap">
                      ship {money(s.cost.shipping)}
                      {s.cost.duties > 0 ? ` · duties ${money(s.cost.duties)}` : ''}
                    </div>
                  </td>
                  <td class="nowrap">{shortDay(s.eta)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
