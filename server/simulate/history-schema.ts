// One line of an order history: the POST /v1/orders body plus its channel, and optionally what
// really happened. Validated with the same schema intake uses, so a history replays as it was taken.
import { z } from 'zod';
import type { ErrorDetail } from '../domain/errors.ts';
import { OrderRequest } from '../http/schemas.ts';
import type { SimOrder } from './types.ts';

const ActualSchema = z
  .object({
    deliveredAt: z.iso.datetime({ offset: true }).optional(),
    promisedBy: z.iso.datetime({ offset: true }).optional(),
    shipments: z.number().int().min(0).max(1000).optional(),
  })
  .strict();

export const HistoryOrderSchema = OrderRequest.extend({
  channelId: z.string().min(1).max(64),
  actual: ActualSchema.optional(),
}).strict();

export type ParsedLine = { ok: true; order: SimOrder } | { ok: false; details: ErrorDetail[] };

/** Validates one history record; `where` prefixes the error paths (e.g. "line 12"). */
export function parseHistoryOrder(value: unknown, where: string): ParsedLine {
  const result = HistoryOrderSchema.safeParse(value);
  if (result.success) return { ok: true, order: result.data };
  return {
    ok: false,
    details: result.error.issues.slice(0, 5).map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message })),
  };
}

/** Parses and validates one NDJSON line (1-based line number for messages). */
export function parseHistoryLine(line: string, lineNo: number): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, details: [{ path: `line ${lineNo}`, message: 'not valid JSON' }] };
  }
  return parseHistoryOrder(value, `line ${lineNo}`);
}
