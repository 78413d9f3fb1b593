// A real HTTP endpoint on 127.0.0.1 for webhook tests: it records every request and answers by a
// script (succeed, fail with a status, hang until the sender times out, or reset the connection).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply = 'ok' | 'hang' | 'reset' | { status: number; body?: string };

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
  at: number;
  reply: Reply;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Replies for the next requests, in order; after them every request gets `ok`. */
  script(...replies: Reply[]): void;
  /** Resolves once `n` requests (matching `filter`) have arrived. */
  waitFor(n: number, filter?: (r: Received) => boolean, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** Starts a receiver on an ephemeral port. */
export async function startReceiver(path = '/hook'): Promise<Receiver> {
  const received: Received[] = [];
  let replies: Reply[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const reply = replies.shift() ?? 'ok';
      received.push({ headers: req.headers, body, json: safeJson(body), at: Date.now(), reply });
      if (reply === 'hang') return;
      if (reply === 'reset') return void req.socket.destroy();
      const { status, body: text } = reply === 'ok' ? { status: 200, body: '{"received":true}' } : reply;
      res.writeHead(status, { 'content-type': 'application/json' }).end(text ?? `{"error":"planned ${status}"}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return {
    url,
    received,
    script(...r) {
      replies = [...r];
    },
    async waitFor(n, filter = () => true, timeoutMs = 10_000) {
      return eventually(async () => received.filter(filter).length >= n && received.filter(filter), timeoutMs);
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Settings that make retries take milliseconds instead of minutes. */
export const FAST = { pollMs: 20, timeoutMs: 400, retryDelaysMs: [100, 200, 300], maxAttempts: 5, jitter: 0 };

/**
 * Fast polling, but a timeout that survives write-lock waits: libSQL waits for the lock
 * synchronously, so a busy process may notice a quick answer late and count it as a timeout
 * (then send it again: at least once, but this test checks the exactly-once happy path).
 */
export const PEER_SETTINGS = { ...FAST, timeoutMs: 5_000 };

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
