// The orders a candidate decided differently from the baseline, 20 a page; each opens both
// decisions and traces side by side. The page and candidate are kept while an order is open.
import { signal, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { getSimulationDiff } from '../../api/client.ts';
import type { DecisionSummary, Simulation, SimulationDiffPage } from '../../api/types.ts';
import { Badge, StatusBadge } from '../../components/badges.tsx';
import { day, money } from '../../components/format.ts';
import { Link } from '../../components/link.tsx';
import { ErrorNotice, Loading } from '../../components/notices.tsx';

const PAGE = 20;

/** Which candidate and page the table shows, per simulation. */
export const diffView = signal<{ simulationId: string; candidate: string; offset: number } | null>(null);

export function DiffTable({ sim }: { sim: Simulation }) {
  const names = sim.request.candidates.map((c) => c.name);
  const view = diffView.value?.simulationId === sim.id ? diffView.value : { simulationId: sim.id, candidate: names[0] ?? '', offset: 0 };
  const page = useSignal<SimulationDiffPage | null>(null);
  const error = useSignal<unknown>(null);
  const set = (patch: Partial<typeof view>) => (diffView.value = { ...view, ...patch });

  useEffect(() => {
    let live = true;
    getSimulationDiff(sim.id, { candidate: view.candidate, offset: view.offset, limit: PAGE }).then(
      (p) => {
        if (!live) return;
        page.value = p;
        error.value = null;
      },
      (err: unknown) => {
        if (live) error.value = err;
      },
    );
    return () => {
      live = false;
    };
  }, [sim.id, view.candidate, view.offset]);

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
            {Object.keys(stats.byChange).length > 0
              ? `: ${Object.entries(stats.byChange)
                  .map(([k, n]) => `${k} ${n}`)
                  .join(', ')}`
              : ''}
          </span>
        ) : null}
      </div>
      <ErrorNotice error={error.value} title="Could not load the changed orders" />
      {!p && !error.value ? <Loading what="changed orders" /> : null}
      {p && p.total === 0 ? <p class="muted">The candidate decided every order as the baseline did.</p> : null}
      {p && p.items.length > 0 ? <DiffRows sim={sim} page={p} /> : null}
      {p && p.total > PAGE ? (
        <div class="toolbar pager">
          <button type="button" disabled={view.offset === 0} onClick={() => set({ offset: Math.max(0, view.offset - PAGE) })}>
            Previous
          </button>
          <span class="muted" aria-live="polite">
            {view.offset + 1}–{Math.min(p.total, view.offset + PAGE)} of {p.total}
          </span>
          <button type="button" disabled={view.offset + PAGE >= p.total} onClick={() => set({ offset: view.offset + PAGE })}>
            Next
          </button>
        </div>
      ) : null}
    </section>
  );
}

function DiffRows({ sim, page }: { sim: Simulation; page: SimulationDiffPage }) {
  return (
    <div class="table-wrap">
      <table class="grid-table compact diff-table">
        <caption class="sr-only">Orders {page.candidate} decided differently from the baseline</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Placed</th>
            <th scope="col">What changed</th>
            <th scope="col">Baseline</th>
            <th scope="col">{page.candidate}</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((item) => (
            <tr key={item.seq} data-external-id={item.externalId}>
              <th scope="row">
                <Link
                  to={`/simulations/${sim.id}/orders/${encodeURIComponent(item.channelId)}/${encodeURIComponent(item.externalId)}`}
                  class="row-link"
                >
                  {item.externalId}
                </Link>
                <div class="sub">{item.channelId}</div>
              </th>
              <td class="nowrap">{day(item.placedAt)}</td>
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
