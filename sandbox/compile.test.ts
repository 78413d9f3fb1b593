import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMacro } from './compile.ts';

const PACK = `import type { PackInput, PackResult } from '../../sandbox/macro-api.d.ts';
export function pack(input: PackInput): PackResult {
  return [{ lines: input.fulfillment.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) }];
}
`;

function diagnosticsOf(source: string) {
  const result = compileMacro(source);
  if (result.ok) throw new Error('expected the macro not to compile');
  return result.diagnostics;
}

describe('compileMacro', () => {
  it('compiles a pack macro to JS and lists its hook', () => {
    const result = compileMacro(PACK);
    expect(result).toMatchObject({ ok: true, hooks: ['pack'] });
    if (result.ok) expect(result.js).not.toContain('PackInput');
  });

  it('lists every exported hook, however it is exported, and ignores other exports', () => {
    const source = `function helper() { return {}; }
export const decide = async () => [];
export { helper as score };
export function pack() { return []; }
export const threshold = 3;
export default function () {}`;
    expect(compileMacro(source)).toMatchObject({ ok: true, hooks: ['pack', 'decide', 'score'] });
  });

  it('drops type-only imports from any module name', () => {
    const source = `import type { ScoreInput } from 'conveyor/macro';\nimport { type ScoreResult } from './anything.js';\nexport function score(i: ScoreInput): ScoreResult { return {}; }`;
    expect(compileMacro(source)).toMatchObject({ ok: true, hooks: ['score'] });
  });

  it('reports a syntax error at its 1-based line and column', () => {
    expect(diagnosticsOf('export function pack() {\n  return [;\n}')).toEqual([
      { line: 2, column: 11, message: expect.stringContaining('Unexpected') },
    ]);
  });

  it('counts columns in characters, not bytes, after non-ASCII text', () => {
    const [diagnostic] = diagnosticsOf("const café = 'é'; const x: number = ;\nexport function pack() { return []; }");
    expect(diagnostic).toMatchObject({ line: 1, column: 37 });
  });

  it.each([
    ['an import statement', "import { chunk } from 'lodash';\nexport function pack() { return chunk([], 1); }", 1, 23],
    ['a default import used as a value', "export function pack() { return [fs]; }\nimport fs from 'node:fs';", 2, 16],
    ['require()', "const fs = require('fs');\nexport function pack() { return [fs]; }", 1, 20],
    ['a dynamic import()', "export async function pack() { await import('./other.js'); return []; }", 1, 45],
    ['a re-export', "export * from './helpers.js';\nexport function pack() { return []; }", 1, 15],
  ])('rejects %s as a runtime import, where it is', (_, source, line, column) => {
    expect(diagnosticsOf(source)).toEqual([{ line, column, message: expect.stringContaining('imported at runtime') }]);
  });

  it('reports top-level await at its position in the source', () => {
    expect(diagnosticsOf('const a = 1;\nconst b = await Promise.resolve(a);\nexport function pack() { return [b]; }')).toEqual([
      { line: 2, column: 11, message: expect.stringContaining('await') },
    ]);
  });

  it('rejects a module that exports no hook', () => {
    expect(diagnosticsOf('export function pick() { return []; }\nexport default function pack() {}')).toEqual([
      { line: 1, column: 1, message: expect.stringContaining('at least one hook') },
    ]);
  });

  it('rejects a hook that is not a function, at its export', () => {
    expect(diagnosticsOf('const n = 1;\nexport const pack = n + 1;')).toEqual([
      { line: 2, column: 14, message: 'the exported "pack" is a number, not a function' },
    ]);
  });

  it('rejects a module that throws while loading', () => {
    expect(diagnosticsOf("throw new RangeError('boom');\nexport function pack() { return []; }")).toEqual([
      { line: 1, column: 1, message: 'the macro failed while loading: RangeError: boom' },
    ]);
  });

  it('rejects a module that loops forever while loading, within its limit', () => {
    expect(diagnosticsOf('while (true) {}\nexport function pack() { return []; }')[0]?.message).toMatch(/failed while loading.*timed out/);
  });

  it('never throws, whatever the source', () => {
    fc.assert(
      fc.property(fc.string(), (source) => {
        const result = compileMacro(source);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 100 },
    );
  });
});
