// Rules as they were evaluated for one order: each rule matched or not, and its condition tree
// with the order's value of every fact next to what the rule compared it with.
import type { ConditionTrace, RuleTrace } from '../../api/types.ts';
import { leafWords } from '../../rules/describe.ts';
import { Verdict } from '../badges.tsx';
import { brief } from '../format.ts';

export function RuleTraceList({ rules }: { rules: RuleTrace[] }) {
  if (rules.length === 0) return <p class="muted">No rules were evaluated.</p>;
  const fired = rules.filter((r) => r.result).length;
  return (
    <div>
      <p class="muted">
        {fired} of {rules.length} rules matched, in evaluation order (priority first, then document order).
      </p>
      <ol class="rule-traces">
        {rules.map((r) => (
          <li key={r.name} class={r.result ? 'fired' : 'idle'}>
            <details open={r.result}>
              <summary>
                <Verdict ok={r.result} /> <strong>{r.name}</strong> <span class="muted">priority {r.priority}</span>
              </summary>
              {/* A replay that keeps no traces records a rule's outcome without its condition tree. */}
              {r.conditions ? <ConditionNode node={r.conditions} /> : <p class="muted">Its conditions were not recorded.</p>}
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}

function ConditionNode({ node }: { node: ConditionTrace }) {
  if ('fact' in node) {
    return (
      <div class={`cond leaf ${node.result ? 'yes' : 'no'}`}>
        <Verdict ok={node.result} yes="true" no="false" /> <code>{leafWords(node.fact, node.operator, node.value)}</code>
        <span class="fact-value">
          {' '}
          — the order's <code>{node.fact}</code> is <code>{node.factValue === undefined ? 'undefined' : brief(node.factValue, 60)}</code>
        </span>
      </div>
    );
  }
  const [label, children] = 'all' in node ? ['all of', node.all] : 'any' in node ? ['any of', node.any] : ['not', [node.not]];
  return (
    <div class={`cond group ${node.result ? 'yes' : 'no'}`}>
      <div>
        <Verdict ok={node.result} yes="true" no="false" /> <strong>{label}</strong>
        {children.length === 0 ? <span class="muted"> (empty)</span> : null}
      </div>
      <div class="cond-children">
        {children.map((c, i) => (
          <ConditionNode key={i} node={c} />
        ))}
      </div>
    </div>
  );
}
