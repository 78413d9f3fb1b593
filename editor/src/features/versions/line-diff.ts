// A line diff of two texts (longest common subsequence), with unchanged runs folded down to a
// few lines of context. Pure; policy documents are a few hundred lines, so O(n*m) is fine.

export type DiffLine = { kind: 'same' | 'add' | 'del'; text: string } | { kind: 'gap'; count: number };

/** Lines of `before` and `after` as kept, removed and added, in order. */
export function diffLines(before: string, after: string): Exclude<DiffLine, { kind: 'gap' }>[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  // lcs[i * (m + 1) + j]: length of the LCS of a[i..] and b[j..].
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * (m + 1) + j + 1] as number) + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j] as number, lcs[i * (m + 1) + j + 1] as number);
    }
  }
  const out: Exclude<DiffLine, { kind: 'gap' }>[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] as string });
      i++;
      j++;
    } else if (i < n && (j === m || (lcs[(i + 1) * (m + 1) + j] as number) >= (lcs[i * (m + 1) + j + 1] as number))) {
      out.push({ kind: 'del', text: a[i] as string });
      i++;
    } else {
      out.push({ kind: 'add', text: b[j] as string });
      j++;
    }
  }
  return out;
}

/** Folds runs of unchanged lines longer than 2 x `context` into a gap marker. */
export function foldUnchanged(lines: Exclude<DiffLine, { kind: 'gap' }>[], context = 3): DiffLine[] {
  const out: DiffLine[] = [];
  let run: Exclude<DiffLine, { kind: 'gap' }>[] = [];
  const flush = (atStart: boolean, atEnd: boolean) => {
    const head = atStart ? 0 : context;
    const tail = atEnd ? 0 : context;
    if (run.length > head + tail + 1) {
      out.push(...run.slice(0, head), { kind: 'gap', count: run.length - head - tail }, ...run.slice(run.length - tail));
    } else {
      out.push(...run);
    }
    run = [];
  };
  let seenChange = false;
  for (const line of lines) {
    if (line.kind === 'same') {
      run.push(line);
      continue;
    }
    flush(!seenChange, false);
    seenChange = true;
    out.push(line);
  }
  flush(!seenChange, true);
  return out;
}
