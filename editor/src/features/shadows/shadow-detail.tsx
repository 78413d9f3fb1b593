// One shadow: what it compares and how far it has got (with stop or delete), then the candidate's
// KPIs next to live, rule coverage, charts and the changed orders; or one changed order side by side.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Shadow } from '../../api/types.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { dateTime, plural } from '../../components/format.ts';
import { Link } from '../../components/link.tsx';
import { ErrorNotice, Loading } from '../../components/notices.tsx';
import { navigate } from '../../router.ts';
import { KpiCards } from '../simulations/kpi-cards.tsx';
import { RuleCoverage } from '../simulations/rule-coverage.tsx';
import { SimulationCharts } from '../simulations/simulation-charts.tsx';
import { ShadowDiff } from './shadow-diff.tsx';
import { ShadowOrder } from './shadow-order.tsx';
import { useShadow } from './shadow-poll.ts';
import { candidateLabel, remove, stop } from './shadows-store.ts';

interface DetailProps {
  id: string;
  order: { channelId: string; externalId: string } | null;
}

export function ShadowDetail({ id, order }: DetailProps) {
  const bump = useSignal(0);
  const actionError = useSignal<unknown>(null);
  const { shadow, error } = useShadow(id, bump.value);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const s = shadow.value;
  const act = async (what: () => Promise<unknown>) => {
    try {
      await what();
      actionError.value = null;
      bump.value++;
    } catch (err) {
      actionError.value = err;
    }
  };
  const del = async () => {
    if (s && (await remove(s))) navigate('/shadows');
  };

  return (
    <div class="page sim-detail shadow-detail">
      <p class="crumbs">
        <Link to="/shadows">← All shadows</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {s?.name ?? 'Shadow'} {s ? <StatusBadge status={s.status} /> : null}
      </h1>
      <ErrorNotice error={error.value} title="Could not load the shadow" />
      <ErrorNotice error={actionError.value} />
      {!s && !error.value ? <Loading what="the shadow" /> : null}
      {s && order ? <ShadowOrder shadow={s} {...order} /> : null}
      {s && !order ? (
        <>
          <Summary s={s} onStop={() => void act(() => stop(s))} onDelete={() => void del()} />
          <Results s={s} />
        </>
      ) : null}
    </div>
  );
}

function Summary({ s, onStop, onDelete }: { s: Shadow; onStop: () => void; onDelete: () => void }) {
  const p = s.progress;
  const approximate = s.result?.stock.approximate ?? 0;
  return (
    <div class="sim-summary shadow-summary">
      <dl class="inline-dl wide">
        <dt>Candidate</dt>
        <dd>
          {candidateLabel(s)}: {plural(s.policy.rules, 'rule')}
          {Object.keys(s.policy.macros).length > 0
            ? `, macros ${Object.entries(s.policy.macros)
                .map(([n, v]) => `${n} v${v}`)
                .join(', ')}`
            : ''}
        </dd>
        <dt>Orders</dt>
        <dd>
          <span class="shadow-progress" role="status" aria-live="polite">
            {plural(p.orders, 'live order')} decided, {p.changed} changed
            {p.skipped > 0 ? `, ${p.skipped} not decided` : ''}
            {s.status === 'running' ? (p.behind > 0 ? ` · catching up (${plural(p.behind, 'event')} to read)` : ' · up to date') : ''}
            {approximate > 0 ? ` · ${approximate} on approximate stock (the shadow fell far behind)` : ''}
          </span>
        </dd>
        <dt>Started</dt>
        <dd>
          {dateTime(s.createdAt)} by {s.createdBy}
        </dd>
        {s.stoppedAt ? (
          <>
            <dt>Stopped</dt>
            <dd>
              {dateTime(s.stoppedAt)} by {s.stoppedBy}
            </dd>
          </>
        ) : null}
      </dl>
      {s.error ? (
        <div class="notice error" role="alert">
          <strong>The last batch failed; it is tried again</strong>
          <span>{s.error}</span>
        </div>
      ) : null}
      {s.status === 'running' ? (
        <button type="button" class="danger" onClick={onStop}>
          Stop shadow
        </button>
      ) : (
        <button type="button" class="ghost danger" onClick={onDelete}>
          Delete shadow
        </button>
      )}
    </div>
  );
}

function Results({ s }: { s: Shadow }) {
  const result = s.result;
  if (!result || result.history.replayed === 0)
    return <p class="muted">No order has been placed since the shadow started. Its KPIs appear with the first live orders.</p>;
  return (
    <>
      <KpiCards variants={result.variants} interim={s.status === 'running'} />
      <RuleCoverage variants={result.variants} />
      <SimulationCharts variants={result.variants} />
      <ShadowDiff shadow={s} />
    </>
  );
}
