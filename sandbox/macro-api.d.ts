/**
 * Conveyor macro API: the one source of the types a macro author writes against. Served at
 * GET /v1/macro-api.d.ts and loaded into the editor; kept in step with server/domain/types.ts by
 * sandbox/macro-api.test.ts.
 *
 * Import convention (the only one): a macro imports these types type-only, by this file's path:
 *
 *   import type { PackInput, PackResult } from '../../sandbox/macro-api.d.ts';
 *
 * Type-only imports vanish when a macro is compiled, so the path only has to satisfy the type
 * checker. In the repo it is the path from rules-samples/macros/ (tsc resolves it). In the editor,
 * register this text with addExtraLib(text, 'file:///sandbox/macro-api.d.ts') and give macro models
 * URIs like 'file:///rules-samples/macros/<name>.ts', so the same line resolves there. Any runtime
 * import (an import without `type`, require(), import()) is a compile error: a macro is one file.
 *
 * A macro exports one or more hooks, each may be async:
 *   export function pack(input: PackInput): PackResult
 *   export function decide(input: DecideInput): DecideResult
 *   export function score(input: ScoreInput): ScoreResult
 *
 * What a macro runs in: plain ECMAScript plus `console`. No require, process, fetch, timers,
 * WebAssembly, SharedArrayBuffer, Atomics, WeakRef, FinalizationRegistry or Intl. There is no clock:
 * `Date.now()`, `Date()` and `new Date()` without arguments throw; `new Date(input.order.placedAt)`
 * works. `Math.random()` is seeded per order, so the same order gets the same numbers. The module
 * runs anew for every call (one order), so module-level variables never carry over; the global
 * object and all built-ins are frozen, so writing to them throws a TypeError (setting a property on
 * your own object, even one named like an inherited one such as `toString`, works). Inputs are
 * copies; results must be plain JSON data (no functions, symbols, getters, class instances, cycles,
 * NaN or Infinity).
 */

export type ShippingClass = 'packet' | 'parcel' | 'pallet';

/** Ordered slowest to fastest. */
export type ServiceLevel = 'economy' | 'standard' | 'express' | 'next_day';

/** Integer minor units (pence, cents) of the deployment currency. */
export type Money = number;

export interface MacroAddress {
  name: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  region?: string | undefined;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  lat?: number | undefined;
  lon?: number | undefined;
}

export interface MacroOrderLine {
  sku: string;
  quantity: number;
  unitPrice: Money;
}

export interface MacroCustomer {
  id?: string | undefined;
  email?: string | undefined;
}

/** The order as a macro sees it. */
export interface MacroOrder {
  id: string;
  externalId: string;
  channelId: string;
  /** ISO 8601 UTC; the only time a macro has. */
  placedAt: string;
  serviceLevel: ServiceLevel;
  shipTo: MacroAddress;
  lines: MacroOrderLine[];
  customer?: MacroCustomer | undefined;
}

export interface MacroProduct {
  weightKg: number;
  volumeLitres: number;
  shippingClass: ShippingClass;
  liquid: boolean;
  hazardous: boolean;
}

export interface PackLine {
  sku: string;
  quantity: number;
  product: MacroProduct;
}

export interface PackInput {
  order: MacroOrder;
  /** The units one warehouse ships; every one of them must be packed exactly once. */
  fulfillment: { warehouseId: string; lines: PackLine[] };
}

export interface PackedLine {
  sku: string;
  /** A positive integer. */
  quantity: number;
}

export interface MacroPackage {
  /** Never empty. */
  lines: PackedLine[];
  /** Defaults to the largest class among the package's products. */
  shippingClass?: ShippingClass | undefined;
}

export type PackResult = MacroPackage[];

export interface DecideInput {
  order: MacroOrder;
  /** The policy facts the server computed for this order (channel, destinationCountry, ...). */
  facts: Record<string, unknown>;
}

/** The policy action vocabulary, less run-macro: a macro cannot run another macro. */
export type MacroDirective =
  | { type: 'restrict-warehouses'; params: { warehouses: string[] } }
  | { type: 'exclude-warehouses'; params: { warehouses: string[] } }
  | { type: 'prefer-warehouses'; params: { warehouses: string[] } }
  | { type: 'forbid-split'; params?: Record<string, never> }
  | { type: 'forbid-cross-border'; params?: Record<string, never> }
  | { type: 'hold'; params: { reason: string } }
  | { type: 'set-service-level'; params: { serviceLevel: ServiceLevel } }
  | { type: 'tag'; params: { tag: string } };

export type DecideResult = MacroDirective[];

export interface CostBreakdown {
  shipping: Money;
  handling: Money;
  duties: Money;
  total: Money;
}

export interface ScoreCandidate {
  warehouseId: string;
  cost: CostBreakdown;
  /** ISO 8601 UTC. */
  eta: string;
  /** ISO 3166-1 alpha-2 of the warehouse. */
  country: string;
  /** Available units at this warehouse, per SKU of the order. */
  stock: Record<string, number>;
}

export interface ScoreInput {
  order: MacroOrder;
  candidates: ScoreCandidate[];
}

/** Extra cost per warehouse id in integer minor units (negative favours it); null vetoes it. */
export type ScoreResult = Record<string, Money | null>;

export type PackHook = (input: PackInput) => PackResult | Promise<PackResult>;
export type DecideHook = (input: DecideInput) => DecideResult | Promise<DecideResult>;
export type ScoreHook = (input: ScoreInput) => ScoreResult | Promise<ScoreResult>;

declare global {
  /** Captured per call and shown with the call's result; lines are stringified and capped. */
  interface Console {
    log(...data: unknown[]): void;
    info(...data: unknown[]): void;
    warn(...data: unknown[]): void;
    error(...data: unknown[]): void;
  }
  var console: Console;
}
