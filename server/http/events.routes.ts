// Live changes as Server-Sent Events; `Last-Event-ID` resumes from the event log after a reconnect.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Services } from '../services/container.ts';
import { eventsAfter, type StoredEvent } from '../store/event-repo.ts';
import { allow } from './auth.ts';
import type { AppEnv } from './env.ts';

export function eventRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.get('/events', allow('admin', 'analyst'), (c) => {
    const resumeFrom = Number(c.req.header('last-event-id') ?? c.req.query('after') ?? Number.NaN);
    const types = c.req.query('types')?.split(',').filter(Boolean);
    const wanted = (e: StoredEvent) => !types || types.some((t) => e.type === t || e.type.startsWith(`${t}.`));
    return streamSSE(c, async (stream) => {
      const queue: StoredEvent[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = await s.feed.subscribe((e) => {
        queue.push(e);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      if (Number.isInteger(resumeFrom)) queue.unshift(...(await s.db.read((sql) => eventsAfter(sql, resumeFrom, 1000))));
      let last = Number.isInteger(resumeFrom) ? resumeFrom : 0;
      await stream.writeSSE({ event: 'ready', data: '{}' });
      while (!stream.aborted) {
        const e = queue.shift();
        if (!e) {
          await Promise.race([new Promise<void>((r) => (wake = r)), stream.sleep(15_000)]);
          wake = undefined;
          if (queue.length === 0 && !stream.aborted) await stream.writeSSE({ event: 'ping', data: '{}' });
          continue;
        }
        if (e.seq <= last || !wanted(e)) continue;
        last = e.seq;
        await stream.writeSSE({ id: String(e.seq), event: e.type, data: JSON.stringify(e) });
      }
    });
  });

  return app;
}
