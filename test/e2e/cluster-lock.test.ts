// The cluster write lock: one worker at a time, every turn granted, and a worker that dies holding
// the lock does not stall the others.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'conveyor-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cluster write lock', () => {
  it('lets one worker in at a time, in turns, and takes the lock back from a worker that dies holding it', () => {
    const log = join(dir, 'turns.log');
    execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'support', 'cluster-lock-script.ts')], {
      env: { ...process.env, LOCK_LOG: log, LOCK_TURNS: '30' },
      timeout: 30_000,
    });
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const holders: string[] = [];
    for (const [i, line] of lines.entries()) {
      const [what, who] = line.split(' ');
      if (what === 'in') {
        // The dead worker's "in" is followed by someone else's "in": its turn ended with it.
        const open = holders.pop();
        if (open !== undefined) expect(open).toBe('0');
        holders.push(who as string);
      } else {
        expect(holders.pop(), `line ${i}`).toBe(who);
      }
    }
    const count = (w: string) => lines.filter((l) => l === `out ${w}`).length;
    expect([count('0'), count('1'), count('2')]).toEqual([5, 30, 30]);
  });
});
