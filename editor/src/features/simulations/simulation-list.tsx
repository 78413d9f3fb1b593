// Past simulations, newest first: status, orders replayed, who and when; open one, or delete a
// finished one.
import type { Simulation } from '../../api/types.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { shortDay } from '../../components/format.ts';
import { Link } from '../../components/link.tsx';
import { ErrorNotice, Loading } from '../../components/notices.tsx';
import { listError, remove, simulations } from './simulations-store.ts';

const count = (n: number): string => n.toLocaleString('en-GB');

export function SimulationList() {
  const list = simulations.value;
  return (
    <section class="card sim-list" aria-labelledby="past-title">
      <h2 id="past-title">Past simulations</h2>
      <ErrorNotice error={listError.value} title="Could not load simulations" />
      {!list && !listError.value ? <Loading what="simulations" /> : null}
      {list && list.length === 0 ? <p class="muted">No simulations yet. Start one with the form.</p> : null}
      {list && list.length > 0 ? (
        <table class="grid-table compact">
          <thead>
            <tr>
              <th scope="col">Simulation</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Orders
              </th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <SimulationRow key={s.id} s={s} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function SimulationRow({ s }: { s: Simulation }) {
  const { processed, total } = s.progress;
  return (
    <tr data-simulation-id={s.id}>
      <th scope="row">
        <Link to={`/simulations/${s.id}`} class="row-link">
          {s.name}
        </Link>
        <div class="sub">
          {s.request.candidates.map((c) => c.name).join(', ')} vs {String(s.request.baseline)} · {shortDay(s.createdAt)}{' '}
          {s.createdAt.slice(11, 16)} UTC · {s.createdBy}
        </div>
      </th>
      <td>
        <StatusBadge status={s.status} />
      </td>
      <td class="num nowrap">{total === null || processed === total ? count(processed) : `${count(processed)} / ${count(total)}`}</td>
      <td>
        {s.status !== 'running' ? (
          <button type="button" class="ghost danger small" onClick={() => void remove(s)} aria-label={`Delete ${s.name}`}>
            Delete
          </button>
        ) : null}
      </td>
    </tr>
  );
}
