// The body of POST /v1/simulations (and what the CLI builds): where the orders come from, the
// stock to start with, the baseline and the candidates. Strict, like every request body.
import { z } from 'zod';
import { SERVICE_LEVELS } from '../domain/types.ts';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore only');
const factor = z.number().min(0).max(100);

export const PolicyRef = z.union([z.enum(['draft', 'published']), z.number().int().positive()]);
export const MultiplierSchema = z.union([factor, z.record(id, factor)]);

export const CandidateSchema = z
  .object({
    name: z.string().min(1).max(100),
    policy: PolicyRef,
    stockMultiplier: MultiplierSchema.optional(),
    rateMultiplier: MultiplierSchema.optional(),
    disabledWarehouses: z.array(id).max(100).optional(),
    /** Routing keeps each warehouse's stock for its own recent demand (days of history to measure it). */
    lookaheadDays: z.number().int().min(0).max(90).optional(),
  })
  .strict();

export const OrdersSource = z.discriminatedUnion('source', [
  z
    .object({
      source: z.literal('generate'),
      count: z.number().int().min(1).max(200_000),
      seed: z.union([z.number().int(), z.string().min(1).max(100)]).default(1),
      start: z.iso.date().optional(),
      days: z.number().int().min(1).max(3660).optional(),
    })
    .strict(),
  z.object({ source: z.literal('ndjson'), data: z.string().min(1) }).strict(),
  z.object({ source: z.literal('stored'), historyId: id }).strict(),
]);
export type OrdersSource = z.infer<typeof OrdersSource>;

export const StockLineSchema = z.object({ sku: id, warehouseId: id, onHand: z.number().int().min(0).max(100_000_000) }).strict();
export const ReplenishmentSchema = z
  .object({ at: z.iso.datetime({ offset: true }), sku: id, warehouseId: id, delta: z.number().int().min(-100_000_000).max(100_000_000) })
  .strict();

export const SimulationRequest = z
  .object({
    name: z.string().min(1).max(100).optional(),
    orders: OrdersSource,
    inventory: z.enum(['live', 'snapshot']).default('live'),
    snapshot: z.array(StockLineSchema).max(200_000).optional(),
    replenishments: z.array(ReplenishmentSchema).max(100_000).optional(),
    baseline: PolicyRef.default('published'),
    candidates: z.array(CandidateSchema).min(1).max(8),
    promisedDays: z.partialRecord(z.enum(SERVICE_LEVELS), z.number().int().min(0).max(365)).optional(),
    keepTraces: z.enum(['changed', 'all']).default('changed'),
  })
  .strict()
  .superRefine((req, ctx) => {
    if (req.inventory === 'snapshot' && !req.snapshot)
      ctx.addIssue({ code: 'custom', path: ['snapshot'], message: 'inventory "snapshot" needs a snapshot' });
    if (req.inventory === 'live' && req.snapshot)
      ctx.addIssue({ code: 'custom', path: ['snapshot'], message: 'a snapshot is only used with inventory "snapshot"' });
    const names = new Set<string>(['baseline']);
    req.candidates.forEach((c, i) => {
      if (names.has(c.name)) ctx.addIssue({ code: 'custom', path: ['candidates', i, 'name'], message: `the name ${c.name} is taken` });
      names.add(c.name);
    });
  });
export type SimulationRequest = z.infer<typeof SimulationRequest>;
