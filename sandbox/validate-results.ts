// What comes back out of a macro is validated here, at the edge, before the order pipeline uses
// it: shapes with zod, then the rules zod cannot say (every unit packed exactly once, only known
// warehouses). Pure: no isolate, no clock.
import { z } from 'zod';
import { SERVICE_LEVELS, SHIPPING_CLASSES } from '../server/domain/types.ts';
import type { Directive, Money, ShippingClass, SkuQuantity } from '../server/domain/types.ts';

export interface PackedPackage {
  lines: SkuQuantity[];
  shippingClass?: ShippingClass | undefined;
}

export type PackValidation = { ok: true; packages: PackedPackage[] } | { ok: false; message: string };
export type DecideValidation = { ok: true; directives: Directive[] } | { ok: false; message: string };
export type ScoreValidation = { ok: true; adjustments: Record<string, Money | null> } | { ok: false; message: string };

const Sku = z.string().min(1, 'must be a non-empty SKU');
const Quantity = z.int('must be a whole number of units').positive('must be at least 1');
const PackedLine = z.strictObject({ sku: Sku, quantity: Quantity });
const Package = z.strictObject({
  lines: z.array(PackedLine).min(1, 'a package cannot be empty'),
  shippingClass: z.enum(SHIPPING_CLASSES).optional(),
});
const PackResult = z.array(Package);

/** Checks a pack hook's packages: plain shape, known SKUs, every unit of the fulfillment packed exactly once. */
export function validatePackResult(value: unknown, fulfillmentLines: SkuQuantity[]): PackValidation {
  const shape = checkPackShape(value);
  if (!shape.ok) return shape;
  const { packages } = shape;
  const expected = countUnits(fulfillmentLines);
  const packed = new Map<string, number>();
  for (const [p, pkg] of packages.entries()) {
    for (const [l, line] of pkg.lines.entries()) {
      if (!expected.has(line.sku))
        return { ok: false, message: `packages[${p}].lines[${l}].sku: "${line.sku}" is not in this fulfillment` };
      packed.set(line.sku, (packed.get(line.sku) ?? 0) + line.quantity);
    }
  }
  for (const [sku, quantity] of expected) {
    const count = packed.get(sku) ?? 0;
    if (count !== quantity)
      return { ok: false, message: `SKU "${sku}": ${count} of ${quantity} units packed; each unit must be packed exactly once` };
  }
  return { ok: true, packages };
}

/**
 * The shape half of validatePackResult: the packages copied out, or the first issue. `fast` (the
 * default) takes the common valid shape without zod; tests hold both ways to the same answers.
 */
export function checkPackShape(value: unknown, fast = true): PackValidation {
  const plain = fast ? plainPackages(value) : undefined;
  if (plain !== undefined) return { ok: true, packages: plain };
  const parsed = PackResult.safeParse(value);
  if (!parsed.success) return { ok: false, message: describeIssue(parsed.error, 'packages') };
  return { ok: true, packages: parsed.data };
}

const CLASSES: readonly unknown[] = SHIPPING_CLASSES;
const MAX_FAST_QUANTITY = 0x7fffffff;

/**
 * The packages a pack hook usually returns (plain JSON objects, every field valid), copied as
 * PackResult would give them; undefined for anything else, which PackResult then checks and
 * describes. It accepts nothing PackResult rejects (a property test holds them to the same answers).
 */
function plainPackages(value: unknown): PackedPackage[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const packages: PackedPackage[] = [];
  for (let p = 0; p < value.length; p++) {
    const pkg: unknown = value[p];
    if (!isPlainRecord(pkg)) return undefined;
    let keys = 0;
    for (const key in pkg) {
      if (key !== 'lines' && key !== 'shippingClass') return undefined;
      keys++;
    }
    const raw = pkg.lines;
    if (!Array.isArray(raw) || raw.length === 0) return undefined;
    const lines: SkuQuantity[] = [];
    for (let l = 0; l < raw.length; l++) {
      const line: unknown = raw[l];
      if (!isPlainRecord(line)) return undefined;
      let lineKeys = 0;
      for (const _key in line) lineKeys++;
      const { sku, quantity } = line;
      if (lineKeys !== 2 || typeof sku !== 'string' || sku.length === 0) return undefined;
      if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_FAST_QUANTITY) return undefined;
      lines.push({ sku, quantity });
    }
    if (keys === 1) packages.push({ lines });
    else if (CLASSES.includes(pkg.shippingClass)) packages.push({ lines, shippingClass: pkg.shippingClass as ShippingClass });
    else return undefined;
  }
  return packages;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

