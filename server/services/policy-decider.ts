// Decides an order under a policy: facts, rules (the compiled fast engine), the run-macro hooks
// (decide adds directives, score adjusts warehouse costs, pack packs the chosen shipments), and
// the combined constraints. A macro that fails holds the order; nothing here throws for a macro.
import type { MacroHook } from '../../sandbox/compile.ts';
import type { MacroCallResult } from '../../sandbox/runner.ts';
import { validateDecideResult, validatePackResult, validateScoreResult } from '../../sandbox/validate-results.ts';
import type { PackableLine } from '../domain/packing.ts';
import { aggregateLines } from '../domain/order.ts';
import type { Directive, Hold, Warehouse } from '../domain/types.ts';
import { computeFacts, resolveDirectives, type OrderFacts, type PolicyEvaluation } from '../policies/index.ts';
import type { DecisionContext, DecisionOutcome, OrderDecider, PackOutcome } from './decide.ts';
import { unconstrainedDecider } from './decide.ts';
import type { MacroLibrary, MacroVersion } from './macros.ts';
import { routeUnits } from './plan-order.ts';
import type { ActivePolicy } from './policies.ts';

/** One macro hook call as the decision trace shows it. */
export interface MacroTrace {
  macro: string;
  version: number;
  hook: MacroHook;
  ok: boolean;
  value?: unknown;
  error?: { kind: string; message: string } | undefined;
  logs: string[];
  durationUs: number;
}

export class PolicyDecider implements OrderDecider {
  constructor(
    private readonly policy: () => Promise<ActivePolicy | null>,
    private readonly macros: MacroLibrary,
    /** Told of every macro call (metrics); dry-runs and simulations pass none. */
    private readonly onMacroCall?: (call: MacroTrace) => void,
    /**
     * 'fired': the trace has condition trees for the rules that fired only, which is all a stored
     * order keeps (intake); 'all' (dry-runs): every rule's.
     */
    private readonly conditionTraces: 'all' | 'fired' = 'all',
  ) {}

  async decide(ctx: DecisionContext): Promise<DecisionOutcome> {
    const policy = await this.policy();
    if (!policy) return unconstrainedDecider.decide(ctx);
    const facts = computeFacts(ctx);
    const evaluation = this.conditionTraces === 'fired' ? policy.compiled.evaluateFired(facts) : policy.compiled.evaluate(facts);
    return this.decideUnder(ctx, policy, evaluation, facts);
  }

  /**
   * Decides with the rules' outcome worked out ahead: `fired` is the policy's `firedRules` on this
   * order's facts (a replay's main thread works it out). Facts are computed here only when a decide
   * macro needs them; the trace has rule outcomes without condition trees, and facts only then.
   */
  async decideFired(ctx: DecisionContext, fired: readonly number[]): Promise<DecisionOutcome> {
    const policy = await this.policy();
    if (!policy) return unconstrainedDecider.decide(ctx);
    return this.decideUnder(ctx, policy, policy.compiled.outcomesOf(fired));
  }

  private async decideUnder(
    ctx: DecisionContext,
    policy: ActivePolicy,
    evaluation: PolicyEvaluation,
    known?: OrderFacts,
  ): Promise<DecisionOutcome> {
    let facts = known;
    const directives: Directive[] = evaluation.events.map((e) => e.directive);
    const calls: MacroTrace[] = [];
    const used: Record<string, number> = {};
    const run = (m: MacroVersion, hook: MacroHook, input: unknown) => this.call(m, hook, input, ctx, calls);
    const holds: Hold[] = [];
    // The rules' own directives, resolved; unless a decide macro adds some, this is the final answer too.
    const fromRules = resolveDirectives(directives);
    const ruleDirectives = directives.length;
    const macros: MacroVersion[] = [];
    for (const name of fromRules.macros) {
      const m = policy.macros.get(name);
      if (!m) holds.push({ reason: 'macro_failed', macro: name, message: `macro ${name} is not part of this policy version` });
      else macros.push(m);
    }
    for (const m of macros) {
      used[m.name] = m.version;
      if (!m.hooks.includes('decide')) continue;
      facts ??= computeFacts(ctx);
      const result = await run(m, 'decide', { order: macroOrder(ctx), facts });
      const checked = result.ok ? validateDecideResult(result.value) : undefined;
      if (!result.ok || !checked?.ok) holds.push(failedHold(m, result, checked));
      else directives.push(...checked.directives);
    }
    const resolved = directives.length === ruleDirectives ? fromRules : resolveDirectives(directives);
    const outcome: DecisionOutcome = {
      constraints: resolved.constraints,
      holds: [...holds, ...resolved.holds],
      tags: resolved.tags,
      serviceLevel: resolved.serviceLevel ?? ctx.order.serviceLevel,
      policyVersion: policy.version,
      macros: used,
      trace: { facts, rules: evaluation.rules, directives, constraints: resolved.constraints, macros: calls, notes: resolved.notes },
    };
    if (outcome.holds.length > 0) return outcome;
    await this.score(
      ctx,
      outcome,
      macros.filter((m) => m.hooks.includes('score')),
      run,
    );
    const packer = macros.find((m) => m.hooks.includes('pack'));
    if (packer) outcome.pack = (warehouse, lines) => this.pack(ctx, packer, warehouse, lines, run);
    return outcome;
  }

