import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Some tests start the service as a child process; under a parallel CI run
    // its start-up alone can take several seconds.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
