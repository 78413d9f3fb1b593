import { describe, expect, it } from 'vitest';
import { benchCommit } from './commit.bench.ts';

describe('benchCommit', () => {
  it('replays the storeOrder calls of orders placed through intake and reports the commit stage per order', async () => {
    const figures = await benchCommit({ orders: 120, batch: 16, warmOrders: 40, rounds: 1 });
    expect(figures['commit.orders']).toBe(120);
    for (const key of [
      'commit.usPerOrder',
      'commit.sqlUsPerOrder',
      'commit.commitMsPerBatch',
      'commit.walKbPerOrder',
      'commit.checkpointUsPerOrder',
    ])
      expect(figures[key], key).toBeGreaterThan(0);
    // The COMMIT is part of the whole and not of the statements; every order writes at least its row's page.
    expect(figures['commit.sqlUsPerOrder']).toBeLessThan(figures['commit.usPerOrder'] ?? 0);
    expect(figures['commit.walPagesPerOrder']).toBeGreaterThan(1);
  });
});
