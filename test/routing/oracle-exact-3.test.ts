// The optimiser against HiGHS on generated orders up to 10 lines and 20 warehouses, part 3 of 4
// (four files so the suites run in parallel). ROUTING_ORACLE_CASES sets the cases per part.
import { describe, expect, it } from 'vitest';
import { expectExactRange, ORACLE_CASES } from './oracle-expect.ts';

describe('routing against the HiGHS optimum (part 3)', () => {
  it('finds the optimum of every case it proves, and proves nearly all', async () => {
    await expectExactRange(1 + (3 - 1) * ORACLE_CASES, ORACLE_CASES, expect);
  }, 600_000);
});
