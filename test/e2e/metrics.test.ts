// GET /metrics in the Prometheus text format: orders by channel and status, request latencies by
// route, macro calls by outcome, the webhook backlog.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEYS } from '../../server/demo/seed.ts';
import { orderBody, startTestServer, type TestServer } from '../support/server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ demo: true });
});
afterAll(() => t.close());

describe('GET /metrics', () => {
  it('counts orders, request latencies and macro calls, and reports the webhook backlog', async () => {
    await t.call('POST', '/v1/orders', { token: DEMO_KEYS.webshop, body: orderBody('M-1', [{ sku: 'OIL-OLIVE-1L', quantity: 1 }]) });
    await t.call('POST', '/v1/orders', { token: DEMO_KEYS.webshop, body: orderBody('M-1', [{ sku: 'OIL-OLIVE-1L', quantity: 1 }]) });
    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${DEMO_KEYS.analyst}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('conveyor_orders_total{channel="webshop",status="routed"} 1');
    expect(text).toMatch(/conveyor_http_request_duration_seconds_count\{method="POST",route="\/v1\/orders",status="201"\} 1/);
    expect(text).toMatch(/conveyor_macro_call_duration_seconds_count\{macro="split-liquids",hook="pack",outcome="ok"\} 1/);
    // The one macro call ran on the fast lane or (before the lane was set up, or past its budget on a loaded machine) on an isolate's thread.
    const lane = (name: string) => Number(new RegExp(`conveyor_macro_calls_by_lane\\{lane="${name}"\\} (\\d+)`).exec(text)?.[1]);
    expect(lane('fast') + lane('pooled')).toBe(1);
    expect(lane('fell_back')).toBeLessThanOrEqual(lane('pooled'));
    expect(text).toContain('conveyor_webhook_backlog 0');
    expect(text).toContain('conveyor_process_cpu_seconds_total');
  });

  it('needs an admin or analyst token', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${DEMO_KEYS.webshop}` } })).status).toBe(403);
  });
});
