import { afterAll, describe, expect, it } from 'vitest';
import { MacroRunner } from './runner.ts';
import { compiled, macroCall, macroOrder, packInput, product } from './test-support.ts';

const runner = new MacroRunner({ poolSize: 2 });
afterAll(() => runner.dispose());

const ECHO_PACK = `import type { PackInput, PackResult } from '../../sandbox/macro-api.d.ts';
export function pack(input: PackInput): PackResult {
  return input.fulfillment.lines.map((line) => ({ lines: [{ sku: line.sku, quantity: line.quantity }] }));
}`;

describe('MacroRunner', () => {
  it('runs a pack hook on copied input and returns its packages', async () => {
    const input = packInput([
      { sku: 'A', quantity: 2, product: product() },
      { sku: 'B', quantity: 1, product: product() },
    ]);
    const result = await runner.run(macroCall(ECHO_PACK, 'pack', input));
    expect(result).toMatchObject({
      ok: true,
      value: [{ lines: [{ sku: 'A', quantity: 2 }] }, { lines: [{ sku: 'B', quantity: 1 }] }],
      logs: [],
    });
    expect(result.durationUs).toBeGreaterThan(0);
  });

  it('runs a decide hook with facts', async () => {
    const source = `import type { DecideInput, DecideResult } from '../../sandbox/macro-api.d.ts';
export function decide(input: DecideInput): DecideResult {
  return input.facts.hasLiquids ? [{ type: 'exclude-warehouses', params: { warehouses: ['LON'] } }, { type: 'tag', params: { tag: 'liquids' } }] : [];
}`;
    const result = await runner.run(macroCall(source, 'decide', { order: macroOrder(), facts: { hasLiquids: true } }));
    expect(result).toMatchObject({ ok: true, value: [{ type: 'exclude-warehouses' }, { type: 'tag', params: { tag: 'liquids' } }] });
  });

  it('runs a score hook, async hooks included', async () => {
    const source = `import type { ScoreInput, ScoreResult } from '../../sandbox/macro-api.d.ts';
export async function score(input: ScoreInput): Promise<ScoreResult> {
  await null;
  return Object.fromEntries(input.candidates.map((c) => [c.warehouseId, c.country === 'GB' ? 0 : null]));
}`;
    const cost = { shipping: 400, handling: 120, duties: 0, total: 520 };
    const candidates = [
      { warehouseId: 'MAN', cost, eta: '2026-11-26T18:00:00Z', country: 'GB', stock: { 'OIL-5L': 9 } },
      { warehouseId: 'RTM', cost, eta: '2026-11-27T18:00:00Z', country: 'NL', stock: { 'OIL-5L': 40 } },
    ];
    const result = await runner.run(macroCall(source, 'score', { order: macroOrder(), candidates }));
    expect(result).toMatchObject({ ok: true, value: { MAN: 0, RTM: null } });
  });

  it('captures console output as log lines, stringified and capped', async () => {
    const capped = new MacroRunner({ poolSize: 1, maxLogLines: 3 });
    const source = `export function pack() {
  console.log('lines', 2, { a: 1 }, [true, null]);
  console.warn('careful');
  for (let i = 0; i < 10; i++) console.log('x'.repeat(5000));
  return [];
}`;
    const result = await capped.run(macroCall(source, 'pack', packInput([])));
    capped.dispose();
    expect(result.logs).toHaveLength(4);
    expect(result.logs.slice(0, 2)).toEqual(['lines 2 {"a":1} [true,null]', 'warn: careful']);
    expect(result.logs[2]).toHaveLength(1001);
    expect(result.logs[3]).toBe('… 9 more log lines dropped');
  });

  it('keeps the logs of a macro that throws, and its message', async () => {
    const source = `export function pack() { console.log('before'); throw new TypeError('no parcels today'); }`;
    const result = await runner.run(macroCall(source, 'pack', packInput([])));
    expect(result).toMatchObject({ ok: false, error: { kind: 'threw', message: 'TypeError: no parcels today' }, logs: ['before'] });
  });

  it('reports a rejected promise and a thrown non-error as threw', async () => {
    const rejected = await runner.run(macroCall(`export async function pack() { await null; throw new Error('later'); }`, 'pack', {}));
    const thrown = await runner.run(macroCall(`export function pack() { throw { toString() { return 'odd'; } }; }`, 'pack', {}));
    expect(rejected.ok ? undefined : rejected.error).toEqual({ kind: 'threw', message: 'Error: later' });
    expect(thrown.ok ? undefined : thrown.error).toEqual({ kind: 'threw', message: 'odd' });
  });

  it('reports a hook the macro does not export as missing_hook', async () => {
    const result = await runner.run(macroCall(ECHO_PACK, 'score', {}));
    expect(result).toMatchObject({ ok: false, error: { kind: 'missing_hook', message: 'the macro does not export a "score" hook' } });
  });

  it('serves many concurrent calls with a small pool, each with its own input', async () => {
    const inputs = Array.from({ length: 40 }, (_, i) => packInput([{ sku: `SKU-${i}`, quantity: i + 1, product: product() }]));
    const results = await Promise.all(inputs.map((input) => runner.run(macroCall(ECHO_PACK, 'pack', input))));
    for (const [i, result] of results.entries()) {
      expect(result).toMatchObject({ ok: true, value: [{ lines: [{ sku: `SKU-${i}`, quantity: i + 1 }] }] });
    }
  });

  it('keeps the event loop and the other isolates serving while a macro runs away', async () => {
    // A long CPU limit, so the runaway is still spinning whatever the machine's load.
    const pair = new MacroRunner({ poolSize: 2, timeoutMs: 3000 });
    let stopped = false;
    const runaway = pair.run(macroCall('export function pack() { for (;;) {} }', 'pack', {}, { name: 'runaway' })).then((result) => {
      stopped = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const served = [];
    for (let i = 0; i < 5; i++)
      served.push(await pair.run(macroCall(ECHO_PACK, 'pack', packInput([{ sku: `S-${i}`, quantity: 1, product: product() }]))));
    const stoppedBeforeServed = stopped;
    const stuck = await runaway;
    pair.dispose();
    expect(stoppedBeforeServed).toBe(false);
    for (const [i, result] of served.entries()) expect(result).toMatchObject({ ok: true, value: [{ lines: [{ sku: `S-${i}` }] }] });
    expect(stuck).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it('does not charge a call for memory that earlier calls left behind', async () => {
    // Each call holds ~10 MB of a 32 MB heap; only if spent contexts were never collected would they add up.
    const roomy = new MacroRunner({ poolSize: 1, timeoutMs: 5000 }); // time is not what this is about
    const source = 'export function pack() { const held = new Array(1.25e6).fill(0.5); return [held.length]; }';
    for (let i = 0; i < 20; i++) expect(await roomy.run(macroCall(source, 'pack', {}))).toMatchObject({ ok: true, value: [1.25e6] });
    roomy.dispose();
  });

  it('runs the new code when a macro name and version come with different JS', async () => {
    const one = compiled('export function pack() { return [1]; }').js;
    const two = compiled('export function pack() { return [2]; }').js;
    const call = (js: string) => runner.run({ macro: { name: 'edited', version: 1, js }, hook: 'pack', input: {}, seed: 's' });
    expect(await call(one)).toMatchObject({ value: [1] });
    expect(await call(two)).toMatchObject({ value: [2] });
  });

  it('fails calls as internal once disposed, without throwing', async () => {
    const disposed = new MacroRunner({ poolSize: 1 });
    disposed.dispose();
    const result = await disposed.run(macroCall(ECHO_PACK, 'pack', packInput([])));
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('fails input that is not JSON data as internal, without throwing', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const result = await runner.run(macroCall(ECHO_PACK, 'pack', cyclic));
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });
});
