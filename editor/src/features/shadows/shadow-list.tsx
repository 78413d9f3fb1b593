// Shadows, newest first: status, candidate, orders recorded and how many changed.
import type { Shadow } from '../../api/types.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { shortDay } from '../../components/format.ts';
import { Link } from '../../components/link.tsx';
import { ErrorNotice, Loading } from '../../components/notices.tsx';
import { candidateLabel, listError, remove, shadows } from './shadows-store.ts';

const count = (n: number): string => n.toLocaleString('en-GB');

export function ShadowList() {
  const list = shadows.value;
  return (
    <section class="card sim-list shadow-list" aria-labelledby="shadows-title">
      <h2 id="shadows-title">Shadows</h2>
      <ErrorNotice error={listError.value} title="Could not load shadows" />
      {!list && !listError.value ? <Loading what="shadows" /> : null}
      {list && list.length === 0 ? <p class="muted">No shadows yet. Start one with the form.</p> : null}
      {list && list.length > 0 ? (
        <table class="grid-table compact">
          <thead>
            <tr>
              <th scope="col">Shadow</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Orders
              </th>
              <th scope="col" class="num">
                Changed
              </th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <ShadowRow key={s.id} s={s} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function ShadowRow({ s }: { s: Shadow }) {
  return (
    <tr data-shadow-id={s.id}>
      <th scope="row">
        <Link to={`/shadows/${s.id}`} class="row-link">
          {s.name}
        </Link>
        <div class="sub">
          {candidateLabel(s)} vs live · {shortDay(s.createdAt)} {s.createdAt.slice(11, 16)} UTC · {s.createdBy}
        </div>
      </th>
      <td>
        <StatusBadge status={s.status} />
      </td>
      <td class="num">{count(s.progress.orders)}</td>
      <td class="num">{count(s.progress.changed)}</td>
      <td>
        {s.status === 'stopped' ? (
          <button type="button" class="ghost danger small" onClick={() => void remove(s)} aria-label={`Delete ${s.name}`}>
            Delete
          </button>
        ) : null}
      </td>
    </tr>
  );
}
