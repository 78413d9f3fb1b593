// Reading typed values out of libSQL rows: the only place that knows SQL values are loosely typed.
import type { Row } from '@libsql/client';

export const str = (row: Row, col: string): string => String(row[col]);
export const num = (row: Row, col: string): number => Number(row[col]);
export const bool = (row: Row, col: string): boolean => Number(row[col]) === 1;
export const optStr = (row: Row, col: string): string | undefined => (row[col] == null ? undefined : String(row[col]));
export const json = <T>(row: Row, col: string): T => JSON.parse(String(row[col])) as T;

/** `?, ?, ?` for an IN list of n values. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** `(?, ?), (?, ?)` for a multi-row VALUES clause of n rows of width columns. */
export const rows = (n: number, width: number): string => Array.from({ length: n }, () => `(${placeholders(width)})`).join(', ');
