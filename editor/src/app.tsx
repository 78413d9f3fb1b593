// The shell: sign-in until a session exists, then header, navigation and the current page.
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { liveError, liveStatus } from './api/live.ts';
import { Link } from './components/link.tsx';
import { Loading } from './components/notices.tsx';
import { AnalyticsPage } from './features/analytics/analytics-page.tsx';
import { InventoryPage } from './features/inventory/inventory-page.tsx';
import { MacrosPage } from './features/macros/macros-page.tsx';
import { OrdersPage } from './features/orders/orders-page.tsx';
import { PoliciesPage } from './features/policies/policies-page.tsx';
import { ShadowsPage } from './features/shadows/shadows-page.tsx';
import { SignIn } from './features/sign-in/sign-in.tsx';
import { SimulationsPage } from './features/simulations/simulations-page.tsx';
import { TestBenchPage } from './features/test-bench/test-bench-page.tsx';
import { VersionsPage } from './features/versions/versions-page.tsx';
import { navigate, segments } from './router.ts';
import { me, restoring, signOut } from './session.ts';

interface Section {
  id: string;
  label: string;
  page: () => JSX.Element;
}

const SECTIONS: { group: string; items: Section[] }[] = [
  {
    group: 'Rules',
    items: [
      { id: 'policies', label: 'Policies', page: PoliciesPage },
      { id: 'macros', label: 'Macros', page: MacrosPage },
      { id: 'test-bench', label: 'Test bench', page: TestBenchPage },
      { id: 'simulations', label: 'Simulations', page: SimulationsPage },
      { id: 'versions', label: 'Versions', page: VersionsPage },
    ],
  },
  {
    group: 'Operations',
    items: [
      { id: 'orders', label: 'Orders', page: OrdersPage },
      { id: 'inventory', label: 'Inventory', page: InventoryPage },
      { id: 'analytics', label: 'Analytics', page: AnalyticsPage },
      // Candidate policies on live traffic; last, so keyboard paths to the other sections stay as they were.
      { id: 'shadows', label: 'Shadows', page: ShadowsPage },
    ],
  },
];
const PAGES: Section[] = SECTIONS.flatMap((s) => s.items);

export function App() {
  if (restoring.value) return <Loading what="your session" />;
  if (!me.value) return <SignIn />;
  return <Shell />;
}

function Shell() {
  const section = segments.value[0];
  const page = PAGES.find((p) => p.id === section);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    if (!page) navigate('/policies', { replace: true });
  }, [page]);

  // Moving between sections puts keyboard focus on the new page's heading.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [section]);

  const Page = page?.page;
  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <span class="brand">Conveyor</span>
        <span class="brand-sub">editor</span>
        <LiveIndicator />
        <span class="who">
          {me.value?.name} <span class="role">{me.value?.role}</span>
        </span>
        <button type="button" class="ghost" onClick={signOut}>
          Sign out
        </button>
      </header>
      <nav class="sidebar" aria-label="Sections">
        {SECTIONS.map((s) => (
          <div key={s.group} class="nav-group">
            <span class="nav-heading">{s.group}</span>
            <ul>
              {s.items.map((item) => (
                <li key={item.id}>
                  <Link to={`/${item.id}`} class="nav-link" current={item.id === section}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main id="main" ref={main} class="content">
        {Page ? <Page /> : null}
      </main>
    </div>
  );
}

function LiveIndicator() {
  const status = liveStatus.value;
  if (status === 'off') return <span class="live" />;
  const text = { off: 'Not live', connecting: 'Connecting…', live: 'Live', retrying: 'Reconnecting…' }[status];
  return (
    <span class={`live live-${status}`} data-live={status} title={liveError.value ?? 'Live changes from GET /v1/events'} role="status">
      <span class="dot" aria-hidden="true" />
      {text}
    </span>
  );
}
