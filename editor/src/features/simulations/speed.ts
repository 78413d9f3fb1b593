// How fast a replay goes: orders per second from recent progress samples, or over a whole
// finished job by the server's clock. Pure.
import type { Simulation } from '../../api/types.ts';

export interface Sample {
  at: number;
  processed: number;
}

/** Orders per second over the samples (oldest to newest); null until two samples differ in time. */
export function throughput(samples: Sample[]): number | null {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || last.at <= first.at) return null;
  return ((last.processed - first.processed) * 1000) / (last.at - first.at);
}

/** Orders per second over a whole finished job, by the server's clock. */
export function overallThroughput(sim: Simulation): number | null {
  if (!sim.finishedAt) return null;
  const ms = Date.parse(sim.finishedAt) - Date.parse(sim.createdAt);
  return ms > 0 ? (sim.progress.processed * 1000) / ms : null;
}
