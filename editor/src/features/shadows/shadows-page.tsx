// Shadows: a candidate policy decides every live order beside the live one, recording without
// acting, so a change can be watched on real traffic before it is published. `/shadows` starts one
// and lists them; `/shadows/:id` shows its KPIs next to live, coverage and changed orders;
// `…/orders/:channel/:externalId` opens one changed order's decisions and traces side by side.
import { useEffect } from 'preact/hooks';
import { segments } from '../../router.ts';
import { ShadowDetail } from './shadow-detail.tsx';
import { ShadowForm } from './shadow-form.tsx';
import { ShadowList } from './shadow-list.tsx';
import { loadShadows } from './shadows-store.ts';

export function ShadowsPage() {
  const [, id, sub, channelId, externalId] = segments.value;
  if (id) return <ShadowDetail key={id} id={id} order={sub === 'orders' && channelId && externalId ? { channelId, externalId } : null} />;
  return <ShadowsHome />;
}

function ShadowsHome() {
  useEffect(() => {
    void loadShadows();
  }, []);
  return (
    <div class="page">
      <h1 tabIndex={-1}>Shadows</h1>
      <p class="hint page-intro">
        A shadow runs a candidate policy beside the live one on every order placed from now on, through the same decision path, and records
        both decisions without acting on the candidate's: same KPIs and diff as a simulation, on real traffic.
      </p>
      <div class="sim-home">
        <ShadowForm />
        <ShadowList />
      </div>
    </div>
  );
}
