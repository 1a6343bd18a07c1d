import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Several tests run the CLI, tsc or redocly in a child process; each takes a few seconds on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
