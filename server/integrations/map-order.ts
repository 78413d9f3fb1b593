// Turns a platform's draft order into Conveyor's order input: SKUs through the channel's map,
// money into minor units of the deployment currency, and every failure reported at its path.
import type { Address, OrderInput } from '../domain/types.ts';
import { OrderRequest } from '../http/schemas.ts';
import { Issues, type CheckedLine, type DraftAddress, type DraftLine, type DraftOrder, type Field, type Platform } from './draft-order.ts';
import { num, text } from './json-read.ts';
import { convertMinorUnits, isCurrency, toMinorUnits } from './money.ts';

export interface MappingContext {
  /** The deployment currency every Conveyor amount is in. */
  currency: string;
  /** Units of the deployment currency per unit of another currency. */
  rates: Readonly<Record<string, number>>;
  /** Platform SKU (or fallback key) to Conveyor SKU. */
  skuMap: ReadonlyMap<string, string>;
  hasProduct(sku: string): boolean;
}

/** The platform's side of an order, kept beside it: original currency, rate and prices. */
export interface OrderSource {
  platform: Platform;
  externalId: string;
  currency: string;
  /** null when the platform's currency is the deployment currency. */
  rate: number | null;
  total?: string | undefined;
  lines: { platformSku: string; sku: string; quantity: number; unitPrice: number }[];
}

export interface MappedOrder {
  input: OrderInput;
  cancelled: boolean;
  source: OrderSource;
}

/** Maps a draft, or throws validation_failed naming every unmappable value by its platform path. */
export function mapDraftOrder(draft: DraftOrder, ctx: MappingContext): MappedOrder {
  const issues = new Issues();
  const externalId = required(draft.externalId, issues, 100);
  const placedAt = checkTime(draft.placedAt, issues);
  const money = checkCurrency(draft.currency, ctx, issues);
  const shipTo = checkAddress(draft, issues);
  const lines = checkLines(draft, ctx, money?.code, issues);
  issues.throwIfAny(`the ${draft.platform} order cannot be turned into a Conveyor order`);
  const customer = {
    ...(draft.customer.id ? { id: draft.customer.id.slice(0, 100) } : {}),
    ...(draft.customer.email ? { email: draft.customer.email.slice(0, 200) } : {}),
  };
  const input: OrderInput = {
    externalId: externalId ?? '',
    placedAt: placedAt ?? '',
    serviceLevel: draft.serviceLevel,
    shipTo: shipTo as Address,
    lines: lines.map((l) => ({
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: convert(l.originalUnitPrice, money?.code ?? ctx.currency, ctx),
    })),
    ...(Object.keys(customer).length > 0 ? { customer } : {}),
  };
  guardOrderShape(input, issues);
  const source: OrderSource = {
    platform: draft.platform,
    externalId: input.externalId,
    currency: money?.code ?? ctx.currency,
    rate: money?.rate ?? null,
    ...(draft.total ? { total: draft.total } : {}),
    lines: lines.map((l) => ({ platformSku: l.platformSku, sku: l.sku, quantity: l.quantity, unitPrice: l.originalUnitPrice })),
  };
  return { input, cancelled: draft.cancelled, source };
}

function convert(minor: number, from: string, ctx: MappingContext): number {
  return from === ctx.currency ? minor : convertMinorUnits(minor, from, ctx.currency, ctx.rates[from] ?? 1);
}

function required(f: Field, issues: Issues, max: number, what = 'a value'): string | undefined {
  const value = text(f.value);
  if (value === undefined) issues.add(f.path, `${what} is required`);
  return value?.slice(0, max);
}

function checkTime(f: Field, issues: Issues): string | undefined {
  const value = text(f.value);
  const time = value === undefined ? NaN : Date.parse(value);
  if (Number.isNaN(time)) {
    issues.add(f.path, value === undefined ? 'the order time is required' : `"${value.slice(0, 40)}" is not a date and time`);
    return undefined;
  }
  return new Date(time).toISOString();
}

function checkCurrency(f: Field, ctx: MappingContext, issues: Issues): { code: string; rate: number | null } | undefined {
  const raw = text(f.value);
  const code = raw?.toUpperCase();
  if (!code || !isCurrency(code)) {
    issues.add(f.path, raw ? `"${raw.slice(0, 40)}" is not an ISO 4217 currency code` : 'the currency is required');
    return undefined;
  }
  if (code === ctx.currency) return { code, rate: null };
  const rate = ctx.rates[code];
  if (rate === undefined) {
    issues.add(
      f.path,
      `the order is in ${code} but Conveyor runs in ${ctx.currency}: set currencyRates.${code} on the channel's integration`,
    );
    return undefined;
  }
  return { code, rate };
}

