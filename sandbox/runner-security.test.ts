// The containment battery: every hostile macro fails as data of the right kind (or finds nothing),
// and the same runner serves an ordinary call right after it.
import { afterAll, describe, expect, it } from 'vitest';
import { MacroRunner, type MacroCallResult } from './runner.ts';
import { macroCall, packInput, product } from './test-support.ts';

const runner = new MacroRunner({ poolSize: 1, timeoutMs: 50, deadlineMs: 150 });
// For cases that must fail on something other than time: a loaded test machine can stretch heavy
// work past 50 ms, since isolated-vm's limit counts wall time while the macro runs.
const roomy = new MacroRunner({ poolSize: 1, timeoutMs: 5000 });
afterAll(() => {
  runner.dispose();
  roomy.dispose();
});

const HEALTHY = 'export function pack(input) { return [{ lines: [{ sku: input.fulfillment.lines[0].sku, quantity: 1 }] }]; }';

async function run(body: string, input: unknown = packInput([]), on = runner): Promise<MacroCallResult> {
  return on.run(macroCall(body, 'pack', input, { name: 'hostile' }));
}

async function expectStillServing(served = runner): Promise<void> {
  const input = packInput([{ sku: 'AFTER', quantity: 1, product: product() }]);
  const result = await served.run(macroCall(HEALTHY, 'pack', input, { name: 'healthy' }));
  expect(result).toMatchObject({ ok: true, value: [{ lines: [{ sku: 'AFTER', quantity: 1 }] }] });
}

function errorOf(result: MacroCallResult): { kind: string; message: string } | undefined {
  return result.ok ? undefined : result.error;
}

describe('containment of limits', () => {
  it.each([
    ['an infinite loop', 'export function pack() { while (true) {} }'],
    ['an infinite loop after an await', 'export async function pack() { await null; while (true) {} }'],
    ['an endless chain of awaits', 'export async function pack() { for (;;) await null; }'],
    ['a promise that never settles', 'export async function pack() { await new Promise(() => {}); return []; }'],
  ])('contains %s as a timeout', async (_, body) => {
    expect(errorOf(await run(body))?.kind).toBe('timeout');
    await expectStillServing();
  });

  it.each([
    ['a huge ArrayBuffer', 'export function pack() { return [new ArrayBuffer(2 ** 31).byteLength]; }', 'threw'],
    ['deep recursion', 'export function pack() { const f = (n) => f(n + 1) + 1; return [f(0)]; }', 'threw'],
    ['a result over the byte limit', "export function pack() { return ['x'.repeat(300 * 1024)]; }", 'result_too_large'],
    ['a result over the limit only in UTF-8 bytes', "export function pack() { return ['€'.repeat(100 * 1024)]; }", 'result_too_large'],
    [
      'a wide result',
      "export function pack() { return Array.from({ length: 20000 }, (_, i) => ({ i, pad: 'x'.repeat(20) })); }",
      'result_too_large',
    ],
  ])('contains %s', async (_, body, kind) => {
    expect(errorOf(await run(body, packInput([]), roomy))?.kind).toBe(kind);
    await expectStillServing(roomy);
  });

  it('contains an allocation bomb at the memory limit', async () => {
    const small = new MacroRunner({ poolSize: 1, memoryLimitMb: 16, timeoutMs: 5000 });
    const body = 'export function pack() { const a = []; for (;;) a.push(new Array(1e6).fill(1.5)); }';
    const result = await small.run(macroCall(body, 'pack', packInput([])));
    expect(errorOf(result)).toEqual({ kind: 'memory', message: 'the macro ran past its 16 MB memory limit' });
    await expectStillServing(small);
    small.dispose();
  });

  it('bounds a never-settling promise by the wall-clock deadline', async () => {
    const started = performance.now();
    const result = await run('export async function pack() { await new Promise(() => {}); }');
    expect(errorOf(result)?.message).toMatch(/within 150 ms \(wall clock\)/);
    expect(performance.now() - started).toBeLessThan(1000);
    await expectStillServing();
  });
});

