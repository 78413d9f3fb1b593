// One simulation, fetched again every 500 ms while it runs, with its speed in orders per second
// from the last few seconds of progress.
import { type Signal, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { getSimulation } from '../../api/client.ts';
import type { Simulation } from '../../api/types.ts';
import { type Sample, throughput } from './speed.ts';

export const POLL_MS = 500;
const WINDOW_MS = 5_000;

export interface JobState {
  job: Signal<Simulation | null>;
  error: Signal<unknown>;
  /** Orders per second while running. */
  speed: Signal<number | null>;
}

/** Polls `GET /v1/simulations/:id` while the job runs; `bump` fetches again at once (after cancel). */
export function useSimulationJob(id: string, bump: number): JobState {
  const job = useSignal<Simulation | null>(null);
  const error = useSignal<unknown>(null);
  const speed = useSignal<number | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const samples: Sample[] = [];
    const tick = async () => {
      try {
        const sim = await getSimulation(id);
        if (!live) return;
        job.value = sim;
        error.value = null;
        const now = performance.now();
        samples.push({ at: now, processed: sim.progress.processed });
        while (samples.length > 2 && now - (samples[0]?.at ?? now) > WINDOW_MS) samples.shift();
        speed.value = throughput(samples);
        if (sim.status === 'running') timer = setTimeout(tick, POLL_MS);
      } catch (err) {
        if (!live) return;
        error.value = err;
        // A job that is gone stays gone; anything else (a network blip) is tried again.
        if (job.value?.status === 'running') timer = setTimeout(tick, POLL_MS * 4);
      }
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id, bump]);

  return { job, error, speed };
}
