// What every platform adapter produces: the order as the platform said it, with the path of each
// value in the platform's payload, so that anything that cannot be mapped is reported there.
import { invalid, type ErrorDetail } from '../domain/errors.ts';
import type { OrderInput, OrderLine, ServiceLevel } from '../domain/types.ts';

/** A value and where it sits in the platform payload (`line_items.2.sku`). */
export interface Field<T = unknown> {
  path: string;
  value: T;
}

export const field = <T>(path: string, value: T): Field<T> => ({ path, value });

export interface DraftAddress {
  /** Where the address sits; reported when the whole address is missing. */
  path: string;
  name: Field;
  line1: Field;
  line2?: Field | undefined;
  city: Field;
  region?: Field | undefined;
  postalCode: Field;
  country: Field;
  lat?: unknown;
  lon?: unknown;
}

export interface DraftLine {
  /** The line's own path (`line_items.2`). */
  path: string;
  /** The platform SKU and where it sits; blank when the platform line has none. */
  sku: Field;
  /** What to look up in the SKU map when the line has no SKU (`variant:808950810`). */
  fallbackKey?: string | undefined;
  quantity: Field;
  /** Price of one unit, or of the whole line, before `discount`. */
  price: Field & { per: 'unit' | 'line' };
  /** Discount on the whole line, if any. */
  discount?: Field | undefined;
}

export interface DraftOrder {
  platform: Platform;
  externalId: Field;
  placedAt: Field;
  currency: Field;
  /** undefined when the payload has no shipping address at all. */
  shipTo: DraftAddress | undefined;
  shipToPath: string;
  lines: DraftLine[];
  linesPath: string;
  serviceLevel: ServiceLevel;
  customer: { id?: string | undefined; email?: string | undefined };
  /** The platform already cancelled it: it is stored, then cancelled, so nothing stays reserved. */
  cancelled: boolean;
  /** The order total as the platform states it, kept for the record. */
  total?: string | undefined;
}

export const PLATFORMS = ['shopify', 'woocommerce', 'amazon'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Collects every problem with a payload so one 400 names them all. */
export class Issues {
  readonly details: ErrorDetail[] = [];
  add(path: string, message: string): void {
    if (this.details.length < 50) this.details.push({ path, message });
  }
  /** Throws validation_failed with every collected detail, if there is any. */
  throwIfAny(message: string): void {
    if (this.details.length > 0) throw invalid(message, this.details);
  }
}

/** A draft that passed mapping: lines still in the platform's currency and SKUs. */
export interface CheckedLine extends OrderLine {
  platformSku: string;
  /** Unit price in minor units of the platform's currency, after the line's discount. */
  originalUnitPrice: number;
}

export type { OrderInput };
