// The body of POST /v1/shadows and the queries of its pages. Strict, like every request body.
import { z } from 'zod';
import { SERVICE_LEVELS } from '../domain/types.ts';

export const ShadowRequest = z
  .object({
    name: z.string().min(1).max(100).optional(),
    /** The draft (pinned to its content and macro versions now) or a published version. */
    candidate: z.union([z.literal('draft'), z.number().int().positive()]).default('draft'),
    /** Promised delivery days per requested service level, for the on-time rate. */
    promisedDays: z.partialRecord(z.enum(SERVICE_LEVELS), z.number().int().min(0).max(365)).optional(),
  })
  .strict();
export type ShadowRequest = z.infer<typeof ShadowRequest>;

export const ShadowListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();

export const ShadowDiffQuery = z
  .object({
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    traces: z.enum(['0', '1', 'true', 'false']).default('1'),
  })
  .strict();
