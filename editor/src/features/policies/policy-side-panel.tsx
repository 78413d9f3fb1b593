// Beside the policy editor: the server's problems with the last save, the analysis warnings,
// and every rule as one sentence. Each entry jumps to its place in the editor.
import { useComputed } from '@preact/signals';
import { Badge } from '../../components/badges.tsx';
import { ErrorNotice } from '../../components/notices.tsx';
import { ruleWords } from '../../rules/describe.ts';
import { saveError, text, warnings } from './policies-store.ts';

type Reveal = (at: { path: string }) => void;

interface RuleRow {
  index: number;
  name: string;
  priority: number;
  sentence: string;
}

/** The rules of the editor's text, or null when it does not parse. */
function parseRules(source: string | null): RuleRow[] | null {
  if (source === null) return [];
  try {
    const doc = JSON.parse(source) as { rules?: unknown };
    const rules = Array.isArray(doc.rules) ? doc.rules : [];
    return rules.map((r: { name?: unknown; priority?: unknown }, index) => ({
      index,
      name: typeof r?.name === 'string' ? r.name : `(rule ${index + 1} has no name)`,
      priority: typeof r?.priority === 'number' ? r.priority : 1,
      sentence: ruleWords(r),
    }));
  } catch {
    return null;
  }
}

/** The JSON path of the named rule's name in `source`, for a warning marker. */
export function warningPath(source: string | null, rule: string): string | null {
  const rows = parseRules(source);
  const at = rows?.find((r) => r.name === rule);
  return at ? `rules.${at.index}.name` : null;
}

export function PolicySidePanel({ onReveal }: { onReveal: Reveal }) {
  const rules = useComputed(() => parseRules(text.value));
  const error = saveError.value;
  return (
    <aside class="side-panel" aria-label="Draft problems, warnings and rules">
      {error ? (
        <section aria-labelledby="problems-title">
          <h2 id="problems-title">Not saved</h2>
          <ErrorNotice error={error} title="The server refused the draft" />
          {error.details.some((d) => d.path) ? (
            <ul class="link-list">
              {error.details.map((d, i) =>
                d.path ? (
                  <li key={i}>
                    <button type="button" class="link" onClick={() => onReveal({ path: d.path as string })}>
                      Go to <code>{d.path}</code>
                    </button>
                  </li>
                ) : null,
              )}
            </ul>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="warnings-title">
        <h2 id="warnings-title">Analysis ({warnings.value.length})</h2>
        {warnings.value.length === 0 ? <p class="muted">No rule that never fires, is shadowed or contradicts another.</p> : null}
        <ul class="rule-list">
          {warnings.value.map((w, i) => {
            const path = warningPath(text.value, w.rule);
            return (
              <li key={i} class="warning-item">
                <Badge tone="warn">{w.kind}</Badge>{' '}
                {path ? (
                  <button type="button" class="link rule-name" onClick={() => onReveal({ path })}>
                    {w.rule}
                  </button>
                ) : (
                  <strong>{w.rule}</strong>
                )}
                <div class="rule-text">{w.message}</div>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="rules-title">
        <h2 id="rules-title">Rules ({rules.value?.length ?? '?'})</h2>
        {rules.value === null ? <p class="muted">The JSON does not parse yet; the summary shows again once it does.</p> : null}
        <ol class="rule-list">
          {(rules.value ?? []).map((r) => (
            <li key={r.index}>
              <button type="button" class="link rule-name" onClick={() => onReveal({ path: `rules.${r.index}` })}>
                {r.name}
              </button>{' '}
              <span class="muted">priority {r.priority}</span>
              <div class="rule-text">{r.sentence}</div>
            </li>
          ))}
        </ol>
      </section>
    </aside>
  );
}
