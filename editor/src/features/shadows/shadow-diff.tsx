// The live orders the candidate decided differently, 20 a page, newest changes last; each opens
// both decisions and traces side by side.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { getShadowDiff } from '../../api/client.ts';
import type { Shadow, ShadowDiffPage } from '../../api/types.ts';
import { Badge } from '../../components/badges.tsx';
import { dateTime } from '../../components/format.ts';
import { Link } from '../../components/link.tsx';
import { ErrorNotice, Loading } from '../../components/notices.tsx';
import { DecisionBrief } from '../simulations/diff-table.tsx';

const PAGE = 20;

export function ShadowDiff({ shadow }: { shadow: Shadow }) {
  const offset = useSignal(0);
  const page = useSignal<ShadowDiffPage | null>(null);
  const error = useSignal<unknown>(null);
  const changed = shadow.progress.changed;

  useEffect(() => {
    let live = true;
    getShadowDiff(shadow.id, { offset: offset.value, limit: PAGE }).then(
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
  }, [shadow.id, offset.value, changed]);

  const p = page.value;
  const stats = shadow.result?.diff[0];
  return (
    <section class="diff-section shadow-diff" aria-labelledby="diff-title">
      <div class="toolbar">
        <h2 id="diff-title">Changed orders</h2>
        <span class="muted">
          {changed} of {shadow.progress.orders} orders changed
          {stats && Object.keys(stats.byChange).length > 0
            ? `: ${Object.entries(stats.byChange)
                .map(([k, n]) => `${k} ${n}`)
                .join(', ')}`
            : ''}
        </span>
      </div>
      <ErrorNotice error={error.value} title="Could not load the changed orders" />
      {!p && !error.value ? <Loading what="changed orders" /> : null}
      {p && p.total === 0 ? <p class="muted">The candidate has decided every order as live did.</p> : null}
      {p && p.items.length > 0 ? <DiffRows shadow={shadow} page={p} /> : null}
      {p && p.total > PAGE ? (
        <div class="toolbar pager">
          <button type="button" disabled={offset.value === 0} onClick={() => (offset.value = Math.max(0, offset.value - PAGE))}>
            Previous
          </button>
          <span class="muted" aria-live="polite">
            {offset.value + 1}–{Math.min(p.total, offset.value + PAGE)} of {p.total}
          </span>
          <button type="button" disabled={offset.value + PAGE >= p.total} onClick={() => (offset.value = offset.value + PAGE)}>
            Next
          </button>
        </div>
      ) : null}
    </section>
  );
}

function DiffRows({ shadow, page }: { shadow: Shadow; page: ShadowDiffPage }) {
  return (
    <div class="table-wrap">
      <table class="grid-table compact diff-table">
        <caption class="sr-only">Live orders {page.candidate} decided differently</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Placed</th>
            <th scope="col">What changed</th>
            <th scope="col">Live</th>
            <th scope="col">{page.candidate}</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((item) => (
            <tr key={item.seq} data-external-id={item.externalId}>
              <th scope="row">
                <Link
                  to={`/shadows/${shadow.id}/orders/${encodeURIComponent(item.channelId)}/${encodeURIComponent(item.externalId)}`}
                  class="row-link"
                >
                  {item.externalId}
                </Link>
                <div class="sub">{item.channelId}</div>
              </th>
              <td class="nowrap">{dateTime(item.placedAt)}</td>
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
