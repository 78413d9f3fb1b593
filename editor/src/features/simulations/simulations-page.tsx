// Simulations: replay an order history under a baseline policy and candidates, side by side,
// before anyone publishes. `/simulations` starts one and lists the past ones; `/simulations/:id`
// follows a job to its KPIs, charts and changed orders; `…/orders/:channel/:externalId` opens
// one changed order's decisions and traces side by side.
import { useEffect } from 'preact/hooks';
import { loadCatalogue } from '../../catalogue.ts';
import { segments } from '../../router.ts';
import { SimulationDetail } from './simulation-detail.tsx';
import { SimulationForm } from './simulation-form.tsx';
import { SimulationList } from './simulation-list.tsx';
import { loadSimulations } from './simulations-store.ts';

export function SimulationsPage() {
  const [, id, sub, channelId, externalId] = segments.value;
  if (id)
    return <SimulationDetail key={id} id={id} order={sub === 'orders' && channelId && externalId ? { channelId, externalId } : null} />;
  return <SimulationsHome />;
}

function SimulationsHome() {
  useEffect(() => {
    void loadSimulations();
    void loadCatalogue().catch(() => undefined);
  }, []);
  return (
    <div class="page">
      <h1 tabIndex={-1}>Simulations</h1>
      <p class="hint page-intro">
        Replays past or generated orders through the exact live decision path (policies, macros, routing) on in-memory stock, once per
        variant. Nothing live is written or reserved.
      </p>
      <div class="sim-home">
        <SimulationForm />
        <SimulationList />
      </div>
    </div>
  );
}
