// Order intake over HTTP: the demo server in its own process (a cluster with CONVEYOR_WORKERS set),
// autocannon posting unique orders from the demo's channels at 64 (and 256) concurrent connections
// as fast as they are answered, then at a steady 1,000 orders/s (open loop, evenly spaced) for the
// latency below capacity.
import { rmSync } from 'node:fs';
import autocannon from 'autocannon';
import { demoStock } from '../../server/demo/catalogue.ts';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { syntheticOrder } from './orders.ts';
import { pacedLoad } from './paced-load.ts';
import { startServerProcess } from './server-process.ts';
import { cpuPerUnitUs, threadCpuMs } from './thread-cpu.ts';

const ADMIN = 'bench-admin-token';

export interface IntakeBenchOptions {
  seconds?: number;
  connections?: number[];
  /** 'demo': the demo's published policy and macros; 'none': an empty policy (routing only). */
  policy?: 'demo' | 'none';
  /**
   * Orders/s offered at a steady pace (open loop, at most 64 connections) after the saturating
   * runs, for latency below capacity (a saturating closed loop only measures queueing: p50 is about
   * connections / throughput). Default [1000, 1500] with the demo policy, none without.
   */
  pacedRates?: number[];
}

export async function benchIntake(opts: IntakeBenchOptions = {}): Promise<Record<string, number>> {
  const seconds = opts.seconds ?? 10;
  const server = await startServerProcess({ CONVEYOR_ADMIN_TOKEN: ADMIN, CONVEYOR_DEMO: '1' });
  const figures: Record<string, number> = {};
  try {
    // Deep stock everywhere, so the bench measures routing and reservation rather than backorders.
    const adjustments = demoStock().map((s) => ({ sku: s.sku, warehouseId: s.warehouseId, onHand: 1_000_000 }));
    const res = await fetch(`${server.url}/v1/inventory/adjustments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'bench stock', adjustments }),
    });
    if (!res.ok) throw new Error(`stock setup failed: ${res.status} ${await res.text()}`);
    if (opts.policy === 'none') await publishEmptyPolicy(server.url);
    // Warm, as a server taking a shop's orders all day is: V8 compiles the hot paths over the first
    // seconds of load, and the macros' fast lane compiles each macro on its first call.
    await run(server.url, 5, 'warmup', 64);
    const prefix = `intake${opts.policy === 'none' ? '.noPolicy' : ''}`;
    const pid = server.child.pid as number;
    const record = (key: string, r: autocannon.Result, cpu: ReturnType<typeof cpuPerUnitUs>) => {
      figures[`${key}.ordersPerSec`] = Math.round(r.requests.average);
      figures[`${key}.p50Ms`] = r.latency.p50;
      figures[`${key}.p99Ms`] = r.latency.p99;
      figures[`${key}.errors`] = r.errors + r.non2xx;
      figures[`${key}.orders`] = r.requests.total;
      // CPU per order of the server's main thread and of its other threads (commit thread, GC, libsql):
      // the event loop's share bounds one process's throughput.
      if (cpu) figures[`${key}.mainThreadUsPerOrder`] = cpu.mainUs;
      if (cpu) figures[`${key}.otherThreadsUsPerOrder`] = cpu.otherUs;
    };
    for (const c of opts.connections ?? [64, 256]) {
      const before = threadCpuMs(pid);
      const r = await run(server.url, seconds, `c${c}`, c);
      record(`${prefix}${c === 64 ? '' : `.c${c}`}`, r, cpuPerUnitUs(pid, before, threadCpuMs(pid), r.requests.total));
    }
    for (const rate of opts.pacedRates ?? (opts.policy === 'none' ? [] : [1000, 1500])) {
      const channels = [DEMO_KEYS.webshop, DEMO_KEYS.amazon, DEMO_KEYS.ebay, DEMO_KEYS.store];
      const paced = await pacedLoad({
        url: `${server.url}/v1/orders`,
        rate,
        seconds,
        connections: 64,
        build: (n) => ({
          headers: { 'content-type': 'application/json', authorization: `Bearer ${channels[n % channels.length]}` },
          body: JSON.stringify(syntheticOrder(n, `paced-${process.pid}`)),
        }),
      });
      const key = `${prefix}.paced${rate}`;
      figures[`${key}.ordersPerSec`] = paced.perSec;
      figures[`${key}.p50Ms`] = paced.p50Ms;
      figures[`${key}.p99Ms`] = paced.p99Ms;
      figures[`${key}.maxMs`] = paced.maxMs;
      figures[`${key}.errors`] = paced.errors;
      figures[`${key}.orders`] = paced.ok;
    }
  } finally {
    await server.stop();
    // Each run stores tens of thousands of orders (hundreds of MB): they are not kept.
    rmSync(server.dir, { recursive: true, force: true });
  }
  return figures;
}

async function publishEmptyPolicy(url: string): Promise<void> {
  const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
  await fetch(`${url}/v1/policies/draft`, { method: 'PUT', headers, body: JSON.stringify({ rules: [] }) });
  const published = await fetch(`${url}/v1/policies/publish`, { method: 'POST', headers });
  if (!published.ok) throw new Error(`publishing the empty policy failed: ${published.status}`);
}

function run(url: string, seconds: number, prefix: string, connections: number): Promise<autocannon.Result> {
  let i = 0;
  const channels = [DEMO_KEYS.webshop, DEMO_KEYS.amazon, DEMO_KEYS.ebay, DEMO_KEYS.store];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/v1/orders`,
        method: 'POST',
        connections,
        duration: seconds,
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              const n = i++;
              return {
                ...req,
                headers: { ...req.headers, authorization: `Bearer ${channels[n % channels.length]}` },
                body: JSON.stringify(syntheticOrder(n, `${prefix}-${process.pid}`)),
              };
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    autocannon.track(instance, { renderProgressBar: process.stdout.isTTY, renderResultsTable: false, renderLatencyTable: false });
  });
}
