// Request bodies as zod schemas: strict (unknown fields are errors), with the contract's units.
import { z } from 'zod';
import { CAPABILITIES, SERVICE_LEVELS, SHIPPING_CLASSES } from '../domain/types.ts';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore only');
const country = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as GB');
const money = z.number().int('minor units (pence, cents) as an integer').min(0).max(1e12);
const text = (max: number) => z.string().min(1).max(max);

export const RoleSchema = z.enum(['admin', 'analyst']);

export const TokenRequest = z.object({ role: RoleSchema, name: text(100) }).strict();
export type TokenRequest = z.infer<typeof TokenRequest>;

export const ChannelRequest = z.object({ id, name: text(100), kind: text(40) }).strict();
export type ChannelRequest = z.infer<typeof ChannelRequest>;

export const RateSchema = z
  .object({
    carrier: text(60),
    service: z.enum(SERVICE_LEVELS),
    shippingClass: z.enum(SHIPPING_CLASSES),
    to: z
      .array(z.union([country, z.literal('*')]))
      .min(1)
      .max(300),
    baseCost: money,
    perKg: money,
    transitDays: z.number().int().min(0).max(60),
  })
  .strict();

export const WarehouseRequest = z
  .object({
    name: text(100),
    country,
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    capabilities: z.array(z.enum(CAPABILITIES)).max(CAPABILITIES.length),
    handlingCost: money,
    cutoffHour: z.number().min(0).max(24).default(24),
    rates: z.array(RateSchema).max(500),
  })
  .strict();
export type WarehouseRequest = z.infer<typeof WarehouseRequest>;

export const ProductRequest = z
  .object({
    name: text(200),
    weightKg: z.number().positive().max(5000),
    volumeLitres: z.number().min(0).max(10000).default(0),
    shippingClass: z.enum(SHIPPING_CLASSES),
    liquid: z.boolean().default(false),
    hazardous: z.boolean().default(false),
    /** A kit (a bike sold built): ships as this product, built from these components' stock. */
    kit: z
      .object({
        components: z
          .array(z.object({ sku: id, quantity: z.number().int().positive().max(1000) }).strict())
          .min(1)
          .max(50),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ProductRequest = z.infer<typeof ProductRequest>;

const quantity = z.number().int('a whole number of units').positive().max(1_000_000);

export const AdjustmentRequest = z
  .object({
    reason: text(200),
    adjustments: z
      .array(
        z.union([
          z.object({ sku: id, warehouseId: id, delta: z.number().int().min(-1_000_000).max(1_000_000) }).strict(),
          z.object({ sku: id, warehouseId: id, onHand: z.number().int().min(0).max(100_000_000) }).strict(),
        ]),
      )
      .min(1)
      .max(10_000),
  })
  .strict();
export type AdjustmentRequest = z.infer<typeof AdjustmentRequest>;

const AddressSchema = z
  .object({
    name: text(200),
    line1: text(200),
    line2: z.string().max(200).optional(),
    city: text(100),
    region: z.string().max(100).optional(),
    postalCode: z.string().max(20),
    country,
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
  })
  .strict();

export const OrderRequest = z
  .object({
    externalId: text(100),
    placedAt: z.iso.datetime({ offset: true }),
    serviceLevel: z.enum(SERVICE_LEVELS).default('standard'),
    shipTo: AddressSchema,
    lines: z
      .array(z.object({ sku: id, quantity, unitPrice: money }).strict())
      .min(1, 'an order needs at least one line')
      .max(500),
    customer: z
      .object({ id: z.string().max(100).optional(), email: z.string().max(200).optional() })
      .strict()
      .optional(),
  })
  .strict();
export type OrderRequest = z.infer<typeof OrderRequest>;

export const ShipRequestSchema = z.object({ carrier: text(60).optional(), trackingNumber: text(100) }).strict();
export const CancelRequest = z.object({ reason: z.string().max(200).optional() }).strict();

export const OrderListQuery = z
  .object({
    status: z.string().max(30).optional(),
    channelId: id.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.string().max(64).optional(),
  })
  .strict();

export const IdParam = id;
