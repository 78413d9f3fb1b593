import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../domain/ports.ts';
import { openDatabase, type Db } from '../store/client.ts';
import { RoutingSettingsService, readRoutingOptions } from './routing-settings.ts';
import { DEFAULT_ROUTING_SETTINGS, mergeChanges } from './routing-settings-schema.ts';

const clock: Clock = { now: () => new Date('2026-11-24T10:00:00Z') };
let db: Db;
beforeEach(async () => {
  db = await openDatabase({ url: ':memory:' });
});
afterEach(() => db.close());

describe('RoutingSettingsService', () => {
  it('answers the defaults, version 0, before anything is stored', async () => {
    const view = await new RoutingSettingsService(db, clock).get();
    expect(view).toEqual({ settings: DEFAULT_ROUTING_SETTINGS, overrides: {}, version: 0, updatedAt: null, updatedBy: null });
  });

  it('removes a duty rule or a union membership given null, and keeps the null so the default stays removed', async () => {
    const service = new RoutingSettingsService(db, clock);
    const view = await service.update({ duties: { rules: { NO: null }, unions: { LI: null } } }, 'ops');
    expect(view.settings.duties.rules.NO).toBeUndefined();
    expect(view.settings.duties.unions.LI).toBeUndefined();
    expect(view.settings.duties.rules.CH).toEqual(DEFAULT_ROUTING_SETTINGS.duties.rules.CH);
    const later = await service.update({ splitPenalty: 0 }, 'ops');
    expect(later.overrides).toEqual({ duties: { rules: { NO: null }, unions: { LI: null } }, splitPenalty: 0 });
    expect((await readRoutingOptions(db)).duties?.rules.NO).toBeUndefined();
  });

  it('picks up a change made by another process once its copy is older than the time-to-live', async () => {
    const here = new RoutingSettingsService(db, clock, 30);
    const there = new RoutingSettingsService(db, clock);
    expect((await here.routingOptions()).splitPenalty).toBe(250);
    await there.update({ splitPenalty: 900 }, 'other process');
    await new Promise((r) => setTimeout(r, 40));
    expect((await here.routingOptions()).splitPenalty).toBe(900);
  });
});

describe('mergeChanges', () => {
  it('lets the later change win field by field and key by key', () => {
    expect(
      mergeChanges(
        { splitPenalty: 100, promisedDays: { standard: 3 }, duties: { rules: { GB: null } } },
        { promisedDays: { express: 1 }, duties: { unions: { NO: 'EU' } } },
      ),
    ).toEqual({ splitPenalty: 100, promisedDays: { standard: 3, express: 1 }, duties: { unions: { NO: 'EU' }, rules: { GB: null } } });
  });

  it('gives routing the deployment currency, so trace texts show its money', async () => {
    expect((await new RoutingSettingsService(db, clock, 2000, 'EUR').routingOptions()).currency).toBe('EUR');
    expect((await readRoutingOptions(db, 'USD')).currency).toBe('USD');
  });
});
