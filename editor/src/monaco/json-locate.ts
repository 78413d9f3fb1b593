// Finds where a dotted JSON path (`rules.2.conditions.all.0.fact`, as the server's 400 details
// name them) sits in a JSON text, so a server error becomes a squiggle in the right place. Pure.

export interface TextSpan {
  start: number;
  end: number;
}

/** Where a path points: the span to mark, and whether the whole path was found. */
export interface Located extends TextSpan {
  exact: boolean;
}

interface Node extends TextSpan {
  /** For a member of an object: the span of its key. */
  key?: TextSpan;
  children?: Map<string, Node>;
}

/** Parses JSON text into a tree of spans; null when the text is not valid JSON. */
function parseSpans(text: string): Node | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const fail = (): never => {
    throw new SyntaxError(`unexpected input at ${i}`);
  };
  const string = (): TextSpan => {
    const start = i;
    if (text[i] !== '"') fail();
    for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    if (i >= text.length) fail();
    i++;
    return { start, end: i };
  };
  const value = (): Node => {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const children = new Map<string, Node>();
      i++;
      ws();
      for (let n = 0; text[i] !== close; n++) {
        if (n > 0) text[i] === ',' ? i++ : fail();
        ws();
        if (c === '{') {
          const key = string();
          ws();
          text[i] === ':' ? i++ : fail();
          const child = value();
          child.key = key;
          children.set(JSON.parse(text.slice(key.start, key.end)) as string, child);
        } else {
          children.set(String(n), value());
        }
        ws();
        if (i >= text.length) fail();
      }
      i++;
      return { start, end: i, children };
    }
    if (c === '"') return string();
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) fail();
    i += (m as RegExpExecArray)[0].length;
    return { start, end: i };
  };
  try {
    const root = value();
    ws();
    return i === text.length ? root : null;
  } catch {
    return null;
  }
}

/**
 * The span a path points at: a scalar's value, or the key of an object or array member (so a
 * large block is not underlined whole). A path that goes past what exists stops at the deepest
 * node found (`exact: false`), e.g. a missing required property marks its parent's key.
 */
export function locateJsonPath(text: string, path: string | readonly (string | number)[]): Located | null {
  const root = parseSpans(text);
  if (!root) return null;
  const segments = typeof path === 'string' ? (path === '' ? [] : path.split('.')) : path.map(String);
  let node = root;
  let exact = true;
  for (const s of segments) {
    const next = node.children?.get(s);
    if (!next) {
      exact = false;
      break;
    }
    node = next;
  }
  const span = node.children && node.key ? node.key : node.children ? { start: node.start, end: node.start + 1 } : node;
  return { start: span.start, end: span.end, exact };
}
