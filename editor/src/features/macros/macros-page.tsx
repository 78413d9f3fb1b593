// Macros: the list, the TypeScript editor with the macro API's IntelliSense, and a runner that
// calls one hook on a sample input. /macros/:name opens a macro; /macros/new starts one.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Badge } from '../../components/badges.tsx';
import { Link } from '../../components/link.tsx';
import { ErrorNotice, Loading, Unavailable, missingRoute } from '../../components/notices.tsx';
import { navigate, segments } from '../../router.ts';
import { MacroEditor } from './macro-editor.tsx';
import { current, currentError, listError, loadMacros, macros, openMacro } from './macros-store.ts';

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function MacrosPage() {
  const selected = segments.value[1];
  const newName = segments.value[0] === 'macros' && selected === 'new' ? segments.value[2] : undefined;

  useEffect(() => {
    void loadMacros();
  }, []);

  useEffect(() => {
    if (newName) void openMacro(newName, true);
    else if (selected && selected !== 'new') void openMacro(selected);
    else if (!selected && macros.value?.[0]) navigate(`/macros/${encodeURIComponent(macros.value[0].name)}`, { replace: true });
  }, [selected, newName, macros.value === null]);

  if (missingRoute(listError.value)) {
    return (
      <div class="page">
        <h1 tabIndex={-1}>Macros</h1>
        <Unavailable feature="Macros" route="GET /v1/macros" />
      </div>
    );
  }
  return (
    <div class="editor-page macros-page">
      <div class="page-head">
        <h1 tabIndex={-1}>Macros</h1>
      </div>
      <div class="macros-layout">
        <nav class="macro-list" aria-label="Macros">
          <ErrorNotice error={listError.value} title="Could not list macros" />
          {macros.value === null ? <Loading what="macros" /> : null}
          <ul>
            {(macros.value ?? []).map((m) => (
              <li key={m.name}>
                <Link to={`/macros/${encodeURIComponent(m.name)}`} class="nav-link" current={m.name === selected}>
                  {m.name} <span class="sub">v{m.version}</span>
                  <div>
                    {m.hooks.map((h) => (
                      <Badge key={h} tone="info">
                        {h}
                      </Badge>
                    ))}
                  </div>
                </Link>
              </li>
            ))}
          </ul>
          <NewMacroForm />
        </nav>
        {selected === 'new' && !newName ? (
          <p class="muted empty">Name the new macro on the left.</p>
        ) : currentError.value ? (
          <ErrorNotice error={currentError.value} title={`Could not open macro ${selected}`} />
        ) : current.value ? (
          <MacroEditor />
        ) : selected ? (
          <Loading what="the macro" />
        ) : (
          <p class="muted empty">No macros yet. Create one on the left.</p>
        )}
      </div>
    </div>
  );
}

function NewMacroForm() {
  const name = useSignal('');
  const valid = NAME.test(name.value);
  return (
    <form
      class="new-macro"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) navigate(`/macros/new/${name.value}`);
      }}
    >
      <label for="new-macro-name">New macro</label>
      <input
        id="new-macro-name"
        value={name.value}
        placeholder="e.g. prefer-cheapest"
        onInput={(e) => (name.value = e.currentTarget.value.trim())}
        aria-describedby="new-macro-help"
      />
      <p id="new-macro-help" class="hint">
        Lower-case letters, digits and dashes.
      </p>
      <button type="submit" disabled={!valid}>
        Create
      </button>
    </form>
  );
}
