// Solves a routing request's MILP with HiGHS, lexicographically: most units shipped, then (with a
// preferred list) only preferred warehouses, then the least routing cost.
import type { Highs } from 'highs';
import type { RoutingRequest } from '../../server/domain/routing-types.ts';
import { buildMilp, type MilpInstance } from './milp.ts';
import type { Term } from './lp.ts';

export interface OracleResult {
  backordered: number;
  nonPreferred: number;
  cost: number;
}

let loaded: Promise<Highs> | undefined;
/** The HiGHS solver, loaded once per process. */
export const loadHighs = (): Promise<Highs> => (loaded ??= importHighs());

// highs ships CommonJS types for an ESM build whose default export is the loader.
async function importHighs(): Promise<Highs> {
  const mod = (await import('highs')) as unknown as { default: () => Promise<Highs> };
  return mod.default();
}

const OPTIONS = { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-7, time_limit: 60 };

/** The optimum of a request by the MILP. */
export function solveByMilp(highs: Highs, req: RoutingRequest): OracleResult {
  // Units and the preference depend only on the allocation, so they are solved without cost rows.
  const core = buildMilp(req, false);
  const shipped = core.unitsIfUnshared ?? (core.shipped.length > 0 ? Math.round(solve(highs, core, 'Maximize', core.shipped)) : 0);
  fix(core, core.shipped, shipped);
  const nonPreferred = core.nonPreferred.length > 0 ? Math.round(solve(highs, core, 'Minimize', core.nonPreferred)) : 0;
  const milp = buildMilp(req);
  fix(milp, milp.shipped, shipped);
  fix(milp, milp.nonPreferred, nonPreferred);
  const cost = shipped > 0 ? solve(highs, milp, 'Minimize', milp.cost) + milp.firstShipmentCredit : 0;
  return { backordered: milp.totalUnits - shipped, nonPreferred, cost };
}

function solve(highs: Highs, milp: MilpInstance, sense: 'Minimize' | 'Maximize', objective: Term[]): number {
  const result = highs.solve(milp.model.text(sense, objective), OPTIONS);
  if (result.Status !== 'Optimal') throw new Error(`HiGHS: ${result.Status}`);
  return result.ObjectiveValue;
}

function fix(milp: MilpInstance, terms: Term[], value: number): void {
  if (terms.length > 0) milp.model.constrain(terms, '=', value);
}
