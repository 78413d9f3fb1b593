// Response shapes of the core resources (orders, fulfillments, stock, network, access), for the
// OpenAPI document. Loose objects: a response may carry more fields than listed here.
import { z } from 'zod';
import { FULFILLMENT_STATUSES, ORDER_STATUSES, SERVICE_LEVELS } from '../domain/types.ts';
import { named } from './openapi-types.ts';
import { OrderRequest, ProductRequest, WarehouseRequest } from './schemas.ts';

const int = z.number().int();
const lines = z.array(z.looseObject({ sku: z.string(), quantity: int }));
const Cost = z.looseObject({ shipping: int, handling: int, duties: int, total: int }).describe('Minor units');

export const FulfillmentModel = named(
  'Fulfillment',
  z.looseObject({
    id: z.string().describe('ful_…'),
    warehouseId: z.string(),
    status: z.enum(FULFILLMENT_STATUSES),
    lines,
    packages: z.array(z.looseObject({ lines, weightKg: z.number(), volumeLitres: z.number(), shippingClass: z.string() })),
    carrier: z.string(),
    service: z.enum(SERVICE_LEVELS),
    crossBorder: z.boolean(),
    cost: Cost,
    eta: z.string().describe('Delivery date, YYYY-MM-DD'),
    trackingNumber: z.string().optional(),
    shippedAt: z.string().optional(),
    deliveredAt: z.string().optional(),
  }),
);

const Hold = z.looseObject({ reason: z.string(), message: z.string().optional(), macro: z.string().optional(), lines: lines.optional() });
const Event = z.looseObject({ type: z.string(), at: z.string(), data: z.record(z.string(), z.unknown()) });

const orderFields = {
  id: z.string().describe('ord_…'),
  channelId: z.string(),
  status: z.enum(ORDER_STATUSES),
  fulfillments: z.array(FulfillmentModel.schema),
  holds: z.array(Hold).describe('Why units are not in a fulfillment (backordered, policy holds, failed macros)'),
  tags: z.array(z.string()),
  decision: z.looseObject({ policyVersion: int.nullable(), macros: z.record(z.string(), int), trace: z.record(z.string(), z.unknown()) }),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const OrderModel = named('Order', z.looseObject({ ...OrderRequest.shape, ...orderFields }));
export const OrderWithEventsModel = named(
  'OrderWithEvents',
  z.looseObject({ ...OrderRequest.shape, ...orderFields, events: z.array(Event) }),
);

export const StockLevelModel = named(
  'StockLevel',
  z.looseObject({ sku: z.string(), warehouseId: z.string(), onHand: int, reserved: int, available: int }),
);

export const SkuInventoryModel = named(
  'SkuInventory',
  z.looseObject({
    sku: z.string(),
    total: z.looseObject({ onHand: int, reserved: int, available: int }),
    locations: z.array(StockLevelModel.schema),
  }),
);

export const WarehouseModel = named('Warehouse', z.looseObject({ id: z.string(), ...WarehouseRequest.shape }));
export const ProductModel = named('Product', z.looseObject({ sku: z.string(), ...ProductRequest.shape }));

export const PrincipalModel = named(
  'Principal',
  z.looseObject({
    id: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'analyst', 'channel']),
    channelId: z.string().optional(),
    createdAt: z.string(),
  }),
);

export const ChannelModel = named('Channel', z.looseObject({ id: z.string(), name: z.string(), kind: z.string(), createdAt: z.string() }));

/** A document the server does not describe field by field here (policies, traces, JSON Schemas). */
export const anyObject = (description: string) => z.looseObject({}).describe(description);
