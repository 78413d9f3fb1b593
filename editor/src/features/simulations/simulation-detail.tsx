// One simulation: what it compares, live progress while it runs (with cancel), then KPI cards,
// charts and the changed orders; or one changed order's decisions side by side.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { cancelSimulation } from '../../api/client.ts';
import type { Simulation } from '../../api/types.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { dateTime, day, plural } from '../../components/format.ts';
import { Link } from '../../components/link.tsx';
import { ErrorNotice, Loading } from '../../components/notices.tsx';
import { navigate } from '../../router.ts';
import { DiffTable } from './diff-table.tsx';
import { useSimulationJob } from './job-poll.ts';
import { KpiCards } from './kpi-cards.tsx';
import { OrderCompare } from './order-compare.tsx';
import { ProgressPanel } from './progress-panel.tsx';
import { SimulationCharts } from './simulation-charts.tsx';
import { RuleCoverage } from './rule-coverage.tsx';
import { remove } from './simulations-store.ts';

interface DetailProps {
  id: string;
  order: { channelId: string; externalId: string } | null;
}

export function SimulationDetail({ id, order }: DetailProps) {
  const bump = useSignal(0);
  const actionError = useSignal<unknown>(null);
  const { job, error, speed } = useSimulationJob(id, bump.value);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const sim = job.value;
  const cancel = async () => {
    try {
      await cancelSimulation(id);
      bump.value++;
    } catch (err) {
      actionError.value = err;
    }
  };
  const del = async () => {
    if (sim && (await remove(sim))) navigate('/simulations');
  };

  return (
    <div class="page sim-detail">
      <p class="crumbs">
        <Link to="/simulations">← All simulations</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {sim?.name ?? 'Simulation'} {sim ? <StatusBadge status={sim.status} /> : null}
      </h1>
      <ErrorNotice error={error.value} title="Could not load the simulation" />
      <ErrorNotice error={actionError.value} />
      {!sim && !error.value ? <Loading what="the simulation" /> : null}
      {sim ? (
        <>
          {order ? null : <Summary sim={sim} onDelete={del} />}
          {order && sim.status !== 'running' ? null : <ProgressPanel sim={sim} speed={speed.value} onCancel={cancel} />}
          {sim.error ? (
            <div class="notice error" role="alert">
              <strong>The simulation failed</strong>
              <span>{sim.error}</span>
            </div>
          ) : null}
          {order ? <OrderCompare sim={sim} {...order} /> : <Results sim={sim} />}
        </>
      ) : null}
    </div>
  );
}

function Summary({ sim, onDelete }: { sim: Simulation; onDelete: () => void }) {
  const o = sim.request.orders;
  const source =
    o.source === 'generate' ? `${o.count.toLocaleString('en-GB')} generated orders (seed ${o.seed})` : `stored history ${o.historyId}`;
  const h = sim.result?.history;
  return (
    <div class="sim-summary">
      <dl class="inline-dl wide">
        <dt>Orders</dt>
        <dd>
          {source}
          {h?.firstPlacedAt ? `, placed ${day(h.firstPlacedAt)} – ${day(h.lastPlacedAt ?? undefined)}` : ''}
          {h && h.rejected.orders > 0
            ? ` · ${plural(h.rejected.orders, 'order')} not replayed (${h.rejected.examples[0]?.reason ?? ''})`
            : ''}
        </dd>
        <dt>Baseline</dt>
        <dd>{policyName(sim.request.baseline)}</dd>
        <dt>Candidates</dt>
        <dd>{sim.request.candidates.map((c) => `${c.name} (${policyName(c.policy)}${whatIfs(c)})`).join('; ')}</dd>
        <dt>Started</dt>
        <dd>
          {dateTime(sim.createdAt)} by {sim.createdBy}
        </dd>
      </dl>
      {sim.status !== 'running' ? (
        <button type="button" class="ghost danger" onClick={onDelete}>
          Delete simulation
        </button>
      ) : null}
    </div>
  );
}

function Results({ sim }: { sim: Simulation }) {
  const result = sim.result;
  if (!result) return sim.status === 'running' ? <p class="muted">The first KPIs appear after a few seconds.</p> : null;
  const interim = sim.status === 'running';
  return (
    <>
      <KpiCards variants={result.variants} interim={interim} />
      <SimulationCharts variants={result.variants} />
      <RuleCoverage variants={result.variants} />
      {interim ? null : <DiffTable sim={sim} />}
    </>
  );
}

/** `published`, `draft` or `version 3`. */
export const policyName = (p: string | number): string => (typeof p === 'number' ? `version ${p}` : p);

function whatIfs(c: Simulation['request']['candidates'][number]): string {
  const parts = [
    c.stockMultiplier !== undefined ? `stock ×${JSON.stringify(c.stockMultiplier)}` : '',
    c.rateMultiplier !== undefined ? `rates ×${JSON.stringify(c.rateMultiplier)}` : '',
    c.disabledWarehouses?.length ? `without ${c.disabledWarehouses.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `; ${parts.join(', ')}` : '';
}
