// [S6][R5] The convergence property test (convergence.test.ts, reused verbatim) with the devices
// talking to TWO real server processes on one PostgreSQL database: every request goes to one of
// them at random, so pushes, pulls and the retries after lost responses or duplicates switch
// process. Only the server the harness starts is swapped; devices, faults and checks are the same.
// Runs: SYNC_PG_PROPERTY_RUNS (default 30).
import { afterAll, vi } from 'vitest';

const saved = vi.hoisted(() => {
  const before = process.env.SYNC_PROPERTY_RUNS;
  process.env.SYNC_PROPERTY_RUNS = process.env.SYNC_PG_PROPERTY_RUNS ?? '30';
  return before;
});
afterAll(() => {
  if (saved === undefined) delete process.env.SYNC_PROPERTY_RUNS;
  else process.env.SYNC_PROPERTY_RUNS = saved;
});

vi.mock('./testing/harness', async (importOriginal) => {
  const real = await importOriginal<typeof import('./testing/harness')>();
  const { startPostgresTestServer } = await import('./testing/postgres-test-server');
  return { ...real, startTestServer: startPostgresTestServer };
});

import './convergence.test';
