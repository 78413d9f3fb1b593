// The routing part of a decision trace: every candidate warehouse, why it could or could not
// ship, its cost breakdown and delivery date, and which one won.
import type { CandidateTrace, RoutingTrace } from '../../api/types.ts';
import { StatusBadge } from '../badges.tsx';
import { money, shortDay } from '../format.ts';

const STRATEGY: Record<RoutingTrace['strategy'], string> = {
  single: 'one shipment from a single warehouse',
  split: 'split across warehouses',
  none: 'nothing could be routed',
};

export function RoutingTraceView({ routing }: { routing: RoutingTrace | undefined }) {
  if (!routing) return <p class="muted">No routing trace (the order was held before routing).</p>;
  const candidates = [...routing.candidates].sort(byOutcome);
  return (
    <div class="routing-trace">
      <p>
        Strategy: <strong>{routing.strategy}</strong> <span class="muted">({STRATEGY[routing.strategy]})</span>
      </p>
      <div class="table-wrap">
        <table class="grid-table candidates">
          <caption class="sr-only">Candidate warehouses</caption>
          <thead>
            <tr>
              <th scope="col">Warehouse</th>
              <th scope="col">Outcome</th>
              <th scope="col" class="num">
                Units
              </th>
              <th scope="col" class="num">
                Shipping
              </th>
              <th scope="col" class="num">
                Handling
              </th>
              <th scope="col" class="num">
                Duties
              </th>
              <th scope="col" class="num">
                Adj.
              </th>
              <th scope="col" class="num">
                Total
              </th>
              <th scope="col">ETA</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((c) => (
              <CandidateRow key={c.warehouseId} c={c} />
            ))}
          </tbody>
        </table>
      </div>
      {routing.notes.length > 0 ? (
        <ul class="notes">
          {routing.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function CandidateRow({ c }: { c: CandidateTrace }) {
  return (
    <>
      <tr class={`outcome-${c.outcome}`}>
        <th scope="row">{c.warehouseId}</th>
        <td>
          <StatusBadge status={c.outcome} />
        </td>
        <td class="num">{c.coverableUnits}</td>
        <td class="num">{money(c.cost?.shipping)}</td>
        <td class="num">{money(c.cost?.handling)}</td>
        <td class="num">{money(c.cost?.duties)}</td>
        <td class="num">{c.adjustment === undefined ? '–' : money(c.adjustment)}</td>
        <td class="num strong">{money(c.cost?.total)}</td>
        <td class="nowrap">{shortDay(c.eta)}</td>
      </tr>
      {c.reasons.length > 0 ? (
        <tr class="reasons">
          <td colSpan={9}>
            <span class="muted">{c.eligible ? 'Limits: ' : 'Not eligible: '}</span>
            {c.reasons.join('; ')}
          </td>
        </tr>
      ) : null}
    </>
  );
}

const ORDER = { chosen: 0, lost: 1, ineligible: 2 } as const;
function byOutcome(a: CandidateTrace, b: CandidateTrace): number {
  return ORDER[a.outcome] - ORDER[b.outcome] || a.warehouseId.localeCompare(b.warehouseId);
}
