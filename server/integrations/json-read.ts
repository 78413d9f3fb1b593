// Reading untyped platform JSON without `any`: each helper answers undefined for the wrong shape.

export type Json = Record<string, unknown>;

export const obj = (value: unknown): Json | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;

export const list = (value: unknown): unknown[] | undefined => (Array.isArray(value) ? value : undefined);

/** A non-blank string (numbers become strings); platforms send "" and null for "none". */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A finite number, also from a numeric string ("45.41634"). */
export function num(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** Follows a path of keys through nested objects. */
export function dig(value: unknown, ...keys: string[]): unknown {
  let at = value;
  for (const key of keys) at = obj(at)?.[key];
  return at;
}

/** The id at the end of a Shopify GraphQL id ("gid://shopify/Order/820982911946154508"). */
export function gidTail(value: unknown): string | undefined {
  const match = typeof value === 'string' ? /^gid:\/\/[^/]+\/[^/]+\/(\d+)$/.exec(value) : null;
  return match?.[1];
}
