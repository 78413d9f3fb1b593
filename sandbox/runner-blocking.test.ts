// A blocking runner (simulation workers) gives the same outcome as the asynchronous pool for every
// kind of macro, the hostile ones included, and keeps serving after a fatal one.
import { afterAll, describe, expect, it } from 'vitest';
import { MacroRunner, type MacroCallResult } from './runner.ts';
import { macroCall, macroOrder, packInput, product } from './test-support.ts';

const limits = { timeoutMs: 200, deadlineMs: 400, memoryLimitMb: 16 };
const pooled = new MacroRunner({ ...limits, poolSize: 1 });
const blocking = new MacroRunner({ ...limits, blocking: true });
afterAll(() => {
  pooled.dispose();
  blocking.dispose();
});

const input = { ...packInput([{ sku: 'OIL-5L', quantity: 3, product: product({ liquid: true }) }]), order: macroOrder({ id: 'ord_9' }) };

const MACROS: [string, string][] = [
  [
    'a synchronous hook',
    'export function pack(i) { console.log("packing", i.order.id); return [{ lines: i.fulfillment.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) }]; }',
  ],
  [
    'an async hook',
    'export async function pack(i) { await null; return [{ lines: [{ sku: i.fulfillment.lines[0].sku, quantity: 3 }], shippingClass: "parcel" }]; }',
  ],
  ['seeded randomness', 'export function pack() { return [Math.random(), Math.random()]; }'],
  ['a throw', 'export function pack() { throw new RangeError("too heavy"); }'],
  ['an async throw', 'export async function pack() { await null; throw new Error("later"); }'],
  ['a missing hook', 'export function score() { return {}; }'],
  ['an invalid result', 'export function pack() { return [new Map()]; }'],
  ['a write to a global', 'export function pack() { globalThis.x = 1; return []; }'],
  ['an infinite loop', 'export function pack() { while (true) {} }'],
  ['an endless chain of awaits', 'export async function pack() { for (;;) await null; }'],
  ['a promise that never settles', 'export async function pack() { await new Promise(() => {}); return []; }'],
  ['an allocation bomb', 'export function pack() { const a = []; for (;;) a.push(new Array(1e6).fill(1.5)); }'],
];

const HEALTHY = 'export function pack(i) { return [{ lines: [{ sku: i.fulfillment.lines[0].sku, quantity: 3 }] }]; }';

function withoutTime(result: MacroCallResult): Omit<MacroCallResult, 'durationUs'> {
  const { durationUs: _, ...rest } = result;
  return rest;
}

describe('a blocking runner', () => {
  it.each(MACROS)('gives the pooled outcome for %s, then serves a healthy call', async (_, source) => {
    const call = macroCall(source, 'pack', input, { name: 'm', seed: 'ord_9' });
    const expected = withoutTime(await pooled.run(call));
    expect(withoutTime(await blocking.run(call))).toEqual(expected);
    const healthy = await blocking.run(macroCall(HEALTHY, 'pack', input, { name: 'healthy' }));
    expect(healthy).toMatchObject({ ok: true, value: [{ lines: [{ sku: 'OIL-5L', quantity: 3 }] }] });
  });

  it('returns outcomes of the expected kinds (the pooled runner is not simply failing too)', async () => {
    const kinds = [];
    for (const [, source] of MACROS) {
      const result = await blocking.run(macroCall(source, 'pack', input, { name: 'm', seed: 'ord_9' }));
      kinds.push(result.ok ? 'ok' : result.error.kind);
    }
    expect(kinds).toEqual([
      'ok',
      'ok',
      'ok',
      'threw',
      'threw',
      'missing_hook',
      'invalid_result',
      'threw',
      'timeout',
      'timeout',
      'timeout',
      'memory',
    ]);
  });
});
