import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The global setup builds and packs the published packages once for every test file.
    globalSetup: ['test/global-setup.ts'],
    // Packing, npm install, tsc and two Node versions run in child processes; each takes seconds on 2 cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