function checkAddress(draft: DraftOrder, issues: Issues): Address | undefined {
  const a: DraftAddress | undefined = draft.shipTo;
  if (!a) {
    issues.add(draft.shipToPath, 'the order has no shipping address');
    return undefined;
  }
  const rawCountry = text(a.country.value);
  const country = rawCountry?.toUpperCase();
  if (country === undefined || !/^[A-Z]{2}$/.test(country)) {
    issues.add(
      a.country.path,
      rawCountry ? `"${rawCountry.slice(0, 40)}" is not an ISO 3166-1 alpha-2 country code` : 'the country code is required',
    );
  }
  const postalCode = text(a.postalCode.value) ?? '';
  if (postalCode.length > 20) issues.add(a.postalCode.path, 'a postcode has at most 20 characters');
  const lat = num(a.lat);
  const lon = num(a.lon);
  const hasPosition = lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  const optional = (f: Field | undefined, max: number) => (f ? text(f.value)?.slice(0, max) : undefined);
  return {
    name: required(a.name, issues, 200, 'the recipient name') ?? '',
    line1: required(a.line1, issues, 200, 'the first address line') ?? '',
    ...(optional(a.line2, 200) ? { line2: optional(a.line2, 200) } : {}),
    city: required(a.city, issues, 100, 'the city') ?? '',
    ...(optional(a.region, 100) ? { region: optional(a.region, 100) } : {}),
    postalCode,
    country: country ?? '',
    ...(hasPosition ? { lat, lon } : {}),
  };
}

// Without a usable currency, SKUs and quantities are still checked so one answer names everything.
function checkLines(draft: DraftOrder, ctx: MappingContext, currency: string | undefined, issues: Issues): CheckedLine[] {
  const lines = draft.lines.flatMap((line) => checkLine(line, ctx, currency, issues) ?? []);
  if (draft.lines.length === 0 || (lines.length === 0 && issues.details.length === 0)) {
    issues.add(draft.linesPath, 'the order has no lines to ship');
  }
  return lines;
}

function checkLine(line: DraftLine, ctx: MappingContext, currency: string | undefined, issues: Issues): CheckedLine | undefined {
  const quantity = num(line.quantity.value);
  if (quantity === 0) return undefined;
  if (quantity === undefined || !Number.isInteger(quantity) || quantity < 0 || quantity > 1_000_000) {
    issues.add(line.quantity.path, 'the quantity must be a whole number of units');
  }
  const sku = resolveSku(line, ctx, issues);
  if (currency === undefined) return undefined;
  const price = toMinorUnits(line.price.value, currency);
  if (!price.ok) issues.add(line.price.path, price.message);
  const discount = line.discount ? toMinorUnits(line.discount.value, currency) : { ok: true as const, minor: 0 };
  if (!discount.ok && line.discount) issues.add(line.discount.path, discount.message);
  if (!sku || !price.ok || !discount.ok || !quantity || !Number.isInteger(quantity) || quantity < 0) return undefined;
  const lineTotal = line.price.per === 'unit' ? price.minor * quantity : price.minor;
  const net = Math.max(0, lineTotal - discount.minor);
  return { ...sku, quantity, unitPrice: 0, originalUnitPrice: Math.round(net / quantity) };
}

function resolveSku(line: DraftLine, ctx: MappingContext, issues: Issues): { sku: string; platformSku: string } | undefined {
  const key = text(line.sku.value) ?? line.fallbackKey;
  if (!key) {
    issues.add(line.sku.path, 'the line has no SKU');
    return undefined;
  }
  const sku = ctx.skuMap.get(key) ?? (ctx.hasProduct(key) ? key : undefined);
  if (!sku) {
    issues.add(line.sku.path, `no Conveyor product for ${key}: add it to the channel's SKU map (PUT /v1/channels/:id/sku-map)`);
    return undefined;
  }
  return { sku, platformSku: key };
}

// The intake validates orders posted over HTTP; a mapped order must pass the same bar.
function guardOrderShape(input: OrderInput, issues: Issues): void {
  const result = OrderRequest.safeParse(input);
  if (result.success) return;
  for (const issue of result.error.issues) issues.add(`(mapped order) ${issue.path.join('.')}`, issue.message);
  issues.throwIfAny('the mapped order is not a valid Conveyor order');
}
