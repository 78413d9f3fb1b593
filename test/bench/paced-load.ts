// An open-loop load at a steady rate: requests leave on a fixed schedule (every 1/rate seconds,
// whatever the server does), and each latency counts from the request's scheduled time, so a stall
// shows in the tail instead of slowing the generator down (no coordinated omission). autocannon's
// rate limit sends each connection's quota in bursts, which measures its own queueing.
import { Agent, request } from 'node:http';

export interface PacedResult {
  sent: number;
  ok: number;
  errors: number;
  /** Achieved completions per second. */
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface PacedOptions {
  url: string;
  rate: number;
  seconds: number;
  /** Open connections at most (requests past it wait, their latency counting). */
  connections: number;
  /** The i-th request: headers and JSON body. */
  build: (i: number) => { headers: Record<string, string>; body: string };
}

export async function pacedLoad(o: PacedOptions): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const target = new URL(o.url);
  const total = Math.round(o.rate * o.seconds);
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  const send = (i: number, due: number): Promise<void> =>
    new Promise((resolve) => {
      const { headers, body } = o.build(i);
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - due);
            if ((res.statusCode ?? 0) < 300) ok++;
            else errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  for (let i = 0; i < total; ) {
    const now = performance.now();
    // Everything due by now leaves now; the timer's lateness is not the server's.
    for (; i < total && started + (i * 1000) / o.rate <= now; i++) inFlight.push(send(i, started + (i * 1000) / o.rate));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0) * 10) / 10;
  return { sent: total, ok, errors, perSec: Math.round(ok / elapsed), p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1) };
}
