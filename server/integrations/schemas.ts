// Request bodies and queries of the integration routes, strict like the rest of the API.
import { z } from 'zod';
import { PLATFORMS } from './draft-order.ts';
import { isCurrency } from './money.ts';

const sku = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore only');

export const IntegrationRequest = z
  .object({
    platform: z.enum(PLATFORMS),
    /** The shared secret the platform signs webhooks with; kept when omitted on a later PUT. */
    secret: z.string().min(8).max(500).optional(),
    currencyRates: z
      .record(
        z
          .string()
          .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
          .refine(isCurrency, 'not a known currency'),
        z.number().positive().max(1_000_000),
      )
      .optional(),
  })
  .strict();
export type IntegrationRequest = z.infer<typeof IntegrationRequest>;

export const SkuMapRequest = z
  .object({
    mappings: z.array(z.object({ platformSku: z.string().min(1).max(255), sku }).strict()).max(20_000),
  })
  .strict();
export type SkuMapRequest = z.infer<typeof SkuMapRequest>;

const bufferPercent = z.number().min(0).max(100);
const safetyUnits = z.number().int().min(0).max(1_000_000);

export const StockSettingsRequest = z
  .object({
    bufferPercent: bufferPercent.default(0),
    safetyUnits: safetyUnits.default(0),
    warehouses: z.array(sku).max(500).nullable().default(null),
    overrides: z
      .record(sku, z.object({ bufferPercent: bufferPercent.optional(), safetyUnits: safetyUnits.optional() }).strict())
      .default({}),
  })
  .strict();
export type StockSettingsRequest = z.infer<typeof StockSettingsRequest>;

export const FeedQuery = z
  .object({
    format: z.enum(['csv', 'json']).optional(),
    mode: z.enum(['atomic', 'best_effort']).default('atomic'),
    kind: z.enum(['snapshot', 'adjustment']),
    complete: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    warehouseId: sku.optional(),
    reason: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine((q) => !q.complete || (q.kind === 'snapshot' && q.warehouseId), {
    message: 'complete=true is for a snapshot of one warehouse: add warehouseId',
    path: ['complete'],
  });

export const StockQuery = z.object({ skus: z.string().max(10_000).optional() }).strict();

export const AmazonImportRequest = z
  .object({ getOrder: z.unknown(), getOrderItems: z.unknown().optional(), getOrderAddress: z.unknown().optional() })
  .strict()
  .refine((b) => b.getOrder !== undefined, { message: 'getOrder is required', path: ['getOrder'] });