  /** Score macros see every candidate's cost for the order and add to (or veto) warehouses. */
  private async score(ctx: DecisionContext, outcome: DecisionOutcome, scorers: MacroVersion[], run: Runner): Promise<void> {
    if (scorers.length === 0) return;
    // Priced as the order will be routed: the same settings and look-ahead reserves.
    const preview = routeUnits(ctx, outcome, aggregateLines(ctx.order.lines), ctx.stock);
    const candidates = preview.trace.candidates
      .filter((c) => c.eligible && c.cost && c.eta)
      .map((c) => ({
        warehouseId: c.warehouseId,
        cost: c.cost,
        eta: c.eta,
        country: ctx.warehouses.find((w) => w.id === c.warehouseId)?.country ?? '',
        stock: Object.fromEntries(ctx.order.lines.map((l) => [l.sku, ctx.stock.get(c.warehouseId)?.get(l.sku) ?? 0])),
      }));
    const adjustments = { ...outcome.constraints.scoreAdjustments };
    let changed = false;
    for (const m of scorers) {
      const result = await run(m, 'score', { order: macroOrder(ctx), candidates });
      const checked = result.ok
        ? validateScoreResult(
            result.value,
            ctx.warehouses.map((w) => w.id),
          )
        : undefined;
      if (!result.ok || !checked?.ok) {
        outcome.holds.push(failedHold(m, result, checked));
        return;
      }
      for (const [wh, extra] of Object.entries(checked.adjustments)) {
        const before = adjustments[wh];
        adjustments[wh] = extra === null || before === null ? null : (before ?? 0) + extra;
        if (extra !== 0) changed = true;
      }
    }
    outcome.constraints = { ...outcome.constraints, scoreAdjustments: adjustments };
    outcome.trace.constraints = outcome.constraints;
    // Adjustments of nothing route as none (routing reads an absent one as 0): the preview stands.
    if (!changed) outcome.routed = preview;
  }

  private async pack(
    ctx: DecisionContext,
    m: MacroVersion,
    warehouse: Warehouse,
    lines: PackableLine[],
    run: Runner,
  ): Promise<PackOutcome> {
    const input = { order: macroOrder(ctx), fulfillment: { warehouseId: warehouse.id, lines } };
    const result = await run(m, 'pack', input);
    const checked = result.ok
      ? validatePackResult(
          result.value,
          lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
        )
      : undefined;
    if (!result.ok || !checked?.ok) return { ok: false, hold: failedHold(m, result, checked) };
    return { ok: true, packages: checked.packages, macro: m.name };
  }

  private async call(
    m: MacroVersion,
    hook: MacroHook,
    input: unknown,
    ctx: DecisionContext,
    calls: MacroTrace[],
  ): Promise<MacroCallResult> {
    // Seeded by the channel's order id, so a replay of the same order draws the same numbers.
    const result = await this.macros.run(m, hook, input, `${ctx.order.channelId}:${ctx.order.externalId}`);
    const trace: MacroTrace = {
      macro: m.name,
      version: m.version,
      hook,
      ok: result.ok,
      ...(result.ok ? { value: result.value } : { error: result.error }),
      logs: result.logs,
      durationUs: result.durationUs,
    };
    calls.push(trace);
    this.onMacroCall?.(trace);
    return result;
  }
}

type Runner = (m: MacroVersion, hook: MacroHook, input: unknown) => Promise<MacroCallResult>;

function failedHold(m: MacroVersion, result: MacroCallResult, checked: { ok: false; message: string } | { ok: true } | undefined): Hold {
  const message = !result.ok
    ? `${result.error.kind}: ${result.error.message}`
    : checked && !checked.ok
      ? `invalid result: ${checked.message}`
      : 'failed';
  return { reason: 'macro_failed', macro: m.name, message };
}

/** What a macro sees of an order: copied plain data, no internal fields. */
function macroOrder(ctx: DecisionContext) {
  const { id, externalId, channelId, placedAt, serviceLevel, shipTo, lines, customer } = ctx.order;
  return { id, externalId, channelId, placedAt, serviceLevel, shipTo, lines, ...(customer ? { customer } : {}) };
}
