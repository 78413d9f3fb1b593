// No call sees another's data: not the previous order's through module state or globals, not
// another macro's, not the host's clock. One isolate (poolSize 1), so every call shares its one
// locked-down context.
import { afterAll, describe, expect, it } from 'vitest';
import { MacroRunner } from './runner.ts';
import { macroCall, macroOrder, packInput } from './test-support.ts';

const runner = new MacroRunner({ poolSize: 1 });
afterAll(() => runner.dispose());

function orderInput(id: string, email: string) {
  return { ...packInput([]), order: macroOrder({ id, customer: { email } }) };
}

async function hookValue(source: string, input: unknown, options: { name?: string; seed?: string } = {}): Promise<unknown> {
  const result = await runner.run(macroCall(source, 'pack', input, options));
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value;
}

describe('isolation between calls', () => {
  it('starts every call with fresh module state', async () => {
    const source =
      'let calls = 0; const seen = [];\nexport function pack(input) { calls++; seen.push(input.order.id); return [calls, seen]; }';
    expect(await hookValue(source, orderInput('ord_a', 'a@example.com'))).toEqual([1, ['ord_a']]);
    expect(await hookValue(source, orderInput('ord_b', 'b@example.com'))).toEqual([1, ['ord_b']]);
  });

  it('refuses every write to globals and shared prototypes, so the next order finds nothing', async () => {
    const source = `export function pack(input) {
  const seen = [globalThis.lastEmail ?? null, [].lastOrder ?? null, ({}).leak ?? null, typeof stash, Math.shared ?? null,
    (function* () {})().leak ?? null, [][Symbol.iterator]().leak ?? null, Error.stackTraceLimit];
  const writes = {
    global: () => { globalThis.lastEmail = input.order.customer.email; },
    arrayPrototype: () => { Array.prototype.lastOrder = input.order.id; },
    defineOnObjectPrototype: () => Object.defineProperty(Object.prototype, 'leak', { value: input.order.id }),
    globalVar: () => (0, eval)('var stash = 1'),
    math: () => { Math.shared = input.order.id; },
    json: () => { JSON.parse = () => 'tampered'; },
    generatorPrototype: () => { Object.getPrototypeOf(function* () {}).prototype.leak = input.order.id; },
    iteratorPrototype: () => { Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())).leak = input.order.id; },
    stackTraceLimit: () => { Error.stackTraceLimit = 0; },
    console: () => { console.log = () => undefined; },
    objectToString: () => { Object.prototype.toString = () => input.order.id; },
  };
  const refused = Object.keys(writes).filter((name) => { try { writes[name](); return false; } catch { return true; } });
  return [seen, refused];
}`;
    const names = ['global', 'arrayPrototype', 'defineOnObjectPrototype', 'globalVar', 'math', 'json'];
    const refused = [...names, 'generatorPrototype', 'iteratorPrototype', 'stackTraceLimit', 'console', 'objectToString'];
    const nothing = [null, null, null, 'undefined', null, null, null, 10];
    expect(await hookValue(source, orderInput('ord_a', 'a@example.com'))).toEqual([nothing, refused]);
    expect(await hookValue(source, orderInput('ord_b', 'b@example.com'))).toEqual([nothing, refused]);
  });

  it("has no RegExp legacy statics to keep the previous order's match in", async () => {
    const source = `export function pack(input) {
  const before = [typeof RegExp.$1, typeof RegExp.lastMatch, typeof RegExp.input, typeof RegExp.leftContext];
  /^([^@]+)@/.exec(input.order.customer.email);
  return [before, 'alice'.replace(/(a)(l)/, '$2$1')];
}`;
    const expected = [['undefined', 'undefined', 'undefined', 'undefined'], 'laice'];
    expect(await hookValue(source, orderInput('ord_a', 'alice@example.com'))).toEqual(expected);
    expect(await hookValue(source, orderInput('ord_b', 'bob@example.com'))).toEqual(expected);
  });

  it("hides one macro's state from another", async () => {
    const writer = `export function pack(input) {
  for (const write of [() => { globalThis.shared = input.order.id; }, () => { Math.shared = 'w'; }, () => { JSON.parse = () => 'tampered'; }]) {
    try { write(); } catch {}
  }
  return [];
}`;
    const reader = "export function pack() { return [globalThis.shared ?? null, Math.shared ?? null, JSON.parse('[1]')]; }";
    await hookValue(writer, orderInput('ord_secret', 'x@example.com'), { name: 'writer' });
    expect(await hookValue(reader, orderInput('ord_b', 'y@example.com'), { name: 'reader' })).toEqual([null, null, [1]]);
  });

  it('lets ordinary code override inherited names on its own objects (no override mistake)', async () => {
    const source = `class OutOfStock extends Error {
  constructor(sku) { super(sku + ' is out'); this.name = 'OutOfStock'; }
}
export function pack() {
  const label = { toString: undefined };
  label.toString = () => 'parcel';
  const box = {};
  box.constructor = 'Box';
  box.hasOwnProperty = 1;
  const e = new OutOfStock('OIL-5L');
  return [String(label), box.constructor, box.hasOwnProperty, e.name, String(e), Object.prototype.hasOwnProperty.call(box, 'constructor')];
}`;
    expect(await hookValue(source, packInput([]))).toEqual(['parcel', 'Box', 1, 'OutOfStock', 'OutOfStock: OIL-5L is out', true]);
  });
});

describe('the environment a macro sees', () => {
  it('has no clock: Date.now, Date() and new Date() throw', async () => {
    const source = `export function pack() {
  const attempt = (f) => { try { return String(f()); } catch (e) { return e.message; } };
  return [attempt(() => Date.now()), attempt(() => new Date()), attempt(() => Date())];
}`;
    expect(await hookValue(source, packInput([]))).toEqual(Array(3).fill('macros have no clock: use input.order.placedAt'));
  });

  it('still parses and computes with dates, without a way back to the real Date', async () => {
    const source = `class Day extends Date {}
export function pack(input) {
  const placed = new Date(input.order.placedAt);
  return [placed.getUTCDate(), Date.parse('2026-01-01T00:00:00Z'), Date.UTC(2026, 0, 2), new Day(0).toISOString(),
    Object.getPrototypeOf(placed).constructor === Date, Date.prototype.constructor === Date];
}`;
    expect(await hookValue(source, packInput([]))).toEqual([24, 1767225600000, 1767312000000, '1970-01-01T00:00:00.000Z', true, true]);
  });

  it('seeds Math.random: the same seed repeats the numbers, another seed changes them', async () => {
    const source = 'export function pack() { return [Math.random(), Math.random(), Math.random()]; }';
    const first = await hookValue(source, packInput([]), { seed: 'ord_1' });
    const again = await hookValue(source, packInput([]), { seed: 'ord_1' });
    const other = await hookValue(source, packInput([]), { seed: 'ord_2' });
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    for (const n of first as number[]) expect(n >= 0 && n < 1).toBe(true);
  });
});
