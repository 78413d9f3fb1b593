// A decision trace in readable sections: the order's facts, the rules and their conditions,
// the actions and how they combined, macro calls with output and logs, and routing.
import type { DecisionTrace, Directive, MacroCallTrace, MacroFailure, RoutingConstraints, RuleTrace } from '../../api/types.ts';
import { actionWords } from '../../rules/describe.ts';
import { Verdict } from '../badges.tsx';
import { brief, micros, money } from '../format.ts';
import { RoutingTraceView } from './routing-trace.tsx';
import { RuleTraceList } from './rule-trace.tsx';

export function TraceView({ trace }: { trace: DecisionTrace | undefined }) {
  const t = trace ?? {};
  const rules = (t.rules ?? []) as RuleTrace[];
  const macros = (t.macros ?? []) as MacroCallTrace[];
  return (
    <div class="trace">
      {t.facts ? (
        <details class="trace-section">
          <summary>Facts ({Object.keys(t.facts).length})</summary>
          <FactsTable facts={t.facts} />
        </details>
      ) : null}
      {t.rules ? (
        <details class="trace-section" open>
          <summary>Rules</summary>
          <RuleTraceList rules={rules} />
        </details>
      ) : (
        <p class="muted">No policy took part in this decision.</p>
      )}
      {t.directives || t.constraints ? (
        <details class="trace-section" open>
          <summary>Actions and how they combined</summary>
          <Combined directives={t.directives ?? []} constraints={t.constraints} />
        </details>
      ) : null}
      {macros.length > 0 ? (
        <details class="trace-section" open>
          <summary>Macros ({macros.length})</summary>
          <MacroCalls calls={macros} />
        </details>
      ) : null}
      <details class="trace-section" open>
        <summary>Routing</summary>
        <RoutingTraceView routing={t.routing} />
      </details>
    </div>
  );
}

function FactsTable({ facts }: { facts: Record<string, unknown> }) {
  return (
    <table class="kv">
      <tbody>
        {Object.entries(facts).map(([k, v]) => (
          <tr key={k}>
            <th scope="row">
              <code>{k}</code>
            </th>
            <td>
              <code>{brief(v, 120)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Combined({ directives, constraints }: { directives: Directive[]; constraints: RoutingConstraints | undefined }) {
  return (
    <div class="combined">
      {directives.length === 0 ? (
        <p class="muted">No action was taken.</p>
      ) : (
        <ol>
          {directives.map((d, i) => (
            <li key={i}>
              <code>{d.type}</code> {actionWords(d.type, d.params)}
            </li>
          ))}
        </ol>
      )}
      {constraints ? (
        <dl class="inline-dl">
          <dt>Allowed</dt>
          <dd>{constraints.allowedWarehouses === null ? 'every warehouse' : constraints.allowedWarehouses.join(', ') || 'none'}</dd>
          <dt>Excluded</dt>
          <dd>{constraints.excludedWarehouses.join(', ') || 'none'}</dd>
          <dt>Preferred</dt>
          <dd>{constraints.preferredWarehouses.join(', ') || 'none'}</dd>
          <dt>Split</dt>
          <dd>{constraints.forbidSplit ? 'forbidden' : 'allowed'}</dd>
          <dt>Cross-border</dt>
          <dd>{constraints.forbidCrossBorder ? 'forbidden' : 'allowed'}</dd>
          {Object.keys(constraints.scoreAdjustments).length > 0 ? (
            <>
              <dt>Score</dt>
              <dd>
                {Object.entries(constraints.scoreAdjustments)
                  .map(([w, v]) => `${w} ${v === null ? 'vetoed' : `${v >= 0 ? '+' : ''}${money(v)}`}`)
                  .join(', ')}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </div>
  );
}

/** A macro failure as one line: `timeout: the hook ran past 50 ms`. */
export function failureText(e: MacroFailure | undefined): string {
  if (e === undefined) return 'failed';
  return typeof e === 'string' ? e : `${e.kind}: ${e.message}`;
}

/** Each macro call: hook, outcome, returned value and console output. */
export function MacroCalls({ calls }: { calls: MacroCallTrace[] }) {
  return (
    <ul class="macro-calls">
      {calls.map((m, i) => (
        <li key={i} class="card inset">
          <div>
            <strong>{m.macro}</strong>
            {m.version ? <span class="sub"> v{m.version}</span> : null} <code>{m.hook}</code> <Verdict ok={m.ok} yes="ok" no="failed" />{' '}
            {m.durationUs === undefined ? null : <span class="muted">{micros(m.durationUs)}</span>}
          </div>
          {m.ok ? <pre class="json small">{JSON.stringify(m.value, null, 2)}</pre> : <p class="error-text">{failureText(m.error)}</p>}
          {m.logs && m.logs.length > 0 ? <ConsoleOutput lines={m.logs} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** What a macro printed with console.*, one line each. */
export function ConsoleOutput({ lines }: { lines: string[] }) {
  return (
    <figure class="console">
      <figcaption class="sub">Console output</figcaption>
      <pre class="logs">{lines.join('\n')}</pre>
    </figure>
  );
}
