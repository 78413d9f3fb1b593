// `npm run bench` runs every benchmark; `npm run bench -- NAME` runs one. Figures are printed and
// merged into bench-results.json.
import { existsSync } from 'node:fs';
import { benchCommit } from './commit.bench.ts';
import { benchIntake } from './intake.bench.ts';
import { mergeResults, printTable, RESULTS_FILE } from './results.ts';

type Bench = () => Promise<Record<string, number>>;

const BENCHES: Record<string, Bench> = {
  intake: async () => ({ ...(await benchIntake()), ...(await benchIntake({ policy: 'none', connections: [64] })) }),
  commit: () => benchCommit(),
};

/** A benchmark whose module is not in this checkout is skipped; one that fails to load is an error. */
async function optional(modulePath: string, exportName: string): Promise<Bench | undefined> {
  if (!existsSync(new URL(modulePath, import.meta.url))) return undefined;
  const mod = (await import(modulePath)) as Record<string, Bench>;
  return mod[exportName];
}

const OPTIONAL: [name: string, module: string, exportName: string][] = [
  ['policy', '../../server/policies/bench.ts', 'benchPolicy'],
  ['macro', '../../sandbox/bench.ts', 'benchMacro'],
  ['abuse', '../../sandbox/bench-abuse.ts', 'benchMacroAbuse'],
  ['routing', '../../server/domain/bench-routing.ts', 'benchRouting'],
  ['simulation', '../../server/simulate/bench.ts', 'benchSimulation'],
  ['lookahead', '../../server/simulate/bench-lookahead.ts', 'benchLookahead'],
];
for (const [name, module, exportName] of OPTIONAL) {
  const bench = await optional(module, exportName);
  if (bench) BENCHES[name] = bench;
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !BENCHES[w]);
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}\n`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  process.stdout.write(`running ${name}…\n`);
  const figures = await (BENCHES[name] as Bench)();
  printTable(name, figures);
  mergeResults(figures);
}
process.stdout.write(`\nmerged into ${RESULTS_FILE}\n`);