describe('containment of escapes', () => {
  it('finds no process through the Function constructor', async () => {
    const result = await run("export function pack() { return [this?.constructor, ({}).constructor.constructor('return process')()]; }");
    expect(errorOf(result)).toEqual({ kind: 'threw', message: 'ReferenceError: process is not defined' });
    await expectStillServing();
  });

  it('offers no host objects, clock sources or shared memory as globals', async () => {
    const names = [
      'require',
      'process',
      'module',
      'fetch',
      'setTimeout',
      'setInterval',
      'setImmediate',
      'queueMicrotask',
      'performance',
      'WebAssembly',
      'SharedArrayBuffer',
      'Atomics',
      'Intl',
      'WeakRef',
      'FinalizationRegistry',
      'Buffer',
      'global',
      '__conveyorHookCaller', // where the install script leaves the hook caller for the bind script
    ];
    const body = `export function pack() {
  const g = Function('return this')();
  return [${JSON.stringify(names)}.filter((n) => typeof g[n] !== 'undefined' || typeof globalThis[n] !== 'undefined')];
}`;
    expect(await run(body)).toMatchObject({ ok: true, value: [[]] });
    await expectStillServing();
  });

  it('passes input as plain data, never as a handle to the host', async () => {
    const body = `export function pack(input, extra) {
  const plain = Object.getPrototypeOf(input) === Object.prototype && Object.getPrototypeOf(input.order) === Object.prototype;
  return [plain, typeof extra, arguments.length];
}`;
    expect(await run(body)).toMatchObject({ ok: true, value: [true, 'undefined', 1] });
  });

  it('leaves the host input unchanged when the macro mutates its copy', async () => {
    const input = packInput([{ sku: 'A', quantity: 1, product: product({ liquid: true }) }]);
    const before = structuredClone(input);
    const body = `export function pack(input) {
  input.fulfillment.lines[0].quantity = 99; input.order.id = 'hijacked'; delete input.order.shipTo; input.extra = 1;
  return [];
}`;
    expect(await run(body, input)).toMatchObject({ ok: true });
    expect(input).toEqual(before);
  });

  it('refuses to let the macro rewire JSON and intrinsics, and keeps serving', async () => {
    for (const statement of [
      'JSON.stringify = () => \'{"forged":true}\'',
      'Object.getPrototypeOf = () => Object.prototype',
      'Array.isArray = () => false',
    ]) {
      const result = await run(`export function pack() { ${statement}; return [{ lines: [] }]; }`);
      expect(errorOf(result)).toMatchObject({
        kind: 'threw',
        message: expect.stringMatching(/^TypeError: Cannot assign to read only property/),
      });
    }
    await expectStillServing();
  });
});

describe('results that are not plain data', () => {
  it.each([
    ['a function', 'return [() => 1];', 'result[0] is a function'],
    ['a symbol', "return [Symbol('s')];", 'result[0] is a symbol'],
    ['a symbol key', "return [{ [Symbol('k')]: 1 }];", 'result[0] has a symbol key'],
    ['a getter', 'return [{ get sku() { return "A"; } }];', 'result[0].sku is a getter or setter'],
    ['a __proto__ key', 'return [JSON.parse(\'{"__proto__": {"polluted": true}}\')];', 'result[0] has a "__proto__" key'],
    ['cyclic data', 'const a = []; a.push(a); return a;', 'result[0] refers back to itself (cyclic data)'],
    ['a class instance', 'return [new Map()];', 'result[0] is a Map instance, not a plain object'],
    ['a date', 'return [new Date(0)];', 'result[0] is a Date instance, not a plain object'],
    ['NaN', 'return [{ quantity: 0 / 0 }];', 'result[0].quantity is NaN, not a finite number'],
    ['a bigint', 'return [1n];', 'result[0] is a bigint'],
    ['a sparse array', 'return [1, , 3];', 'result[1] is a hole in a sparse array'],
    ['nothing', 'return;', 'the hook returned nothing (undefined)'],
  ])('rejects %s as invalid_result', async (_, statement, message) => {
    const result = await run(`export function pack() { ${statement} }`);
    expect(errorOf(result)).toEqual({ kind: 'invalid_result', message });
    await expectStillServing();
  });

  it('drops properties left undefined, as JSON does', async () => {
    expect(await run('export function pack() { return [{ lines: [], shippingClass: undefined }]; }')).toMatchObject({
      ok: true,
      value: [{ lines: [] }],
    });
  });

  it('lets no proxy trick a __proto__ key or prototype onto the host', async () => {
    const body = `export function pack() {
  let calls = 0;
  return [new Proxy({}, {
    ownKeys: () => (calls++ === 0 ? [] : ['__proto__']),
    getOwnPropertyDescriptor: () => ({ value: { polluted: true }, enumerable: true, configurable: true }),
    get: () => ({ polluted: true }),
  })];
}`;
    const result = await run(body);
    if (result.ok) expect(Object.getPrototypeOf((result.value as object[])[0])).toBe(Object.prototype);
    else expect(result.error.kind).toBe('invalid_result');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expectStillServing();
  });
});
