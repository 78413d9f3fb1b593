// Macro calls for replays. A macro is pure (copied input, seeded random, no clock), so a call that
// ran out of time only because the machine was busy gives the same answer when run again; retrying
// such calls keeps a replay's result independent of load. The live limits stay: a macro that really
// runs past them fails on every attempt, exactly as it would on a live order.
import { MacroRunner, type MacroCall, type MacroCallResult, type MacroRunnerOptions } from '../../sandbox/runner.ts';
import type { Services } from '../services/container.ts';
import { MacroLibrary } from '../services/macros.ts';
import type { ReplayServices } from './engine.ts';

const RETRIED: ReadonlySet<string> = new Set(['timeout', 'internal']);

/** A MacroRunner that tries a timed-out (or internally failed) call up to `attempts` times. */
export class SteadyMacroRunner extends MacroRunner {
  constructor(
    options: MacroRunnerOptions = {},
    private readonly attempts = 3,
  ) {
    super(options);
  }

  override async run(call: MacroCall): Promise<MacroCallResult> {
    let result = await super.run(call);
    for (let i = 1; i < this.attempts && !result.ok && RETRIED.has(result.error.kind); i++) result = await super.run(call);
    return result;
  }
}

/** What a replay decides with: the live catalogue and policies, and macros on their own steady isolates. */
export function replayServices(s: Pick<Services, 'db' | 'clock' | 'catalogue' | 'policies'>, options?: MacroRunnerOptions) {
  const runner = new SteadyMacroRunner(options);
  const services: ReplayServices = { catalogue: s.catalogue, policies: s.policies, macros: new MacroLibrary(s.db, s.clock, runner) };
  return { services, dispose: () => runner.dispose() };
}
