// Browser tests: real server process + Debian Chromium through playwright-core. Run one file at a
// time: the machine has two cores and each file starts its own server and browser.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A shared 2-core machine can be slow: wait up to 15 s for the page to show what is expected.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
