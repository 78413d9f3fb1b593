// A card per variant with its KPIs; on candidates each KPI carries its change against the
// baseline, with an arrow, a colour and the word (better, worse), never colour alone.
import type { VariantResult } from '../../api/types.ts';
import { plural } from '../../components/format.ts';
import { formatKpi, type KpiDef, KPIS, kpiChange } from './kpi-defs.ts';

export function KpiCards({ variants, interim }: { variants: VariantResult[]; interim: boolean }) {
  const [base] = variants;
  if (!base) return null;
  return (
    <section aria-labelledby="kpi-title" class="kpi-section">
      <h2 id="kpi-title">KPIs {interim ? <span class="badge tone-info">interim</span> : null}</h2>
      <p class="hint">
        Money in major units per order that shipped anything; rates over shipping orders; delivery days over fully routed orders. Arrows
        show the change against the baseline: <span class="change better">green is better</span>,{' '}
        <span class="change worse">red is worse</span>.
      </p>
      <div class="kpi-grid">
        {variants.map((v, i) => (
          <VariantCard key={v.name} v={v} base={i === 0 ? null : base} />
        ))}
      </div>
    </section>
  );
}

function VariantCard({ v, base }: { v: VariantResult; base: VariantResult | null }) {
  const policy = v.policy.version === null ? String(v.policy.selector) : `version ${v.policy.version}`;
  return (
    <article class={`card kpi-card ${base ? 'candidate' : 'baseline'}`} aria-labelledby={`kpi-${v.name}`} data-variant={v.name}>
      <header>
        <h3 id={`kpi-${v.name}`}>{v.name}</h3>
        <span class="sub">
          {policy} · {plural(v.kpis.orders, 'order')}
        </span>
      </header>
      <dl class="kpi-list">
        {KPIS.map((def) => (
          <KpiRow key={def.id} def={def} v={v} base={base} />
        ))}
      </dl>
    </article>
  );
}

function KpiRow({ def, v, base }: { def: KpiDef; v: VariantResult; base: VariantResult | null }) {
  const value = def.read(v.kpis);
  return (
    <div class="kpi-row" data-kpi={def.id}>
      <dt>{def.label}</dt>
      <dd>
        <span class="kpi-value">{formatKpi(value, def.format)}</span>
        {base ? <Change def={def} base={def.read(base.kpis)} value={value} /> : <span class="sub">{def.better} is better</span>}
      </dd>
    </div>
  );
}

function Change({ def, base, value }: { def: KpiDef; base: number; value: number }) {
  const c = kpiChange(def, base, value);
  if (c.verdict === 'same') return <span class="change same">no change</span>;
  const arrow = c.direction === 'up' ? '▲' : '▼';
  return (
    <span class={`change ${c.verdict}`} title={`${def.better} is better; baseline ${formatKpi(base, def.format)}`}>
      <span aria-hidden="true">{arrow}</span> {c.text}
      {c.relative ? ` ${c.relative}` : ''} <span class="verdict-word">{c.verdict}</span>
    </span>
  );
}
