// Simulations: replaying past orders against a draft is a later issue. Until the server offers
// GET /v1/simulations this page says so; once it answers, its simulations are listed here.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { listSimulations } from '../../api/client.ts';
import type { Simulation } from '../../api/types.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { dateTime } from '../../components/format.ts';
import { Link } from '../../components/link.tsx';
import { ErrorNotice, Loading, missingRoute } from '../../components/notices.tsx';

export function SimulationsPage() {
  const sims = useSignal<Simulation[] | null>(null);
  const error = useSignal<unknown>(null);

  useEffect(() => {
    listSimulations().then(
      (r) => (sims.value = r.simulations ?? []),
      (err: unknown) => (error.value = err),
    );
  }, []);

  return (
    <div class="page">
      <h1 tabIndex={-1}>Simulations</h1>
      {missingRoute(error.value) ? (
        <div class="notice info" role="status">
          <strong>Simulations are coming</strong>
          <span>
            Replaying past orders against a draft policy and comparing cost, split rate and delivery times arrives with the simulation API.
            Until then, try a draft on single orders in the <Link to="/test-bench">test bench</Link>.
          </span>
        </div>
      ) : (
        <ErrorNotice error={error.value} title="Could not list simulations" />
      )}
      {!sims.value && !error.value ? <Loading what="simulations" /> : null}
      {sims.value ? <SimulationTable sims={sims.value} /> : null}
    </div>
  );
}

function SimulationTable({ sims }: { sims: Simulation[] }) {
  if (sims.length === 0) return <p class="muted">No simulations yet.</p>;
  return (
    <table class="grid-table">
      <thead>
        <tr>
          <th scope="col">Simulation</th>
          <th scope="col">Status</th>
          <th scope="col">Created</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {sims.map((s) => (
          <tr key={s.id}>
            <th scope="row">{s.name ?? s.id}</th>
            <td>{s.status ? <StatusBadge status={s.status} /> : '–'}</td>
            <td>{dateTime(s.createdAt)}</td>
            <td>
              <details>
                <summary>JSON</summary>
                <pre class="json small">{JSON.stringify(s, null, 2)}</pre>
              </details>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
