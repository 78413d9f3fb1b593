// Reading NDJSON a line at a time from a string, a file or any stream of chunks, so a history of
// any size passes through in bounded memory.
import { createReadStream } from 'node:fs';
import { parseHistoryLine, type ParsedLine } from './history-schema.ts';

/** Lines of text from chunks (a line may span chunks), trimmed; blank lines included, so numbers match the file. */
export async function* readLines(chunks: AsyncIterable<string | Uint8Array> | Iterable<string>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of chunks) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      yield text.slice(start, nl).trim();
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  const last = (rest + decoder.decode()).trim();
  if (last) yield last;
}

/** Each non-blank line validated as a history order, with its 1-based line number. */
export async function* parseNdjson(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string>,
): AsyncGenerator<ParsedLine & { line: number }> {
  let n = 0;
  for await (const line of readLines(chunks)) {
    n++;
    if (line) yield { ...parseHistoryLine(line, n), line: n };
  }
}

/** An NDJSON file's orders, streamed. */
export const ndjsonFile = (path: string) => parseNdjson(createReadStream(path));
