import { defineConfig } from 'vitest/config';

// isolated-vm asks for --no-node-snapshot on Node 20; forks keep each suite's isolates in its own process.
export default defineConfig({
  test: {
    pool: 'forks',
    execArgv: ['--no-node-snapshot'],
    // A database call from inside a writer fails at once instead of waiting for itself (see write-queue.ts).
    env: { CONVEYOR_TX_CHECK: '1' },
    include: ['server/**/*.test.ts', 'sandbox/**/*.test.ts', 'rules-samples/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A browser under a full parallel run can take seconds to render (Monaco's squiggles, a chart):
    // polls wait for what must appear, so a slow machine fails no test (1 s was vitest's default).
    expect: { poll: { timeout: 15_000 } },
  },
});
