// The live orders the candidate decided differently, 20 a page, newest changes last; each opens
// both decisions and traces side by side.
import { useSignal } from '@preact/signals';
import { getShadowDiff } from '../../api/client.ts';
import type { Shadow } from '../../api/types.ts';
import { dateTime } from '../../components/format.ts';
import { ErrorNotice, Loading } from '../../components/notices.tsx';
import { useLoaded } from '../../components/use-loaded.ts';
import { changeCounts, DIFF_PAGE, DiffPager, DiffRows } from '../simulations/diff-table.tsx';

export function ShadowDiff({ shadow }: { shadow: Shadow }) {
  const offset = useSignal(0);
  const changed = shadow.progress.changed;

  const { value: page, error } = useLoaded(
    () => getShadowDiff(shadow.id, { offset: offset.value, limit: DIFF_PAGE }),
    [shadow.id, offset.value, changed],
  );

  const p = page.value;
  const stats = shadow.result?.diff[0];
  return (
    <section class="diff-section shadow-diff" aria-labelledby="diff-title">
      <div class="toolbar">
        <h2 id="diff-title">Changed orders</h2>
        <span class="muted">
          {changed} of {shadow.progress.orders} orders changed
          {stats ? changeCounts(stats.byChange) : ''}
        </span>
      </div>
      <ErrorNotice error={error.value} title="Could not load the changed orders" />
      {!p && !error.value ? <Loading what="changed orders" /> : null}
      {p && p.total === 0 ? <p class="muted">The candidate has decided every order as live did.</p> : null}
      {p && p.items.length > 0 ? (
        <DiffRows
          page={p}
          caption={`Live orders ${p.candidate} decided differently`}
          baselineLabel="Live"
          orderHref={(item) => `/shadows/${shadow.id}/orders/${encodeURIComponent(item.channelId)}/${encodeURIComponent(item.externalId)}`}
          placed={dateTime}
        />
      ) : null}
      {p && p.total > DIFF_PAGE ? <DiffPager offset={offset.value} total={p.total} go={(next) => (offset.value = next)} /> : null}
    </section>
  );
}
