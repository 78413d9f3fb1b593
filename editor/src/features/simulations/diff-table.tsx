// The orders a candidate decided differently from the baseline, 20 a page; each opens both
// decisions and traces side by side. The page and candidate are kept while an order is open.
import { signal } from '@preact/signals';
import { getSimulationDiff } from '../../api/client.ts';
import type { DecisionSummary, Simulation, SimulationDiffItem, SimulationDiffPage } from '../../api/types.ts';
import { Badge, StatusBadge } from '../../components/badges.tsx';
import { day, money } from '../../components/format.ts';
import { Link } from '../../components/link.tsx';
import { ErrorNotice, Loading } from '../../components/notices.tsx';
import { useLoaded } from '../../components/use-loaded.ts';

/** Changed orders a page. */
export const DIFF_PAGE = 20;

/** Which candidate and page the table shows, per simulation. */
export const diffView = signal<{ simulationId: string; candidate: string; offset: number } | null>(null);

export function DiffTable({ sim }: { sim: Simulation }) {
  const names = sim.request.candidates.map((c) => c.name);
  const view = diffView.value?.simulationId === sim.id ? diffView.value : { simulationId: sim.id, candidate: names[0] ?? '', offset: 0 };
  const set = (patch: Partial<typeof view>) => (diffView.value = { ...view, ...patch });

  const { value: page, error } = useLoaded(
    () => getSimulationDiff(sim.id, { candidate: view.candidate, offset: view.offset, limit: DIFF_PAGE }),
    [sim.id, view.candidate, view.offset],
  );

  const p = page.value;
  const stats = sim.result?.diff.find((d) => d.candidate === view.candidate);
  return (
    <section class="diff-section" aria-labelledby="diff-title">
      <div class="toolbar">
        <h2 id="diff-title">Changed orders</h2>
        {names.length > 1 ? (
          <>
            <label for="diff-candidate">Candidate</label>
            <select id="diff-candidate" value={view.candidate} onChange={(e) => set({ candidate: e.currentTarget.value, offset: 0 })}>
              {names.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </>
        ) : null}
        {stats ? (
          <span class="muted">
            {stats.changed} of {sim.result?.history.replayed ?? '?'} orders changed
            {changeCounts(stats.byChange)}
          </span>
        ) : null}
      </div>
      <ErrorNotice error={error.value} title="Could not load the changed orders" />
      {!p && !error.value ? <Loading what="changed orders" /> : null}
      {p && p.total === 0 ? <p class="muted">The candidate decided every order as the baseline did.</p> : null}
      {p && p.items.length > 0 ? (
        <DiffRows
          page={p}
          caption={`Orders ${p.candidate} decided differently from the baseline`}
          baselineLabel="Baseline"
          orderHref={(item) => `/simulations/${sim.id}/orders/${encodeURIComponent(item.channelId)}/${encodeURIComponent(item.externalId)}`}
          placed={day}
        />
      ) : null}
      {p && p.total > DIFF_PAGE ? <DiffPager offset={view.offset} total={p.total} go={(offset) => set({ offset })} /> : null}
    </section>
  );
}

/** Changed orders, one a row: the order (opening both decisions), when placed, what changed, both decisions. */
export function DiffRows(props: {
  page: SimulationDiffPage;
  caption: string;
  baselineLabel: string;
  orderHref: (item: SimulationDiffItem) => string;
  placed: (iso: string) => string;
}) {
  const { page } = props;
  return (
    <div class="table-wrap">
      <table class="grid-table compact diff-table">
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Placed</th>
            <th scope="col">What changed</th>
            <th scope="col">{props.baselineLabel}</th>
            <th scope="col">{page.candidate}</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((item) => (
            <tr key={item.seq} data-external-id={item.externalId}>
              <th scope="row">
                <Link to={props.orderHref(item)} class="row-link">
                  {item.externalId}
                </Link>
                <div class="sub">{item.channelId}</div>
              </th>
              <td class="nowrap">{props.placed(item.placedAt)}</td>
              <td>
                {item.changes.map((c) => (
                  <Badge key={c} tone="info">
                    {c}
                  </Badge>
                ))}
              </td>
              <td>
                <DecisionBrief d={item.baseline} />
              </td>
              <td>
                <DecisionBrief d={item.candidate} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Previous and next over pages of `DIFF_PAGE` changed orders. */
export function DiffPager({ offset, total, go }: { offset: number; total: number; go: (offset: number) => void }) {
  return (
    <div class="toolbar pager">
      <button type="button" disabled={offset === 0} onClick={() => go(Math.max(0, offset - DIFF_PAGE))}>
        Previous
      </button>
      <span class="muted" aria-live="polite">
        {offset + 1}–{Math.min(total, offset + DIFF_PAGE)} of {total}
      </span>
      <button type="button" disabled={offset + DIFF_PAGE >= total} onClick={() => go(offset + DIFF_PAGE)}>
        Next
      </button>
    </div>
  );
}

/** ": warehouses 3, cost 2" after a count of changed orders, or nothing. */
export function changeCounts(byChange: Record<string, number>): string {
  const entries = Object.entries(byChange);
  return entries.length > 0 ? `: ${entries.map(([k, n]) => `${k} ${n}`).join(', ')}` : '';
}

/** A decision in one line: status, where from, cost, delivery days. */
export function DecisionBrief({ d }: { d: DecisionSummary }) {
  const from = [...new Set(d.shipments.map((s) => s.warehouseId))].join(' + ') || 'nowhere';
  return (
    <span class="brief">
      <StatusBadge status={d.status} /> {from} · {money(d.cost)}
      {d.deliveryDays === null ? '' : ` · ${d.deliveryDays} d`}
    </span>
  );
}
