// An NDJSON history cut into chunks of whole lines that fit the server's 1 MiB body limit, and a
// chunk's error lines named as lines of the whole file. Pure.
import type { ErrorDetail } from '../../api/types.ts';

/** Bytes per chunk: well inside the 1 MiB body limit. */
export const CHUNK_BYTES = 768 * 1024;

export interface Chunk {
  /** Whole lines, joined with `\n`. */
  text: string;
  /** 1-based line of the file the chunk starts at. */
  firstLine: number;
  /** Non-blank lines (orders) in the chunk. */
  orders: number;
}

/** Cuts NDJSON into chunks of whole lines of at most `maxBytes` (a longer line goes alone). */
export function chunkNdjson(text: string, maxBytes = CHUNK_BYTES): Chunk[] {
  const encoder = new TextEncoder();
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
  const chunks: Chunk[] = [];
  let current: string[] = [];
  let bytes = 0;
  let first = 1;
  const close = (next: number) => {
    if (current.some((l) => l.trim() !== ''))
      chunks.push({ text: current.join('\n'), firstLine: first, orders: current.filter((l) => l.trim() !== '').length });
    current = [];
    bytes = 0;
    first = next;
  };
  lines.forEach((line, i) => {
    const size = encoder.encode(line).length + 1;
    if (current.length > 0 && bytes + size > maxBytes) close(i + 1);
    current.push(line);
    bytes += size;
  });
  close(lines.length + 1);
  return chunks;
}

/** Counts the orders (non-blank lines) of an NDJSON text. */
export const countOrders = (text: string): number => text.split(/\r?\n/).filter((l) => l.trim() !== '').length;

/** Renames `line N` in a chunk's error details to the line of the whole file. */
export function inFileLines(details: ErrorDetail[], chunk: Chunk): ErrorDetail[] {
  return details.map((d) =>
    d.path === undefined ? d : { ...d, path: d.path.replace(/^line (\d+)/, (_m, n: string) => `line ${Number(n) + chunk.firstLine - 1}`) },
  );
}
