// TypeScript for macros: the compiler settings of the sandbox and the macro API types served by
// the server (GET /v1/macro-api.d.ts), registered where a macro's own import line finds them.
import { getMacroApiTypes } from '../api/client.ts';
import type { Monaco } from './setup.ts';

/** Where macro-api.d.ts says the editor registers it, matching `../../sandbox/macro-api.d.ts`. */
export const MACRO_API_URI = 'file:///sandbox/macro-api.d.ts';
/** A macro's model URI; from here the macro's import path resolves to MACRO_API_URI. */
export const macroModelUri = (name: string): string => `file:///rules-samples/macros/${name}.ts`;

let loaded: Promise<void> | undefined;

/** Sets up the TypeScript service for macros once; later calls share the first load. */
export function setUpMacroTypes(monaco: Monaco): Promise<void> {
  loaded ??= (async () => {
    const ts = monaco.typescript;
    ts.typescriptDefaults.setCompilerOptions({
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.NodeJs,
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      allowNonTsExtensions: true,
      // The sandbox has no DOM: only the language and the console macro-api.d.ts declares.
      lib: ['es2022'],
    });
    ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
    ts.typescriptDefaults.setEagerModelSync(true);
    const dts = await getMacroApiTypes();
    ts.typescriptDefaults.addExtraLib(dts, MACRO_API_URI);
  })().catch((err: unknown) => {
    loaded = undefined;
    throw err;
  });
  return loaded;
}
