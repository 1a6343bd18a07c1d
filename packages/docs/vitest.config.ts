import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Schema validation of every page compiles Ajv validators, which can take
    // several seconds while turbo runs every other suite on the same cores.
    testTimeout: 30_000,
  },
});