const Warehouses = z.strictObject({ warehouses: z.array(z.string().min(1, 'must be a warehouse id')) });
const NoParams = z.strictObject({}).optional();
const MacroDirective = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('restrict-warehouses'), params: Warehouses }),
  z.strictObject({ type: z.literal('exclude-warehouses'), params: Warehouses }),
  z.strictObject({ type: z.literal('prefer-warehouses'), params: Warehouses }),
  z.strictObject({ type: z.literal('forbid-split'), params: NoParams }),
  z.strictObject({ type: z.literal('forbid-cross-border'), params: NoParams }),
  z.strictObject({ type: z.literal('hold'), params: z.strictObject({ reason: z.string().min(1, 'a hold needs a reason') }) }),
  z.strictObject({ type: z.literal('set-service-level'), params: z.strictObject({ serviceLevel: z.enum(SERVICE_LEVELS) }) }),
  z.strictObject({ type: z.literal('tag'), params: z.strictObject({ tag: z.string().min(1, 'a tag cannot be empty') }) }),
]);
const DecideResult = z.array(MacroDirective);
const DIRECTIVE_TYPES: readonly string[] = MacroDirective.options.map((option) => option.shape.type.value);

/** Checks a decide hook's directives: the policy vocabulary with correct params, never run-macro. */
export function validateDecideResult(value: unknown): DecideValidation {
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    for (const [i, item] of items.entries()) {
      const type: unknown = typeof item === 'object' && item !== null ? (item as { type?: unknown }).type : undefined;
      if (type === 'run-macro') return { ok: false, message: `directives[${i}].type: a macro cannot run another macro (run-macro)` };
      if (typeof type !== 'string' || !DIRECTIVE_TYPES.includes(type)) {
        return { ok: false, message: `directives[${i}].type: must be one of ${DIRECTIVE_TYPES.join(', ')}` };
      }
    }
  }
  const parsed = DecideResult.safeParse(value);
  if (!parsed.success) return { ok: false, message: describeIssue(parsed.error, 'directives') };
  const directives: Directive[] = parsed.data;
  return { ok: true, directives };
}

const Adjustment = z.int('must be a whole number of minor units, or null to veto').nullable();
const ScoreResult = z.record(z.string(), Adjustment);

/** Checks a score hook's adjustments: integer minor units or null (veto), for candidate warehouses only. */
export function validateScoreResult(value: unknown, warehouseIds: string[]): ScoreValidation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'adjustments: must be an object of warehouse id to extra cost or null' };
  }
  const unknownId = Object.keys(value).find((id) => !warehouseIds.includes(id));
  if (unknownId !== undefined) return { ok: false, message: `adjustments.${unknownId}: not a candidate warehouse` };
  const parsed = ScoreResult.safeParse(value);
  if (!parsed.success) return { ok: false, message: describeIssue(parsed.error, 'adjustments') };
  // fromEntries defines properties, so no key can ever act as a prototype setter.
  return { ok: true, adjustments: Object.fromEntries(Object.entries(parsed.data)) };
}

function countUnits(lines: SkuQuantity[]): Map<string, number> {
  const units = new Map<string, number>();
  for (const line of lines) units.set(line.sku, (units.get(line.sku) ?? 0) + line.quantity);
  return units;
}

/** The first issue as `root[0].field: message`, the form hold messages and the editor show. */
function describeIssue(error: z.ZodError, root: string): string {
  const issue = error.issues[0];
  if (issue === undefined) return `${root}: invalid`;
  let path = root;
  for (const key of issue.path) path += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return `${path}: ${issue.message}`;
}
