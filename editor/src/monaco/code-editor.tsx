// A Monaco editor as a Preact component: created in an effect on a ref, disposed on unmount,
// changes reported debounced, Ctrl/Cmd+S to save, and server problems shown as markers.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { locateJsonPath } from './json-locate.ts';
import { loadMonaco, type Monaco } from './load.ts';

type Editor = ReturnType<Monaco['editor']['create']>;

/** A problem to show: at a JSON path of the text, or at a line and column. */
export type EditorMarker = { message: string; severity?: 'error' | 'warning' } & ({ path: string } | { line: number; column: number });

/** What a parent can do with a mounted editor. */
export interface EditorHandle {
  getValue(): string;
  setValue(text: string): void;
  format(): Promise<void>;
  /** Moves the cursor to a JSON path or line and focuses the editor. */
  reveal(at: { path: string } | { line: number; column: number }): void;
}

interface CodeEditorProps {
  /** The model's URI; it picks the JSON schema (`*.policy.json`) or the macro's module path. */
  uri: string;
  language: 'json' | 'typescript';
  /** The text when created; later changes come from typing or `handle.setValue`. */
  initialValue: string;
  label: string;
  onChange?: (text: string) => void;
  onSave?: () => void;
  markers?: EditorMarker[];
  readOnly?: boolean;
  handle?: RefObject<EditorHandle | null>;
  /** Runs once Monaco is loaded, before the model exists (schemas, extra libs). */
  prepare?: (monaco: Monaco) => Promise<void> | void;
  debounceMs?: number;
}

export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<{ monaco: Monaco; editor: Editor } | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cleanup = () => {};
    void (async () => {
      try {
        const monaco = await loadMonaco();
        await latest.current.prepare?.(monaco);
        if (disposed || !host.current) return;
        const uri = monaco.Uri.parse(props.uri);
        monaco.editor.getModel(uri)?.dispose();
        const model = monaco.editor.createModel(props.initialValue, props.language, uri);
        const ed = monaco.editor.create(host.current, {
          model,
          ariaLabel: props.label,
          automaticLayout: true,
          minimap: { enabled: false },
          fontSize: 13,
          scrollBeyondLastLine: false,
          tabSize: 2,
          readOnly: props.readOnly ?? false,
          fixedOverflowWidgets: true,
          renderLineHighlight: 'line',
        });
        // A pending change is reported at once when the editor loses focus or saves, so a button
        // clicked right after typing (Run, Save) never acts on text from before the last keystrokes.
        let pending = false;
        const report = () => {
          clearTimeout(timer);
          if (!pending) return;
          pending = false;
          latest.current.onChange?.(model.getValue());
        };
        ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => {
          report();
          latest.current.onSave?.();
        });
        const sub = model.onDidChangeContent(() => {
          pending = true;
          clearTimeout(timer);
          timer = setTimeout(report, latest.current.debounceMs ?? 300);
        });
        const blur = ed.onDidBlurEditorWidget(report);
        editor.current = { monaco, editor: ed };
        if (props.handle) props.handle.current = handleFor(monaco, ed);
        applyMarkers(monaco, ed, latest.current.markers);
        cleanup = () => {
          clearTimeout(timer);
          sub.dispose();
          blur.dispose();
          ed.dispose();
          model.dispose();
        };
      } catch (err) {
        if (!disposed) setFailed(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      disposed = true;
      if (props.handle) props.handle.current = null;
      editor.current = null;
      cleanup();
    };
  }, [props.uri, props.language]);

  useEffect(() => {
    const e = editor.current;
    if (e) applyMarkers(e.monaco, e.editor, props.markers);
  }, [props.markers]);

  useEffect(() => {
    editor.current?.editor.updateOptions({ readOnly: props.readOnly ?? false });
  }, [props.readOnly]);

  if (failed) return <p class="error-text">The code editor failed to load: {failed}</p>;
  return <div ref={host} class="code" data-editor-uri={props.uri} />;
}

function position(model: ReturnType<Editor['getModel']> & object, at: { path: string } | { line: number; column: number }) {
  if ('line' in at) return { start: { lineNumber: at.line, column: at.column }, end: null };
  const span = locateJsonPath(model.getValue(), at.path);
  if (!span) return { start: { lineNumber: 1, column: 1 }, end: null };
  return { start: model.getPositionAt(span.start), end: model.getPositionAt(span.end) };
}

function applyMarkers(monaco: Monaco, ed: Editor, markers: EditorMarker[] | undefined): void {
  const model = ed.getModel();
  if (!model) return;
  monaco.editor.setModelMarkers(
    model,
    'conveyor',
    (markers ?? []).map((m) => {
      const { start, end } = position(model, m);
      // Without an end (line and column only), underline the word there, or the rest of the line.
      const word = end ? null : model.getWordAtPosition(start);
      const last = end ?? {
        lineNumber: start.lineNumber,
        column: word?.endColumn ?? model.getLineMaxColumn(Math.min(start.lineNumber, model.getLineCount())),
      };
      return {
        message: m.message,
        severity: m.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Error,
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: last.lineNumber,
        endColumn: Math.max(last.column, start.column + 1),
      };
    }),
  );
}

function handleFor(monaco: Monaco, ed: Editor): EditorHandle {
  return {
    getValue: () => ed.getModel()?.getValue() ?? '',
    setValue: (text) => ed.getModel()?.setValue(text),
    format: async () => {
      await ed.getAction('editor.action.formatDocument')?.run();
    },
    reveal: (at) => {
      const model = ed.getModel();
      if (!model) return;
      const { start } = position(model, at);
      ed.setPosition(start);
      ed.revealPositionInCenter(start, monaco.editor.ScrollType.Smooth);
      ed.focus();
    },
  };
}
