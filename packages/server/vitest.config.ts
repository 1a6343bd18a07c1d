import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests render hundreds of errors each. Under a parallel CI run on two cores one took
    // 5.8 s against vitest's default limit of 5 s, though it takes about 1 s alone.
    testTimeout: 30_000,
  },
});
