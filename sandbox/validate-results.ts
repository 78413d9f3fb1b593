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
  const parsed = PackResult.safeParse(value);
  if (!parsed.success) return { ok: false, message: describeIssue(parsed.error, 'packages') };
  const expected = countUnits(fulfillmentLines);
  const packed = new Map<string, number>();
  for (const [p, pkg] of parsed.data.entries()) {
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
  return { ok: true, packages: parsed.data };
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
