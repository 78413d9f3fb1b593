// Rule coverage, one column per variant: how many orders each rule matched of those it was
// evaluated on (a rule that never matched is marked dead), and how often each macro the policy
// names ran, failed and held orders (one that never ran is marked). Simulations and shadows alike.
import type { MacroOutcome, RuleOutcome, VariantResult } from '../../api/types.ts';
import { Badge } from '../../components/badges.tsx';
import { micros } from '../../components/format.ts';

const count = (n: number): string => n.toLocaleString('en-GB');
const share = (part: number, whole: number): string =>
  whole === 0 ? '' : ` (${((100 * part) / whole).toFixed(part === whole || part === 0 ? 0 : 1)}%)`;
const union = (lists: string[][]): string[] => [...new Set(lists.flat())];

/** Whether a rule was evaluated and never matched. */
export const isDeadRule = (o: RuleOutcome): boolean => o.evaluated > 0 && o.matched === 0;

export function RuleCoverage({ variants }: { variants: VariantResult[] }) {
  const rules = union(variants.map((v) => (v.rules ?? []).map((r) => r.rule)));
  const macros = union(variants.map((v) => (v.macros ?? []).map((m) => m.macro)));
  return (
    <section class="kpi-section coverage-section" aria-labelledby="coverage-title">
      <h2 id="coverage-title">Rule coverage</h2>
      <p class="hint">
        How often each rule matched the orders it was evaluated on, and how often each macro ran. <Badge tone="warn">dead</Badge> marks a
        rule that never matched, <Badge tone="warn">never ran</Badge> a macro that was not called once.
      </p>
      {rules.length === 0 ? <p class="muted">No variant has policy rules.</p> : <RuleTable rules={rules} variants={variants} />}
      {macros.length > 0 ? <MacroTable macros={macros} variants={variants} /> : null}
    </section>
  );
}

function RuleTable({ rules, variants }: { rules: string[]; variants: VariantResult[] }) {
  return (
    <div class="table-wrap">
      <table class="grid-table compact coverage-table">
        <caption class="sr-only">Rules: orders matched of orders evaluated, per variant</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Action</th>
            {variants.map((v) => (
              <th key={v.name} scope="col" class="num">
                {v.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => {
            const outcomes = variants.map((v) => v.rules?.find((r) => r.rule === rule));
            return (
              <tr key={rule} data-rule={rule}>
                <th scope="row">{rule}</th>
                <td>{outcomes.find((o) => o)?.action ?? ''}</td>
                {outcomes.map((o, i) => (
                  <RuleCell key={variants[i]?.name} o={o} variant={variants[i]?.name ?? ''} />
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function RuleCell({ o, variant }: { o: RuleOutcome | undefined; variant: string }) {
  if (!o)
    return (
      <td class="num muted" data-variant={variant}>
        not in this policy
      </td>
    );
  return (
    <td class={`num ${isDeadRule(o) ? 'dead' : ''}`} data-variant={variant}>
      {count(o.matched)} of {count(o.evaluated)}
      {share(o.matched, o.evaluated)} {isDeadRule(o) ? <Badge tone="warn">dead</Badge> : null}
    </td>
  );
}

function MacroTable({ macros, variants }: { macros: string[]; variants: VariantResult[] }) {
  return (
    <div class="table-wrap">
      <table class="grid-table compact coverage-table macro-coverage">
        <caption class="sr-only">Macros: calls, failures and holds, per variant</caption>
        <thead>
          <tr>
            <th scope="col">Macro</th>
            {variants.map((v) => (
              <th key={v.name} scope="col" class="num">
                {v.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {macros.map((macro) => (
            <tr key={macro} data-macro={macro}>
              <th scope="row">{macro}</th>
              {variants.map((v) => (
                <MacroCell key={v.name} m={v.macros?.find((x) => x.macro === macro)} variant={v.name} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MacroCell({ m, variant }: { m: MacroOutcome | undefined; variant: string }) {
  if (!m)
    return (
      <td class="num muted" data-variant={variant}>
        not in this policy
      </td>
    );
  if (m.calls === 0)
    return (
      <td class="num never-ran" data-variant={variant}>
        <Badge tone="warn">never ran</Badge>
        {m.holds > 0 ? <div class="sub">{count(m.holds)} held</div> : null}
      </td>
    );
  const hooks = Object.entries(m.hooks)
    .map(([hook, h]) => `${hook} ${count(h.calls)}`)
    .join(', ');
  const errors = Object.entries(m.errors)
    .map(([kind, n]) => `${kind} ${count(n)}`)
    .join(', ');
  return (
    <td class="num" data-variant={variant}>
      {count(m.calls)} calls on {count(m.orders)} orders
      <div class="sub">
        {hooks}
        {m.meanDurationUs !== undefined ? ` · ${micros(m.meanDurationUs)} a call` : ''}
      </div>
      {m.failures > 0 || m.holds > 0 ? (
        <div class="sub">
          <Badge tone="bad">{count(m.failures)} failed</Badge> {errors} {m.holds > 0 ? `· ${count(m.holds)} held` : ''}
        </div>
      ) : null}
    </td>
  );
}
