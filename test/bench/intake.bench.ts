// Order intake over HTTP: the demo server in its own process (a cluster with CONVEYOR_WORKERS set),
// autocannon posting unique orders from the demo's channels at 64 (and 256) concurrent connections
// as fast as they are answered (measured after a warm-up within the same run), then at a steady
// 1,000 and 1,500 orders/s (open loop, evenly spaced) for the latency below capacity.
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
    const prefix = `intake${opts.policy === 'none' ? '.noPolicy' : ''}`;
    const pid = server.child.pid as number;
    let first = true;
    for (const c of opts.connections ?? [64, 256]) {
      // Warm, as a server taking a shop's orders all day is: V8 compiles the hot paths over the first
      // seconds of load and the macros' fast lane compiles each macro on its first call. Later runs
      // only let their connections settle: opened all at once, they first send in lockstep.
      const r = await saturate(server.url, pid, { connections: c, warmSeconds: first ? 5 : 2, seconds, prefix: `c${c}` });
      first = false;
      const key = `${prefix}${c === 64 ? '' : `.c${c}`}`;
      figures[`${key}.ordersPerSec`] = r.ordersPerSec;
      figures[`${key}.p50Ms`] = r.p50Ms;
      figures[`${key}.p99Ms`] = r.p99Ms;
      figures[`${key}.errors`] = r.errors;
      figures[`${key}.orders`] = r.orders;
      // CPU per order of the server's main thread and of its other threads (commit thread, GC, libsql):
      // the event loop's share bounds one process's throughput.
      if (r.cpu) figures[`${key}.mainThreadUsPerOrder`] = r.cpu.mainUs;
      if (r.cpu) figures[`${key}.otherThreadsUsPerOrder`] = r.cpu.otherUs;
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

interface SaturatedRun {
  ordersPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  orders: number;
  cpu: ReturnType<typeof cpuPerUnitUs>;
}

/**
 * Posts orders on `connections` connections, each sending its next as soon as it is answered, for
 * warmSeconds + seconds; the figures are of the last `seconds` alone (one run, so the connections
 * measured are the warmed ones, in their steady state).
 */
function saturate(
  url: string,
  pid: number,
  o: { connections: number; warmSeconds: number; seconds: number; prefix: string },
): Promise<SaturatedRun> {
  let i = 0;
  const channels = [DEMO_KEYS.webshop, DEMO_KEYS.amazon, DEMO_KEYS.ebay, DEMO_KEYS.store];
  const latencies: number[] = [];
  let errors = 0;
  let measuring = false;
  let cpuBefore = new Map<number, number>();
  let measuredFrom = 0;
  const warm = setTimeout(() => {
    measuring = true;
    measuredFrom = performance.now();
    cpuBefore = threadCpuMs(pid);
  }, o.warmSeconds * 1000);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/v1/orders`,
        method: 'POST',
        connections: o.connections,
        duration: o.warmSeconds + o.seconds,
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              const n = i++;
              return {
                ...req,
                headers: { ...req.headers, authorization: `Bearer ${channels[n % channels.length]}` },
                body: JSON.stringify(syntheticOrder(n, `${o.prefix}-${process.pid}`)),
              };
            },
          },
        ],
      },
      (err) => {
        clearTimeout(warm);
        if (err) return reject(err);
        if (!measuring) return reject(new Error(`the ${o.connections}-connection run ended during its warm-up`));
        const elapsed = (performance.now() - measuredFrom) / 1000;
        const cpu = cpuPerUnitUs(pid, cpuBefore, threadCpuMs(pid), latencies.length);
        latencies.sort((a, b) => a - b);
        const at = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0) * 10) / 10;
        resolve({
          ordersPerSec: Math.round(latencies.length / elapsed),
          p50Ms: at(0.5),
          p99Ms: at(0.99),
          errors,
          orders: latencies.length,
          cpu,
        });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (!measuring) return;
      if (status >= 200 && status < 300) latencies.push(ms);
      else errors++;
    });
    instance.on('reqError', () => {
      if (measuring) errors++;
    });
    autocannon.track(instance, { renderProgressBar: process.stdout.isTTY, renderResultsTable: false, renderLatencyTable: false });
  });
}
