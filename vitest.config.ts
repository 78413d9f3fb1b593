import { defineConfig } from 'vitest/config';

// isolated-vm asks for --no-node-snapshot on Node 20; forks keep each suite's isolates in its own process.
export default defineConfig({
  test: {
    pool: 'forks',
    execArgv: ['--no-node-snapshot'],
    include: ['server/**/*.test.ts', 'sandbox/**/*.test.ts', 'rules-samples/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
