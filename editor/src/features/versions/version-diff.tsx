// A line diff between two policy documents: any published version or the draft on each side.
import { useComputed } from '@preact/signals';
import { ErrorNotice } from '../../components/notices.tsx';
import { diffLines, foldUnchanged } from './line-diff.ts';
import { type DocChoice, diffError, left, list, loadDiff, right, texts } from './versions-store.ts';

const parse = (v: string): DocChoice => (v === 'draft' ? 'draft' : Number(v));
const name = (c: DocChoice | null): string => (c === 'draft' || c === null ? 'draft' : `version ${c}`);

export function VersionDiff() {
  const lines = useComputed(() => (texts.value ? foldUnchanged(diffLines(texts.value.left, texts.value.right)) : null));
  const options = ['draft' as DocChoice, ...(list.value?.versions.map((v) => v.version) ?? [])];
  const changed = lines.value?.filter((l) => l.kind === 'add' || l.kind === 'del').length ?? 0;
  const select = (id: string, label: string, value: DocChoice | null, set: (c: DocChoice) => void) => (
    <>
      <label for={id}>{label}</label>
      <select
        id={id}
        value={String(value)}
        onChange={(e) => {
          set(parse(e.currentTarget.value));
          void loadDiff();
        }}
      >
        {options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {name(o)}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <section class="version-diff" aria-labelledby="diff-heading">
      <h2 id="diff-heading">Compare</h2>
      <div class="toolbar">
        {select('diff-left', 'From', left.value, (c) => (left.value = c))}
        {select('diff-right', 'to', right.value, (c) => (right.value = c))}
        <span class="muted" role="status">
          {lines.value ? (changed === 0 ? 'identical' : `${changed} changed lines`) : ''}
        </span>
      </div>
      <ErrorNotice error={diffError.value} title="Could not load a document" />
      {lines.value && changed > 0 ? (
        <section class="diff" aria-label={`Changes from ${name(left.value)} to ${name(right.value)}`}>
          {lines.value.map((l, i) =>
            l.kind === 'gap' ? (
              <div key={i} class="gap">
                … {l.count} unchanged lines
              </div>
            ) : (
              <div key={i} class={l.kind}>
                <span aria-hidden="true">{l.kind === 'add' ? '+ ' : l.kind === 'del' ? '- ' : '  '}</span>
                <span class="sr-only">{l.kind === 'add' ? 'added: ' : l.kind === 'del' ? 'removed: ' : ''}</span>
                {l.text}
              </div>
            ),
          )}
        </section>
      ) : null}
    </section>
  );
}
