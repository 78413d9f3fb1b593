// Reading typed values out of libSQL rows: the only place that knows SQL values are loosely typed.
import type { Row } from '@libsql/client';

export const str = (row: Row, col: string): string => String(row[col]);
export const num = (row: Row, col: string): number => Number(row[col]);
export const bool = (row: Row, col: string): boolean => Number(row[col]) === 1;
export const optStr = (row: Row, col: string): string | undefined => (row[col] == null ? undefined : String(row[col]));
export const json = <T>(row: Row, col: string): T => JSON.parse(String(row[col])) as T;

// Statement texts are built per call and looked up in the prepared-statement cache by text: the
// few shapes in use are built once.
const built = new Map<number, string>();

/** `?, ?, ?` for an IN list of n values. */
export const placeholders = (n: number): string => rows(1, n).slice(1, -1);

/** `(?, ?), (?, ?)` for a multi-row VALUES clause of n rows of width columns. */
export function rows(n: number, width: number): string {
  const key = n * 65536 + width;
  let text = built.get(key);
  if (text === undefined) {
    const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    text = Array.from({ length: n }, () => row).join(', ');
    if (built.size < 4096) built.set(key, text);
  }
  return text;
}
